import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSourceFiles } from "@/lib/pipeline/demo";
import { importFiles } from "@/lib/pipeline/import-snapshot";
import { closeDatabase, openDatabase, type Database } from "@/lib/store";
import { snapshotDrift } from "./drift";

let db: Database;
let before: number;
let after: number;

const EXTRA = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: intern-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: User
    apiGroup: rbac.authorization.k8s.io
    name: intern@example.com
`;

beforeAll(async () => {
  db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-drift-")), "d.db"));
  const files = demoSourceFiles();
  const a = await importFiles(db, files, { name: "before", source: "files" });
  // after: an intern became cluster admin
  const b = await importFiles(db, [...files, { path: "extra.yaml", content: EXTRA }], { name: "after", source: "files" });
  if (!a.ok || !b.ok) throw new Error("import failed");
  before = a.snapshot.id;
  after = b.snapshot.id;
}, 180_000);
afterAll(async () => closeDatabase(db));

describe("snapshot drift", () => {
  it("reports the added binding, its grant gained by the subject, and the new path and finding", () => {
    const drift = snapshotDrift(db, before, after);
    expect(drift.objects.added).toContainEqual({ kind: "ClusterRoleBinding", namespace: "", name: "intern-admin" });
    const intern = drift.permissions.find((p) => p.subject.name === "intern@example.com");
    expect(intern?.gained).toEqual(["ClusterRoleBinding/intern-admin → ClusterRole/cluster-admin"]);
    expect(intern?.lost).toEqual([]);
    expect(drift.paths.appeared.some((p) => p.from === "User/intern@example.com" && p.to === "ClusterAdmin")).toBe(true);
  });

  it("is empty between a snapshot and itself", () => {
    const same = snapshotDrift(db, before, before);
    expect([same.objects.added, same.objects.removed, same.objects.changed, same.permissions, same.paths.appeared, same.findings.new, same.findings.fixed].every((x) => x.length === 0)).toBe(true);
  });
});
