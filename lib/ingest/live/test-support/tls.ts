/**
 * A throw-away certificate authority and a server certificate for 127.0.0.1/localhost, made with
 * the `openssl` command at test time (nothing is committed). kubectl and Node both verify the SAN.
 */

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TestPki {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  /** A second CA that did not sign the server certificate (for the TLS-failure test). */
  readonly otherCaCert: string;
}

export function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function makeTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-pki-"));
  const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  try {
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    run("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=rbac-atlas-test-ca");
    run("req", "-x509", ...ec, "-keyout", "other.key", "-out", "other.crt", "-days", "2", "-subj", "/CN=rbac-atlas-other-ca");
    run("req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
    fs.writeFileSync(path.join(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf");
    const read = (f: string) => fs.readFileSync(path.join(dir, f), "utf8");
    return { caCert: read("ca.crt"), serverCert: read("server.crt"), serverKey: read("server.key"), otherCaCert: read("other.crt") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A kubeconfig with one context per entry, CA inlined as `certificate-authority-data`. */
export function writeKubeconfig(
  file: string,
  contexts: readonly { readonly name: string; readonly server: string; readonly caCert: string; readonly token: string }[],
  current = contexts[0]?.name ?? "",
): void {
  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
  const lines = ["apiVersion: v1", "kind: Config", `current-context: ${current}`, "clusters:"];
  for (const c of contexts) lines.push(`- name: ${c.name}-cluster`, "  cluster:", `    server: ${c.server}`, `    certificate-authority-data: ${b64(c.caCert)}`);
  lines.push("users:");
  for (const c of contexts) lines.push(`- name: ${c.name}-user`, "  user:", `    token: ${c.token}`);
  lines.push("contexts:");
  for (const c of contexts) lines.push(`- name: ${c.name}`, "  context:", `    cluster: ${c.name}-cluster`, `    user: ${c.name}-user`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
}
