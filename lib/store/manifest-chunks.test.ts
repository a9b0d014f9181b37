import { afterEach, describe, expect, it } from "vitest";
import type { ServiceAccount } from "@/lib/cluster/objects";
import { freshTestDatabase } from "./test-support";
import { closeDatabase, deleteSnapshot, findObject, openDatabase, writeSnapshot, type Database, type StoredObject } from "./index";
import { MANIFESTS_PER_CHUNK } from "./manifest-chunks";

const opened: Database[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await closeDatabase(db);
});
function freshDatabase(): Database {
  const db = openDatabase(freshTestDatabase("chunks"));
  opened.push(db);
  return db;
}

function serviceAccount(i: number): StoredObject {
  const object: ServiceAccount = { kind: "ServiceAccount", metadata: { name: `sa-${i}`, namespace: "ns" } };
  return { kind: "ServiceAccount", object, manifest: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: `sa-${i}`, namespace: "ns", labels: { n: String(i) } } }, origin: { file: "f.json", documentIndex: 1 } };
}

function store(db: Database, count: number): number {
  const objects = Array.from({ length: count }, (_, i) => serviceAccount(i));
  return writeSnapshot(db, { name: "s", source: "files", sha256: "x", inputBytes: 1, counts: {}, skipped: [], warnings: [], origin: {}, objects });
}

describe("manifests stored in chunks", () => {
  it("gives back each object's own manifest, on both sides of a chunk boundary", async () => {
    const db = freshDatabase();
    const count = MANIFESTS_PER_CHUNK * 2 + 3;
    const id = store(db, count);
    for (const i of [0, MANIFESTS_PER_CHUNK - 1, MANIFESTS_PER_CHUNK, count - 1, 5]) {
      const found = await findObject(db, id, "ServiceAccount", "ns", `sa-${i}`);
      expect(found?.manifest).toEqual({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: `sa-${i}`, namespace: "ns", labels: { n: String(i) } } });
    }
    const chunks = db.raw.prepare(`SELECT COUNT(*) AS n FROM ManifestChunk WHERE snapshotId = ?`).get(id) as { n: number };
    expect(chunks.n).toBe(3);
  });

  it("keeps two snapshots' manifests apart and deletes a snapshot's chunks with it", async () => {
    const db = freshDatabase();
    const first = store(db, 3);
    const second = store(db, 4);
    expect((await findObject(db, second, "ServiceAccount", "ns", "sa-3"))?.manifest).toMatchObject({ metadata: { name: "sa-3" } });
    expect(await deleteSnapshot(db, first)).toBe(true);
    expect(db.raw.prepare(`SELECT snapshotId FROM ManifestChunk`).all()).toEqual([{ snapshotId: second }]);
    expect((await findObject(db, second, "ServiceAccount", "ns", "sa-0"))?.manifest).toMatchObject({ metadata: { name: "sa-0" } });
  });

  it("still reads a manifest stored whole in manifestJson (snapshots from before chunks)", async () => {
    const db = freshDatabase();
    const id = store(db, 1);
    db.raw.prepare(`UPDATE KubeObject SET manifestJson = ?, manifestChunk = NULL, manifestSlot = NULL`).run(JSON.stringify({ kind: "ServiceAccount", old: true }));
    db.raw.prepare(`DELETE FROM ManifestChunk`).run();
    expect((await findObject(db, id, "ServiceAccount", "ns", "sa-0"))?.manifest).toEqual({ kind: "ServiceAccount", old: true });
  });
});

describe("an object page's manifest after ingest", () => {
  it("shows metadata, spec and a Pod's phase, without managedFields, last-applied or other status", async () => {
    const { importFiles } = await import("@/lib/pipeline/import-snapshot");
    const db = freshDatabase();
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "web-1",
        namespace: "shop",
        labels: { app: "web" },
        annotations: { owner: "team-shop", "kubectl.kubernetes.io/last-applied-configuration": "{\"big\":true}" },
        managedFields: [{ manager: "kubectl", operation: "Apply" }],
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-abc", uid: "u1", controller: true }],
      },
      spec: { serviceAccountName: "web", nodeName: "node-1", containers: [{ name: "web", image: "nginx:1.27", securityContext: { privileged: true } }] },
      status: { phase: "Running", podIP: "10.0.0.7", conditions: [{ type: "Ready", status: "True" }] },
    };
    const result = await importFiles(db, [{ path: "pods.json", content: JSON.stringify({ apiVersion: "v1", kind: "List", items: [pod] }) }], { name: "t", source: "files" });
    if (!result.ok) throw new Error("ingest failed");
    const shown = await findObject(db, result.snapshot.id, "Pod", "shop", "web-1");
    expect(shown?.manifest).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web-1", namespace: "shop", labels: { app: "web" }, annotations: { owner: "team-shop" }, ownerReferences: pod.metadata.ownerReferences },
      spec: pod.spec,
      status: { phase: "Running" },
    });
  });
});
