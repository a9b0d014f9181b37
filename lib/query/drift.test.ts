import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSourceFiles } from "@/lib/pipeline/demo";
import { importFiles } from "@/lib/pipeline/import-snapshot";
import { closeDatabase, diffRows, openDatabase, type Database } from "@/lib/store";
import { freshTestDatabase } from "@/lib/store/test-support";
import { snapshotDrift } from "./drift";

let db: Database;
let before: number;
let after: number;
let widened: number;
let renamed: number;

// after2: a ClusterRole aggregated into view grants reading secrets, and every ServiceAccount of
// namespace ci may list nodes through its group — no binding naming a subject changes.
const WIDENED = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secrets-for-viewers
  labels:
    rbac.authorization.k8s.io/aggregate-to-view: "true"
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci-sees-nodes
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: node-lister
subjects:
  - kind: Group
    apiGroup: rbac.authorization.k8s.io
    name: system:serviceaccounts:ci
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-lister
rules:
  - apiGroups: [""]
    resources: ["nodes"]
    verbs: ["list"]
`;

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
  db = openDatabase(freshTestDatabase("drift"));
  const files = demoSourceFiles();
  const a = await importFiles(db, files, { name: "before", source: "files" });
  // after: an intern became cluster admin
  const b = await importFiles(db, [...files, { path: "extra.yaml", content: EXTRA }], { name: "after", source: "files" });
  const c = await importFiles(db, [...files, { path: "widened.yaml", content: WIDENED }], { name: "widened", source: "files" });
  // renamed: the intern's binding names someone else (the same object, other content)
  const d = await importFiles(db, [...files, { path: "extra.yaml", content: EXTRA.replace("intern@example.com", "contractor@example.com") }], { name: "renamed", source: "files" });
  if (!a.ok || !b.ok || !c.ok || !d.ok) throw new Error("import failed");
  before = a.snapshot.id;
  after = b.snapshot.id;
  widened = c.snapshot.id;
  renamed = d.snapshot.id;
}, 180_000);
afterAll(async () => closeDatabase(db));

describe("snapshot drift", () => {
  it("reports the added binding, its grant gained by the subject, and the new path and finding", () => {
    const drift = snapshotDrift(db, before, after);
    expect(drift.objects.added).toContainEqual({ kind: "ClusterRoleBinding", namespace: "", name: "intern-admin" });
    const intern = drift.permissions.find((p) => p.subject.name === "intern@example.com");
    expect(intern?.gained).toEqual(["ClusterRoleBinding/intern-admin → ClusterRole/cluster-admin"]);
    expect(intern?.lost).toEqual([]);
    expect(intern?.effective.gained).toContain("* *.* cluster-wide");
    expect(intern?.effective.lost).toEqual([]);
    expect(drift.paths.appeared.some((p) => p.from === "User/intern@example.com" && p.to === "ClusterAdmin")).toBe(true);
  });

  it("reports an object whose content changed, compared by content hash or, on rows stored before hashes, by their JSON", () => {
    const drift = snapshotDrift(db, after, renamed);
    expect(drift.objects.changed).toEqual([{ kind: "ClusterRoleBinding", namespace: "", name: "intern-admin" }]);
    expect([drift.objects.added, drift.objects.removed]).toEqual([[], []]);
    db.raw.prepare(`UPDATE KubeObject SET contentHash = NULL WHERE snapshotId = ?`).run(renamed);
    // (diffRows: snapshotDrift would answer from its cache of compared pairs)
    expect(diffRows(db, after, renamed).objects).toEqual(drift.objects);
    expect(diffRows(db, renamed, after).objects.changed).toEqual(drift.objects.changed);
  });

  it("is empty between a snapshot and itself", () => {
    const same = snapshotDrift(db, before, before);
    expect([same.objects.added, same.objects.removed, same.objects.changed, same.permissions, same.paths.appeared, same.findings.new, same.findings.fixed].every((x) => x.length === 0)).toBe(true);
  });

  it("compares effective permissions: a rule aggregated into view and a grant to a ServiceAccount group reach subjects no changed binding names", () => {
    const drift = snapshotDrift(db, before, widened);
    // bound to view in namespace checkout: gains get secrets there, and only there
    const reader = drift.permissions.find((p) => p.subject.kind === "ServiceAccount" && p.subject.name === "payments-api");
    expect(reader?.gained).toEqual([]);
    expect(reader?.effective.gained).toContain("get secrets in checkout");
    // team-payments holds view cluster-wide (developers-view)
    const team = drift.permissions.find((p) => p.subject.kind === "Group" && p.subject.name === "team-payments");
    expect(team?.effective.gained).toContain("get secrets cluster-wide");
    // a member of system:serviceaccounts:ci, never named by the new binding
    const deployer = drift.permissions.find((p) => p.subject.kind === "ServiceAccount" && p.subject.namespace === "ci" && p.subject.name === "deployer");
    expect(deployer?.gained).toEqual([]);
    expect(deployer?.effective.gained).toContain("list nodes cluster-wide");
    expect(drift.permissions.every((p) => p.effective.lost.length === 0)).toBe(true);
    // and the reverse direction reports the same as lost
    const back = snapshotDrift(db, widened, before).permissions.find((p) => p.subject.name === "deployer" && p.subject.namespace === "ci");
    expect(back?.effective.lost).toContain("list nodes cluster-wide");
  });
});
