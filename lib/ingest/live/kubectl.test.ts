/**
 * Keeps the fixture API server honest about the API shape: the real kubectl (Debian package
 * `kubernetes-client`, or any kubectl on PATH) must list the same ClusterRoles through it.
 * Without kubectl the test is reported as skipped with the reason in its name and a warning on
 * stderr: it never passes without having checked anything.
 */

import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixtureObjects, startFakeApiServer, type FakeApiServer } from "./test-support/fake-apiserver";
import { makeTestPki, writeKubeconfig } from "./test-support/tls";

const run = promisify(execFile);
const TOKEN = "kubectl-token-42";
const ROOT = path.resolve(import.meta.dirname, "../../..");

function findKubectl(): string | undefined {
  try {
    return execFileSync("sh", ["-c", "command -v kubectl"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const kubectl = findKubectl();
if (kubectl === undefined) process.stderr.write("WARNING: kubectl is not on PATH: the fixture API server was NOT checked against kubectl (apt-get install kubernetes-client)\n");

let server: FakeApiServer;
let dir: string;
let kubeconfig: string;
let names: string[];

beforeAll(async () => {
  if (kubectl === undefined) return;
  const pki = makeTestPki();
  const objects = loadFixtureObjects([path.join(ROOT, "fixtures", "k8s-bootstrap-policy")]);
  names = objects.filter((o) => o.kind === "ClusterRole").map((o) => (o.metadata as { name: string }).name).sort();
  server = await startFakeApiServer({ cert: pki.serverCert, key: pki.serverKey, token: TOKEN, objects, maxPageSize: 30 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-kubectl-"));
  kubeconfig = path.join(dir, "kubeconfig");
  writeKubeconfig(kubeconfig, [{ name: "fake", server: server.url, caCert: pki.caCert, token: TOKEN }]);
});

afterAll(async () => {
  if (kubectl === undefined) return;
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`the fixture API server answers kubectl (${kubectl ?? "kubectl NOT FOUND: not checked"})`, () => {
  const env = { ...process.env, HOME: os.tmpdir(), KUBECACHEDIR: "" };

  it("kubectl get clusterroles -o name lists every bootstrap ClusterRole, across pages", async (ctx) => {
    if (kubectl === undefined) return ctx.skip("kubectl is not on PATH (Debian: apt-get install kubernetes-client)");
    const { stdout } = await run(kubectl, ["--kubeconfig", kubeconfig, "--cache-dir", path.join(dir, "cache"), "get", "clusterroles", "-o", "name"], { env });
    const listed = stdout.trim().split("\n").map((line) => line.replace(/^clusterrole\.rbac\.authorization\.k8s\.io\//, "")).sort();
    expect(listed).toEqual(names);
    expect(server.requests.some((r) => r.path.startsWith("/apis/rbac.authorization.k8s.io/v1/clusterroles") && r.path.includes("continue="))).toBe(true);
  });

  it("kubectl get clusterroles prints a NAME table", async (ctx) => {
    if (kubectl === undefined) return ctx.skip("kubectl is not on PATH (Debian: apt-get install kubernetes-client)");
    const { stdout } = await run(kubectl, ["--kubeconfig", kubeconfig, "--cache-dir", path.join(dir, "cache"), "get", "clusterroles"], { env });
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0]).sort()).toEqual(names);
  });

  it("kubectl with a wrong token gets 401 from the server", async (ctx) => {
    if (kubectl === undefined) return ctx.skip("kubectl is not on PATH (Debian: apt-get install kubernetes-client)");
    const error = await run(kubectl, ["--kubeconfig", kubeconfig, "--cache-dir", path.join(dir, "cache"), "--token", "wrong", "get", "clusterroles"], { env }).then(
      () => undefined,
      (e: unknown) => e as { stderr: string },
    );
    expect(error?.stderr).toMatch(/Unauthorized|must be logged in/);
  });
});
