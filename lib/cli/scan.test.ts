import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-support";

const DEMO = ["demo", "fixtures/k8s-bootstrap-policy"];
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-scan-"));

const CLEAN = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: dev }
rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: alice-reads, namespace: dev }
subjects: [{ kind: User, name: alice }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
`;

const NEW_ADMIN = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: mallory-admin }
subjects: [{ kind: User, name: mallory }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
`;

function write(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const acceptAll = (expires: string) => `acceptedRisks:\n  - rule: "*"\n    reason: lab cluster\n    owner: sre\n    expires: ${expires}\n`;

describe("rbac-atlas scan", () => {
  it("exits 0 on clean manifests and 1 when a finding or path at or above the threshold remains", async () => {
    const dir = tmp();
    const clean = await runCli(["scan", write(dir, "clean.yaml", CLEAN), "--fail-on", "low"]);
    expect([clean.code, clean.stdout]).toEqual([0, expect.stringContaining("PASS")]);
    const demo = await runCli(["scan", ...DEMO, "-o", "json"]);
    expect(demo.code).toBe(1);
    const verdict = JSON.parse(demo.stdout);
    expect(verdict).toMatchObject({ threshold: "high", pass: false });
    expect(verdict.failing.length).toBeGreaterThan(0);
    expect(verdict.failing.every((f: { severity: string }) => f.severity === "Critical" || f.severity === "High")).toBe(true);
  });

  it("never fails on the trusted control plane: the bootstrap policy alone passes at the lowest threshold", async () => {
    const run = await runCli(["scan", "fixtures/k8s-bootstrap-policy", "--fail-on", "low", "-o", "json"]);
    const verdict = JSON.parse(run.stdout);
    expect([run.code, verdict.pass, verdict.failing]).toEqual([0, true, []]);
    expect(verdict.trusted.findings + verdict.trusted.paths).toBeGreaterThan(0);
  });

  it("applies --trust: a principal removed from the trusted set fails the scan again", async () => {
    const dir = tmp();
    const trust = write(dir, "trust.yaml", "trust:\n  remove: [Group/system:masters]\n");
    const run = await runCli(["scan", "fixtures/k8s-bootstrap-policy", "--fail-on", "critical", "--trust", trust, "-o", "json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).failing.map((f: { identity: string }) => f.identity)).toEqual(["Group/system:masters -> ClusterAdmin"]);
    const bad = await runCli(["scan", "fixtures/k8s-bootstrap-policy", "--trust", write(dir, "bad.yaml", "trust:\n  add: [Group/system:authenticated]\n")]);
    expect(bad.code).toBe(2);
  });

  it("with a baseline fails only on new paths and findings", async () => {
    const dir = tmp();
    const baseline = path.join(dir, "baseline.json");
    expect((await runCli(["scan", ...DEMO, "--format", "json", "--out", baseline])).code).toBe(1);
    const same = await runCli(["scan", ...DEMO, "--baseline", baseline, "-o", "json"]);
    expect([same.code, JSON.parse(same.stdout).failing]).toEqual([0, []]);
    const added = await runCli(["scan", ...DEMO, write(dir, "new.yaml", NEW_ADMIN), "--baseline", baseline, "-o", "json"]);
    expect(added.code).toBe(1);
    expect(JSON.parse(added.stdout).failing.map((f: { identity: string }) => f.identity)).toEqual(["User/mallory -> ClusterAdmin"]);
  });

  it("leaves accepted items out of the verdict until the acceptance expires, then reports it expired", async () => {
    const dir = tmp();
    const active = await runCli(["scan", ...DEMO, "--fail-on", "low", "--accept", write(dir, "active.yaml", acceptAll("2999-12-31"))]);
    expect(active.code).toBe(0);
    const expired = await runCli(["scan", ...DEMO, "--fail-on", "low", "--accept", write(dir, "expired.yaml", acceptAll("2020-01-01"))]);
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain("EXPIRED accepted risk * on * */* (owner sre) expired on 2020-01-01");
  });

  it("writes a text report to stdout and keeps the verdict on stderr", async () => {
    const run = await runCli(["scan", ...DEMO, "--format", "sarif"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).version).toBe("2.1.0");
    expect(run.stderr).toContain("FAIL:");
  });

  it("exits 2 on bad input: missing path, bad threshold, bad accept file, bad baseline, binary format without --out", async () => {
    const dir = tmp();
    const cases = [
      ["scan", path.join(dir, "missing.yaml")],
      ["scan", ...DEMO, "--fail-on", "severe"],
      ["scan", ...DEMO, "--accept", write(dir, "bad.yaml", "acceptedRisks:\n  - rule: X\n")],
      ["scan", ...DEMO, "--baseline", write(dir, "base.json", "{}")],
      ["scan", ...DEMO, "--format", "pdf"],
      ["scan", write(dir, "broken.yaml", "kind: Role\nmetadata: [\n")],
    ];
    for (const argv of cases) {
      const run = await runCli(argv);
      expect([argv.join(" "), run.code]).toEqual([argv.join(" "), 2]);
      expect(run.stderr.length).toBeGreaterThan(0);
    }
  });
});

describe("rbac-atlas report", () => {
  it("prints text formats on stdout and requires --out for binary ones", async () => {
    const md = await runCli(["report", "-f", ...DEMO.flatMap((p, i) => (i === 0 ? [p] : ["-f", p])), "--format", "md"]);
    expect([md.code, md.stdout.startsWith("# RBAC audit report")]).toEqual([0, true]);
    const zip = await runCli(["report", "-f", "demo", "--format", "csv"]);
    expect(zip.code).toBe(2);
    const table = await runCli(["report", "-f", "demo", "--format", "csv", "--table", "findings"]);
    expect([table.code, table.stdout.split("\r\n")[0]]).toEqual([0, "identity,severity,rule,title,kind,namespace,name,objects,file,line,why,remediation,accepted,trusted,owner,pod count"]);
  });
});
