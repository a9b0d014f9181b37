import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test-support";

// v2 §2.9: every front-end command takes --trust FILE. These are the two that work on stored snapshots
// only: `analyze` keeps the file with the database, `diff` marks what changed with it.

const NEWCOMER = `
apiVersion: v1
kind: ServiceAccount
metadata: { name: newcomer, namespace: ci }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: newcomer-admin }
subjects: [{ kind: ServiceAccount, name: newcomer, namespace: ci }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
`;

let dir: string;
let db: string;
let trustNewcomer: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-trust-"));
  db = path.join(dir, "t.db");
  const extra = path.join(dir, "newcomer.yaml");
  fs.writeFileSync(extra, NEWCOMER);
  trustNewcomer = path.join(dir, "trust.yaml");
  fs.writeFileSync(trustNewcomer, "trust:\n  add: [ServiceAccount/ci/newcomer]\n");
  expect((await runCli(["ingest", "demo", "--name", "before", "--db", db])).code).toBe(0);
  expect((await runCli(["ingest", "demo", extra, "--name", "after", "--db", db])).code).toBe(0);
});

type PathsJson = { paths: { from: { name: string }; trusted: boolean }[] };
type DiffJson = {
  paths: { appeared: { from: string; to: string; trusted: boolean }[]; disappeared: unknown[] };
  findings: { new: { id: string; trusted: boolean }[] };
};

const newcomerPaths = async (snapshot: string) =>
  (JSON.parse((await runCli(["paths", "--from", "ServiceAccount/ci/newcomer", "--snapshot", snapshot, "--db", db, "-o", "json"])).stdout) as PathsJson).paths;

describe("--trust on stored snapshots", () => {
  it("diff marks appeared paths from the stored analysis, and from each side analysed again with --trust", async () => {
    const stored = JSON.parse((await runCli(["diff", "--from", "1", "--to", "2", "--db", db, "-o", "json"])).stdout) as DiffJson;
    const appeared = stored.paths.appeared.filter((p) => p.from === "ServiceAccount/ci/newcomer");
    expect(appeared.map((p) => [p.to, p.trusted])).toEqual([["ClusterAdmin", false]]);

    const run = await runCli(["diff", "--from", "1", "--to", "2", "--db", db, "--trust", trustNewcomer, "-o", "json"]);
    expect(run.code).toBe(0);
    const trusted = JSON.parse(run.stdout) as DiffJson;
    expect(trusted.paths.appeared.filter((p) => p.from === "ServiceAccount/ci/newcomer").map((p) => p.trusted)).toEqual([true]);
    // the same paths and findings changed either way; only the marks differ
    expect(trusted.paths.appeared.map((p) => [p.from, p.to])).toEqual(stored.paths.appeared.map((p) => [p.from, p.to]));
    expect(trusted.findings.new.map((f) => f.id)).toEqual(stored.findings.new.map((f) => f.id));

    // counts leave the trusted control plane out and say how much of it changed
    const text = await runCli(["diff", "--from", "1", "--to", "2", "--db", db, "--trust", trustNewcomer]);
    const untrustedAppeared = trusted.paths.appeared.filter((p) => !p.trusted).length;
    const trustedAppeared = trusted.paths.appeared.length - untrustedAppeared;
    expect(text.stdout).toContain(`escalation paths: +${untrustedAppeared} -0 (trusted control plane: +${trustedAppeared} -0)`);
    // diff --trust leaves the stored analysis alone
    expect((await newcomerPaths("2")).map((p) => p.trusted)).toEqual([false]);
  });

  it("analyze --trust keeps the file with the database and re-analyses the snapshot with it", async () => {
    const run = await runCli(["analyze", "--snapshot", "2", "--db", db, "--trust", trustNewcomer, "-o", "json"]);
    expect(run.code).toBe(0);
    expect((await newcomerPaths("2")).map((p) => p.trusted)).toEqual([true]);
    // kept: a later analysis of another snapshot applies it too (nothing to mark there: no newcomer)
    expect((await runCli(["analyze", "--snapshot", "1", "--db", db])).code).toBe(0);
    const diff = JSON.parse((await runCli(["diff", "--from", "1", "--to", "2", "--db", db, "-o", "json"])).stdout) as DiffJson;
    expect(diff.paths.appeared.filter((p) => p.from === "ServiceAccount/ci/newcomer").map((p) => p.trusted)).toEqual([true]);
  });

  it("analyze and diff refuse a bad trust file with exit 2, naming it, and keep the trust already stored", async () => {
    const bad = path.join(dir, "bad.trust.yaml");
    fs.writeFileSync(bad, "trust:\n  add: [Group/system:authenticated]\n");
    for (const argv of [
      ["analyze", "--snapshot", "2", "--db", db, "--trust", bad],
      ["diff", "--from", "1", "--to", "2", "--db", db, "--trust", bad],
    ]) {
      const run = await runCli(argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("bad.trust.yaml");
    }
    expect((await newcomerPaths("2")).map((p) => p.trusted)).toEqual([true]);
  });
});
