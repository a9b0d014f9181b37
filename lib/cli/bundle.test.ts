import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test-support";

/**
 * The compiled CLI (bin/rbac-atlas.mjs → dist/cli bundle) and the kubectl plugin against the
 * in-process CLI: same stdout byte for byte, same exit code, from a directory other than the package.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin", "rbac-atlas.mjs");
const PLUGIN = path.join(ROOT, "bin", "kubectl-rbac_atlas");

const CLUSTER = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: dev }
rules: [{ apiGroups: [""], resources: ["pods", "secrets"], verbs: ["get", "list"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: alice-reads, namespace: dev }
subjects: [{ kind: User, name: alice }, { kind: ServiceAccount, name: builder }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: builders-admin }
subjects: [{ kind: Group, name: "system:serviceaccounts:dev" }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: cluster-admin }
rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }, { nonResourceURLs: ["*"], verbs: ["*"] }]
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: builder, namespace: dev }
`;

let work: string;
let db: string;

/** Questions asked of the file (relative to `work`) and of the stored snapshot. */
const QUESTIONS: readonly (readonly string[])[] = [
  ["can-i", "get", "pods", "-n", "dev", "--as", "alice"],
  ["can-i", "delete", "pods", "-n", "dev", "--as", "alice"],
  ["can-i", "get", "secrets", "-n", "dev", "--as", "Alice"],
  ["who-can", "list", "secrets", "-n", "dev"],
  ["who-can", "get", "/healthz"],
  ["rules", "--as", "system:serviceaccount:dev:builder", "-n", "dev"],
  ["paths", "--to", "ClusterAdmin"],
  ["findings"],
];

function runBinary(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd: work, encoding: "utf8", env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  // The in-process CLI runs from `work` too: migrations and the bundled policy come from the package.
  process.env.RBAC_ATLAS_ROOT = ROOT;
  work = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-bundle-"));
  fs.writeFileSync(path.join(work, "cluster.yaml"), CLUSTER);
  db = path.join(work, "atlas.db");
  expect((await inProcess(["ingest", "cluster.yaml", "--db", db])).code).toBe(0);
  // Build now (if the sources changed) so each test below measures nothing but the call.
  execFileSync(process.execPath, [path.join(ROOT, "bin", "cli-bundle.mjs")], { stdio: "ignore" });
}, 120_000);

/** The in-process CLI, run from `work` so relative paths resolve alike. */
async function inProcess(args: readonly string[]) {
  const previous = { cwd: process.cwd(), initCwd: process.env.INIT_CWD };
  process.chdir(work);
  process.env.INIT_CWD = work;
  try {
    return await runCli(args);
  } finally {
    process.chdir(previous.cwd);
    if (previous.initCwd === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = previous.initCwd;
  }
}

describe("the compiled CLI", () => {
  it("gives byte-identical JSON and the same exit code as the in-process CLI, run from another directory (files and stored snapshot)", async () => {
    for (const question of QUESTIONS) {
      for (const input of [["-f", "cluster.yaml"], ["--db", "atlas.db"]]) {
        const args = [...question, ...input, "-o", "json"];
        const expected = await inProcess(args);
        const actual = runBinary(process.execPath, [BIN, ...args]);
        expect({ code: actual.code, stdout: actual.stdout }, args.join(" ")).toEqual({ code: expected.code, stdout: expected.stdout });
        expect(() => JSON.parse(actual.stdout)).not.toThrow();
      }
    }
  });

  it("reports bad input with exit 2, as the in-process CLI does", async () => {
    const args = ["can-i", "get", "pods", "--as", "alice", "-f", "missing.yaml", "-o", "json"];
    const expected = await inProcess(args);
    const actual = runBinary(process.execPath, [BIN, ...args]);
    expect([actual.code, actual.stdout]).toEqual([2, expected.stdout]);
    expect(actual.stderr).toContain("missing.yaml");
  });

  it("runs as an executable named kubectl-rbac_atlas, through a symlink on PATH", async () => {
    const binDir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-plugin-"));
    fs.symlinkSync(PLUGIN, path.join(binDir, "kubectl-rbac_atlas"));
    const args = ["can-i", "get", "pods", "-n", "dev", "--as", "alice", "-f", "cluster.yaml", "-o", "json"];
    const expected = await inProcess(args);
    const actual = runBinary(path.join(binDir, "kubectl-rbac_atlas"), args);
    expect([actual.code, actual.stdout]).toEqual([0, expected.stdout]);
  });

  const kubectl = spawnSync("sh", ["-c", "command -v kubectl"], { encoding: "utf8" }).stdout.trim();
  // CI installs kubectl (.ci/run): there its absence is a failure, not a skip.
  if (!kubectl && process.env.RBAC_ATLAS_CI === "1") throw new Error("kubectl is not on PATH in CI: `kubectl rbac-atlas` cannot be checked");
  if (!kubectl) process.stderr.write("WARNING: kubectl is not on PATH: `kubectl rbac-atlas` was NOT checked (apt-get install kubernetes-client)\n");

  it.skipIf(!kubectl)("answers as `kubectl rbac-atlas …` (kubectl finds the plugin on PATH) — skipped only without kubectl", async () => {
    const binDir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-kubectl-"));
    fs.symlinkSync(PLUGIN, path.join(binDir, "kubectl-rbac_atlas"));
    const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`, KUBECONFIG: path.join(binDir, "none") };
    expect(runBinary(kubectl, ["plugin", "list"], env).stdout).toContain("kubectl-rbac_atlas");
    for (const question of [QUESTIONS[0]!, QUESTIONS[3]!]) {
      const args = [...question, "--db", "atlas.db", "-o", "json"];
      const expected = await inProcess(args);
      const actual = runBinary(kubectl, ["rbac-atlas", ...args], env);
      expect({ code: actual.code, stdout: actual.stdout }, args.join(" ")).toEqual({ code: expected.code, stdout: expected.stdout });
    }
  });

  it("loads no database driver for questions about files: their chunks import neither better-sqlite3 nor Prisma", () => {
    const base = path.join(ROOT, "dist", "cli");
    const build = fs.readdirSync(base).find((entry) => !entry.startsWith("."));
    expect(build).toBeDefined();
    const meta = JSON.parse(fs.readFileSync(path.join(base, build!, "meta.json"), "utf8")) as {
      outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[] }>;
    };
    const staticImports = (command: string): string[] => {
      const start = Object.keys(meta.outputs).find((out) => Object.keys(meta.outputs[out]!.inputs).some((i) => i.endsWith(`lib/cli/commands/${command}.ts`)));
      expect(start, command).toBeDefined();
      const seen = new Set<string>();
      const externals: string[] = [];
      const walk = (out: string) => {
        if (seen.has(out)) return;
        seen.add(out);
        for (const i of meta.outputs[out]?.imports ?? []) {
          if (i.kind !== "import-statement") continue;
          if (i.external) externals.push(i.path);
          else walk(i.path);
        }
      };
      walk(start!);
      walk("main.js");
      return externals;
    };
    for (const command of ["can-i", "who-can", "rules", "matrix", "check", "paths", "findings", "fixes"]) {
      expect(staticImports(command).filter((e) => /better-sqlite3|@prisma/.test(e)), command).toEqual([]);
    }
    // The check itself can fail: ingest does load them.
    expect(staticImports("ingest").some((e) => e.startsWith("@prisma/"))).toBe(true);
  });

  it("is rebuilt when a source changes: the fingerprint follows lib/ file sizes and times", async () => {
    const { sourceFingerprint } = (await import(pathToFileURL(path.join(ROOT, "bin", "cli-bundle.mjs")).href)) as { sourceFingerprint: (root: string) => string };
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-fingerprint-"));
    fs.mkdirSync(path.join(root, "lib", "cli"), { recursive: true });
    fs.writeFileSync(path.join(root, "lib", "cli", "main.ts"), "export {};\n");
    fs.writeFileSync(path.join(root, "package.json"), "{}");
    const before = sourceFingerprint(root);
    expect(sourceFingerprint(root)).toBe(before);
    fs.writeFileSync(path.join(root, "lib", "cli", "main.ts"), "export const changed = 1;\n");
    const edited = sourceFingerprint(root);
    expect(edited).not.toBe(before);
    fs.writeFileSync(path.join(root, "lib", "cli", "main.test.ts"), "// tests are not bundled\n");
    expect(sourceFingerprint(root)).toBe(edited);
  });
});
