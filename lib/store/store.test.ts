import { afterEach, describe, expect, it } from "vitest";
import { freshTestDatabase } from "@/lib/store/test-support";
import type { ClusterRole, RoleBinding } from "@/lib/rbac/objects";
import type { ServiceAccount, Pod } from "@/lib/cluster/objects";
import {
  closeDatabase,
  deleteSnapshot,
  findObject,
  findSnapshot,
  listBindings,
  listPodMounts,
  listRoles,
  listSnapshots,
  listSubjects,
  loadClusterObjects,
  openDatabase,
  writeSnapshot,
  type Database,
  type NewSnapshot,
  type StoredObject,
} from "./index";

const opened: Database[] = [];
function freshDatabase(): Database {
  const db = openDatabase(freshTestDatabase("store"));
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await closeDatabase(db);
});

const origin = { file: "cluster.yaml", documentIndex: 1 };
const stored = (object: StoredObject["object"] & { kind: StoredObject["kind"] }): StoredObject => ({
  kind: object.kind,
  object,
  manifest: { ...object },
  origin,
});

const viewer: ClusterRole = {
  kind: "ClusterRole",
  metadata: { name: "pod-viewer" },
  rules: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }],
};
const binding: RoleBinding = {
  kind: "RoleBinding",
  metadata: { name: "ci-views-pods", namespace: "ci" },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "pod-viewer" },
  subjects: [
    { kind: "ServiceAccount", name: "builder" },
    { kind: "Group", name: "team-ci" },
  ],
};
const builder: ServiceAccount = { kind: "ServiceAccount", metadata: { name: "builder", namespace: "ci" }, automountServiceAccountToken: false };
const pod: Pod = {
  kind: "Pod",
  metadata: { name: "build-1", namespace: "ci" },
  spec: { serviceAccountName: "builder", nodeName: "worker-1", containers: [{ name: "main" }] },
  status: { phase: "Running" },
};

function snapshot(objects: StoredObject[]): NewSnapshot {
  return {
    name: "test",
    source: "files",
    sha256: "0".repeat(64),
    inputBytes: 10,
    counts: { ClusterRole: 1 },
    skipped: [{ kind: "ConfigMap", count: 2 }],
    warnings: [],
    origin: { files: ["cluster.yaml"] },
    objects,
  };
}

describe("store", () => {
  it("round-trips a snapshot: summary, engine objects and relational rows", async () => {
    const db = freshDatabase();
    const id = writeSnapshot(db, snapshot([stored(viewer), stored(binding), stored(builder), stored(pod)]));
    // Written but not analysed: reachable by id, never as "latest".
    expect(await findSnapshot(db, "latest")).toBeUndefined();
    const summary = await findSnapshot(db, id);
    expect(summary).toMatchObject({ id, name: "test", source: "files", analysisState: "pending", skipped: [{ kind: "ConfigMap", count: 2 }] });

    const cluster = loadClusterObjects(db, id);
    expect(cluster.clusterRoles).toEqual([viewer]);
    expect(cluster.roleBindings).toEqual([binding]);
    expect(cluster.pods).toEqual([pod]);
    expect(cluster.roles).toEqual([]);

    expect(listRoles(db, id)).toEqual([
      { kind: "ClusterRole", namespace: "", name: "pod-viewer", aggregated: false, defaultPolicy: false, ruleCount: 1, bindingCount: 1 },
    ]);
    expect(listBindings(db, id, { roleKind: "ClusterRole", roleName: "pod-viewer" })).toHaveLength(1);
    // The SA subject without namespace takes the RoleBinding's namespace.
    expect(listSubjects(db, id)).toEqual([
      { kind: "Group", name: "team-ci", namespace: "", bindingCount: 1, exists: true },
      { kind: "ServiceAccount", name: "builder", namespace: "ci", bindingCount: 1, exists: true },
    ]);
    // automount: the pod does not say, the ServiceAccount says false.
    expect(listPodMounts(db, id)).toEqual([
      { ownerKind: "Pod", namespace: "ci", name: "build-1", serviceAccount: "builder", nodeName: "worker-1", automount: false, phase: "Running" },
    ]);
    expect((await findObject(db, id, "RoleBinding", "ci", "ci-views-pods"))?.manifest).toMatchObject({ kind: "RoleBinding" });
  });

  it("writes nothing when any row fails: the snapshot is one transaction", async () => {
    const db = freshDatabase();
    writeSnapshot(db, snapshot([stored(viewer)]));
    // The same object twice violates the (snapshot, kind, namespace, name) key half-way through.
    expect(() => writeSnapshot(db, snapshot([stored(binding), stored(viewer), stored(viewer)]))).toThrow(/UNIQUE/i);
    const snapshots = await listSnapshots(db);
    expect(snapshots).toHaveLength(1);
    const orphans = db.raw.prepare("SELECT COUNT(*) AS n FROM RbacBinding").get() as { n: number };
    expect(orphans.n).toBe(0);
  });

  it("deletes a snapshot with every row stored with it, leaving the others", async () => {
    const db = freshDatabase();
    const keep = writeSnapshot(db, snapshot([stored(viewer), stored(binding)]));
    const drop = writeSnapshot(db, snapshot([stored(viewer), stored(binding), stored(builder), stored(pod)]));
    expect(await deleteSnapshot(db, drop)).toBe(true);
    expect(await deleteSnapshot(db, drop)).toBe(false);
    for (const table of ["KubeObject", "RbacRole", "RbacRule", "RbacBinding", "BindingSubject", "PodMount"]) {
      const left = db.raw.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE snapshotId = ?`).get(drop) as { n: number };
      expect(left.n, table).toBe(0);
    }
    expect(loadClusterObjects(db, keep).roleBindings).toHaveLength(1);
  });

  it("keeps snapshots side by side", async () => {
    const db = freshDatabase();
    const first = writeSnapshot(db, snapshot([stored(viewer)]));
    const second = writeSnapshot(db, snapshot([stored(viewer), stored(binding)]));
    expect(second).toBeGreaterThan(first);
    expect(loadClusterObjects(db, first).roleBindings).toEqual([]);
    expect(loadClusterObjects(db, second).roleBindings).toHaveLength(1);
    expect((await listSnapshots(db)).map((s) => s.id)).toEqual([second, first]);
  });
});
