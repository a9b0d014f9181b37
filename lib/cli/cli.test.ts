import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-support";

const POLICY = "fixtures/k8s-bootstrap-policy";
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-cli-"));

const TEAM = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: dev }
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: alice-reads, namespace: dev }
subjects: [{ kind: User, name: alice }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
`;

function teamFile(): string {
  const file = path.join(tmp(), "team.yaml");
  fs.writeFileSync(file, TEAM);
  return file;
}

describe("rbac-atlas can-i", () => {
  it("answers yes with exit 0 and no with exit 1, like kubectl auth can-i", async () => {
    const file = teamFile();
    const yes = await runCli(["can-i", "get", "pods", "-n", "dev", "--as", "alice", "-f", file]);
    expect([yes.code, yes.stdout]).toEqual([0, "yes\n"]);
    const no = await runCli(["can-i", "list", "pods", "-n", "dev", "--as", "alice", "-f", file]);
    expect([no.code, no.stdout]).toEqual([1, "no\n"]);
  });

  it("prints only JSON on stdout with -o json, with the grant chain", async () => {
    const result = await runCli(["can-i", "get", "po", "web-1", "-n", "dev", "--as", "alice", "-f", teamFile(), "-o", "json"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { allowed: boolean; request: Record<string, string>; grants: Record<string, unknown>[] };
    expect(json.allowed).toBe(true);
    expect(json.request).toMatchObject({ verb: "get", apiGroup: "", resource: "pods", namespace: "dev", name: "web-1" });
    expect(json.grants).toHaveLength(1);
    expect(json.grants[0]).toMatchObject({
      binding: { kind: "RoleBinding", name: "alice-reads", namespace: "dev" },
      role: { kind: "Role", name: "reader", namespace: "dev" },
      ruleIndex: 0,
      subject: { kind: "User", name: "alice" },
      matchedVia: { kind: "direct" },
    });
  });

  it("explains a denial with the nearest miss", async () => {
    const result = await runCli(["can-i", "list", "pods", "-n", "dev", "--as", "alice", "-f", teamFile(), "--explain"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Role dev\/reader.*grants get but not/);
  });

  it("treats a request without -n as cluster-scoped and says so on stderr", async () => {
    const result = await runCli(["can-i", "get", "pods", "--as", "alice", "-f", teamFile()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("cluster-scoped");
  });

  it("exits 2 on bad usage and bad input", async () => {
    expect((await runCli(["can-i", "get", "pods", "-f", teamFile()])).code).toBe(2); // no --as
    expect((await runCli(["can-i", "get", "pods", "--as", "a", "--bogus", "-f", teamFile()])).code).toBe(2);
    const missing = await runCli(["can-i", "get", "pods", "--as", "a", "-f", "/nonexistent/file.yaml"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("/nonexistent/file.yaml");
  });

  it("resolves the default policy: the scheduler may bind pods, anonymous may read /healthz but not list namespaces", async () => {
    expect((await runCli(["can-i", "create", "pods", "--subresource", "binding", "-n", "x", "--as", "system:kube-scheduler", "-f", POLICY])).code).toBe(0);
    expect((await runCli(["can-i", "get", "/healthz", "--as", "system:anonymous", "-f", POLICY])).code).toBe(0);
    expect((await runCli(["can-i", "list", "namespaces", "--as", "system:anonymous", "-f", POLICY])).code).toBe(1);
  });
});

describe("rbac-atlas who-can", () => {
  it("lists subjects with grants in the JSON contract", async () => {
    const result = await runCli(["who-can", "get", "pods", "-n", "dev", "-f", teamFile(), "-o", "json"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { subjects: { kind: string; name: string; grants: unknown[] }[] };
    expect(json.subjects.map((s) => `${s.kind}/${s.name}`)).toEqual(["User/alice"]);
  });

  it("with -A finds grants in any namespace", async () => {
    const cluster = await runCli(["who-can", "get", "pods", "-f", teamFile(), "-o", "json"]);
    expect((JSON.parse(cluster.stdout) as { subjects: unknown[] }).subjects).toEqual([]);
    const any = await runCli(["who-can", "get", "pods", "-A", "-f", teamFile(), "-o", "json"]);
    const json = JSON.parse(any.stdout) as { subjects: { name: string; grants: { scope: string | null }[] }[] };
    expect(json.subjects.map((s) => [s.name, s.grants.map((g) => g.scope)])).toEqual([["alice", ["dev"]]]);
  });
});

describe("rbac-atlas check", () => {
  it("reports each assertion and exits 1 when one fails", async () => {
    const dir = tmp();
    const assertions = path.join(dir, "assertions.yaml");
    fs.writeFileSync(
      assertions,
      `assertions:
- { id: alice-get, user: alice, verb: get, resource: pods, namespace: dev, expect: allow }
- { id: alice-list, user: alice, verb: list, resource: pods, namespace: dev, expect: allow }
- { id: anon-healthz, user: "system:anonymous", verb: get, nonResourceURL: /healthz, expect: deny }
`,
    );
    const result = await runCli(["check", assertions, "-f", teamFile(), "-o", "json"]);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { results: { id: string; actual: string; pass: boolean }[]; passed: number; failed: number };
    expect(json.results.map((r) => [r.id, r.actual, r.pass])).toEqual([
      ["alice-get", "allow", true],
      ["alice-list", "deny", false],
      ["anon-healthz", "deny", true],
    ]);
    expect([json.passed, json.failed]).toEqual([2, 1]);
  });

  it("exits 2 and names the offending entry on a bad assertions file", async () => {
    const dir = tmp();
    const assertions = path.join(dir, "bad.yaml");
    fs.writeFileSync(assertions, `assertions:\n- { id: ok, user: a, verb: get, resource: pods, expect: allow }\n- { id: broken, user: a, verb: get, expect: maybe }\n`);
    const result = await runCli(["check", assertions, "-f", teamFile()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("assertions[1] (id broken)");
  });
});

describe("rbac-atlas ingest + snapshots", () => {
  it("stores a snapshot that can-i then reads by default (latest)", async () => {
    const db = path.join(tmp(), "cli.db");
    const ingest = await runCli(["ingest", teamFile(), "--name", "team", "--db", db, "-o", "json"]);
    expect(ingest.code).toBe(0);
    const snapshot = (JSON.parse(ingest.stdout) as { snapshot: { id: number; counts: Record<string, number> } }).snapshot;
    expect(snapshot.counts).toMatchObject({ Role: 1, RoleBinding: 1 });
    expect((await runCli(["can-i", "get", "pods", "-n", "dev", "--as", "alice", "--db", db])).code).toBe(0);
    expect((await runCli(["can-i", "get", "pods", "-n", "dev", "--as", "alice", "--db", db, "--snapshot", String(snapshot.id + 1)])).code).toBe(2);
  });

  it("stores nothing when one document is bad, and names file, document and field", async () => {
    const dir = tmp();
    const db = path.join(dir, "cli.db");
    const bad = path.join(dir, "bad.yaml");
    fs.writeFileSync(bad, `${TEAM}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: x, namespace: dev }\nrules: "nope"\n`);
    const result = await runCli(["ingest", bad, "--db", db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bad.yaml");
    expect(result.stderr).toMatch(/document 3/);
    expect(result.stderr).toContain("rules");
    const list = await runCli(["snapshots", "--db", db, "-o", "json"]);
    expect(JSON.parse(list.stdout)).toEqual({ snapshots: [] });
  });
});

describe("the installed entry points", () => {
  it("`npm run -s cli` prints JSON alone on stdout", () => {
    const stdout = execFileSync("npm", ["run", "-s", "cli", "--", "can-i", "get", "/healthz", "--as", "system:anonymous", "-f", POLICY, "-o", "json"], {
      encoding: "utf8",
    });
    expect(JSON.parse(stdout)).toMatchObject({ allowed: true });
  });

  it("bin/rbac-atlas.mjs resolves relative paths against the caller's directory", () => {
    const result = spawnSync(process.execPath, [path.resolve("bin/rbac-atlas.mjs"), "can-i", "get", "/healthz", "--as", "system:anonymous", "-f", "k8s-bootstrap-policy"], {
      cwd: path.resolve("fixtures"),
      encoding: "utf8",
      env: { ...process.env, INIT_CWD: path.resolve("fixtures") },
    });
    expect([result.status, result.stdout]).toEqual([0, "yes\n"]);
  });
});

describe("crown jewels", () => {
  const CLUSTER = `
apiVersion: v1
kind: ServiceAccount
metadata: { name: vault, namespace: secrets-ns }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: builder, namespace: secrets-ns }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: pod-maker, namespace: secrets-ns }
rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: builder-makes-pods, namespace: secrets-ns }
subjects: [{ kind: ServiceAccount, name: builder }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-maker }
`;
  const toVault = (json: string) =>
    (JSON.parse(json) as { paths: { from: { name: string }; to: { kind: string; name: string } }[] }).paths
      .filter((p) => p.to.kind === "ServiceAccount" && p.to.name === "vault")
      .map((p) => p.from.name);

  it("--critical makes a ServiceAccount a sink for files, and marks do for stored snapshots", async () => {
    const dir = tmp();
    const file = path.join(dir, "c.yaml");
    fs.writeFileSync(file, CLUSTER);
    expect(toVault((await runCli(["paths", "-f", file, "-o", "json"])).stdout)).toEqual([]);
    expect(toVault((await runCli(["paths", "-f", file, "--critical", "ServiceAccount/secrets-ns/vault", "-o", "json"])).stdout)).toEqual(["builder"]);
    expect((await runCli(["paths", "-f", file, "--critical", "Node/x"])).code).toBe(2);

    const db = path.join(dir, "c.db");
    expect((await runCli(["ingest", file, "--db", db])).code).toBe(0);
    expect(toVault((await runCli(["paths", "--db", db, "-o", "json"])).stdout)).toEqual([]);
    expect(toVault((await runCli(["paths", "--db", db, "--critical", "Namespace/secrets-ns", "-o", "json"])).stdout)).toEqual(["builder"]);
    const marked = await runCli(["critical", "--add", "Namespace/secrets-ns", "--db", db, "-o", "json"]);
    expect(JSON.parse(marked.stdout)).toEqual({ critical: [{ kind: "Namespace", name: "secrets-ns", namespace: null }] });
    expect(toVault((await runCli(["paths", "--db", db, "-o", "json"])).stdout)).toEqual(["builder"]);
    await runCli(["critical", "--remove", "Namespace/secrets-ns", "--db", db]);
    expect(toVault((await runCli(["paths", "--db", db, "-o", "json"])).stdout)).toEqual([]);
  });
});

describe("rbac-atlas paths (text)", () => {
  it("says under each hop what enables it, the same from files and from the stored snapshot", async () => {
    const db = path.join(tmp(), "demo.db");
    expect((await runCli(["ingest", "demo", "--name", "demo", "--db", db])).code).toBe(0);
    const fromFiles = await runCli(["paths", "-f", "demo"]);
    const stored = await runCli(["paths", "--db", db]);
    expect(fromFiles.code).toBe(0);
    expect(stored.stdout).toBe(fromFiles.stdout);
    // a binding cause and a pod-field cause, in describeCause's words
    expect(stored.stdout).toContain("POD_CREATE_TOKEN_THEFT via RoleBinding/ops/ci-deployer → ServiceAccount/ops/cluster-janitor\n     enabled by RoleBinding ops/ci-deployer\n");
    expect(stored.stdout).toMatch(/\n {5}enabled by .* of Pod [a-z-]+\/[a-z0-9-]+/);
  });
});
