import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultKubeconfigFiles, listContexts, loadKubeConfig } from "./kubeconfig";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-kubeconfig-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, current: string, entries: readonly { context: string; server: string; token: string }[]): string {
  const file = path.join(dir, name);
  const lines = ["apiVersion: v1", "kind: Config", ...(current ? [`current-context: ${current}`] : []), "clusters:"];
  for (const e of entries) lines.push(`- name: ${e.context}`, "  cluster:", `    server: ${e.server}`);
  lines.push("users:");
  for (const e of entries) lines.push(`- name: ${e.context}`, "  user:", `    token: ${e.token}`);
  lines.push("contexts:");
  for (const e of entries) lines.push(`- name: ${e.context}`, "  context:", `    cluster: ${e.context}`, `    user: ${e.context}`, "    namespace: team-a");
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("kubeconfig loading", () => {
  const a = write("a", "", [{ context: "prod", server: "https://prod-a.example:6443", token: "secret-token-a" }]);
  const b = write("b", "dev", [
    { context: "prod", server: "https://prod-b.example:6443", token: "secret-token-b" },
    { context: "dev", server: "https://dev.example:6443", token: "secret-token-dev" },
  ]);
  const env = { KUBECONFIG: [a, b].join(path.delimiter), HOME: dir };

  it("reads a $KUBECONFIG list like kubectl: the first file defining a name wins, the first current-context wins", () => {
    const dev = loadKubeConfig({}, env);
    expect(dev.ok && { context: dev.config.context, server: dev.config.server }).toEqual({ context: "dev", server: "https://dev.example:6443" });
    const prod = loadKubeConfig({ context: "prod" }, env);
    expect(prod.ok && prod.config.server).toBe("https://prod-a.example:6443");
  });

  it("lists contexts with names, servers and namespaces but no credential", () => {
    const list = listContexts(undefined, env);
    expect(list).toEqual({
      ok: true,
      files: [a, b],
      contexts: [
        { name: "prod", cluster: "prod", server: "https://prod-a.example:6443", user: "prod", namespace: "team-a", current: false },
        { name: "dev", cluster: "dev", server: "https://dev.example:6443", user: "dev", namespace: "team-a", current: true },
      ],
    });
    expect(JSON.stringify(list)).not.toMatch(/secret-token/);
  });

  it("defaults to ~/.kube/config without $KUBECONFIG and never falls back to localhost:8080", () => {
    expect(defaultKubeconfigFiles({ HOME: "/home/x" })).toEqual(["/home/x/.kube/config"]);
    const result = loadKubeConfig({}, { HOME: dir });
    expect(result.ok ? "loaded" : result.failure.code).toBe("CONFIG");
  });

  it("a kubeconfig without current-context asks for --context", () => {
    const result = loadKubeConfig({ kubeconfig: a });
    expect(result.ok ? "loaded" : result.failure.message).toMatch(/has no current-context; pass --context NAME\.$/);
  });
});
