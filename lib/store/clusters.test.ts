import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, migrationsDirectory } from "./migrate";
import { freshTestDatabase } from "./test-support";
import { closeDatabase, findSnapshot, listClusterOverview, openDatabase, writeSnapshot, type Database as Store } from "./index";
import { findClusterByName, listClusterSnapshots, resolveCluster, storeDriftSummary } from "./clusters";
import type { RoleBinding } from "@/lib/rbac/objects";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-clusters-"));
const opened: Store[] = [];
afterAll(async () => {
  for (const db of opened.splice(0)) await closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const CLUSTERS_MIGRATION = "20261203120000_clusters";

describe("the clusters migration", () => {
  it("puts every existing snapshot in the cluster of its name and keeps every row stored with it", () => {
    // A database as it was before clusters: every migration up to, not including, this one.
    const before = path.join(dir, "before");
    fs.mkdirSync(before);
    for (const name of fs.readdirSync(migrationsDirectory())) {
      if (name === CLUSTERS_MIGRATION || !fs.statSync(path.join(migrationsDirectory(), name)).isDirectory()) continue;
      fs.cpSync(path.join(migrationsDirectory(), name), path.join(before, name), { recursive: true });
    }
    const file = path.join(dir, "old.db");
    migrateDatabase(file, before);
    const old = new Database(file);
    const snapshot = old.prepare(
      `INSERT INTO Snapshot (name, source, createdAt, sha256, countsJson, skippedJson, warningsJson, analysisState) VALUES (?, ?, ?, '', '{}', '[]', '[]', 'ready')`,
    );
    const ids = [
      snapshot.run("prod", "live", Date.now()).lastInsertRowid,
      snapshot.run("prod", "live", Date.now()).lastInsertRowid,
      snapshot.run("dump", "files", Date.now()).lastInsertRowid,
      snapshot.run("demo cluster", "demo", Date.now()).lastInsertRowid,
    ];
    for (const id of ids) {
      old.prepare(`INSERT INTO KubeObject (snapshotId, kind, namespace, name, objectJson, manifestJson, originFile, originIndex) VALUES (?, 'Namespace', '', 'x', '{}', '{}', 'f', 0)`).run(id);
    }
    old.close();

    expect(migrateDatabase(file).applied).toEqual([CLUSTERS_MIGRATION]);
    const db = new Database(file, { readonly: true });
    const clusters = db.prepare(`SELECT "name", "identity", "kind" FROM "Cluster" ORDER BY "name"`).all();
    expect(clusters).toEqual([
      { name: "demo cluster", identity: "name:demo cluster", kind: "demo" },
      { name: "dump", identity: "name:dump", kind: "files" },
      { name: "prod", identity: "name:prod", kind: "live" },
    ]);
    const rows = db.prepare(`SELECT s."id", c."name" FROM "Snapshot" s JOIN "Cluster" c ON c."id" = s."clusterId" ORDER BY s."id"`).all();
    expect(rows).toEqual(ids.map((id, i) => ({ id: Number(id), name: ["prod", "prod", "dump", "demo cluster"][i] })));
    // Nothing stored with a snapshot was lost (a table rebuild would have cascaded deletes).
    expect((db.prepare(`SELECT count(*) AS n FROM KubeObject`).get() as { n: number }).n).toBe(4);
    db.close();
  });

  it("a live ingest of a context first known by name adopts that cluster and records its server and CA", () => {
    const store = openDatabase(freshTestDatabase("clusters-adopt"));
    opened.push(store);
    const named = resolveCluster(store.raw, store.dialect, { kind: "live", name: "prod", server: "", caFingerprint: "" });
    const adopted = resolveCluster(store.raw, store.dialect, { kind: "live", name: "prod", server: "https://prod:6443", caFingerprint: "AA:BB" });
    expect(adopted).toBe(named);
    expect(findClusterByName(store, "prod")).toMatchObject({ server: "https://prod:6443", caFingerprint: "AA:BB" });
    // Another CA behind the same name is another cluster (rebuilt): it gets a name of its own.
    const rebuilt = resolveCluster(store.raw, store.dialect, { kind: "live", name: "prod", server: "https://prod:6443", caFingerprint: "CC:DD" });
    expect(rebuilt).not.toBe(named);
    expect(findClusterByName(store, "prod (2)")?.id).toBe(rebuilt);
    // A file ingest naming an existing cluster joins it.
    expect(resolveCluster(store.raw, store.dialect, { kind: "files", name: "prod" })).toBe(named);
  });

  it("a cluster's default is its newest analysed snapshot; pending and failed ones are reached only by id", async () => {
    const store = openDatabase(freshTestDatabase("clusters-default"));
    opened.push(store);
    const write = (name: string, cluster: string) =>
      writeSnapshot(store, { name, source: "files", sha256: "", inputBytes: 0, counts: {}, skipped: [], warnings: [], origin: {}, cluster: { kind: "files", name: cluster }, objects: [] });
    const a1 = write("a1", "a");
    const b1 = write("b1", "b");
    const a2 = write("a2", "a");
    store.raw.prepare(`UPDATE Snapshot SET analysisState = 'ready' WHERE id IN (?, ?)`).run(a1, b1);
    store.raw.prepare(`UPDATE Snapshot SET analysisState = 'failed' WHERE id = ?`).run(a2);
    const a = findClusterByName(store, "a")!;
    expect((await findSnapshot(store, "latest", { clusterId: a.id }))?.id).toBe(a1);
    expect((await findSnapshot(store, a2, { clusterId: a.id }))?.analysisState).toBe("failed");
    expect(await findSnapshot(store, b1, { clusterId: a.id })).toBeUndefined();
    expect(listClusterOverview(store).map((c) => [c.name, c.snapshot?.id ?? null, c.snapshots])).toEqual([
      ["a", a1, 2],
      ["b", b1, 1],
    ]);
  });

  it("stores per snapshot what changed since the cluster's previous analysed snapshot (grants, paths, findings)", () => {
    const store = openDatabase(freshTestDatabase("clusters-drift"));
    opened.push(store);
    const binding = (name: string): RoleBinding => ({
      kind: "RoleBinding",
      metadata: { name, namespace: "ci" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subjects: [{ kind: "ServiceAccount", name: "deployer", namespace: "ci" }],
    });
    const write = (names: string[]) =>
      writeSnapshot(store, {
        name: "c",
        source: "files",
        sha256: "",
        inputBytes: 0,
        counts: {},
        skipped: [],
        warnings: [],
        origin: {},
        objects: names.map((n) => ({ kind: "RoleBinding" as const, object: binding(n), manifest: {}, origin: { file: "f", documentIndex: 0 } })),
      });
    const first = write(["a", "b"]);
    const failed = write([]);
    const second = write(["b", "c", "d"]);
    store.raw.prepare(`UPDATE Snapshot SET analysisState = 'ready' WHERE id IN (?, ?)`).run(first, second);
    store.raw.prepare(`UPDATE Snapshot SET analysisState = 'failed' WHERE id = ?`).run(failed);
    store.raw.prepare(`INSERT INTO EscalationPath (snapshotId, fromRef, toRef, hopCount, pathJson) VALUES (?, 'ServiceAccount/ci/deployer', 'ClusterAdmin', 2, '{}')`).run(second);
    expect(storeDriftSummary(store, first)).toBeNull();
    // The failed snapshot in between is skipped: the second is compared with the first.
    expect(storeDriftSummary(store, second)).toEqual({ from: first, pathsAppeared: 1, pathsDisappeared: 0, grantsGained: 2, grantsLost: 1, findingsNew: 0, findingsFixed: 0 });
    const timeline = listClusterSnapshots(store, findClusterByName(store, "c")!.id);
    expect(timeline.map((p) => [p.id, p.drift?.grantsGained ?? null])).toEqual([
      [second, 2],
      [failed, null],
      [first, null],
    ]);
  });
});

describe("forgetting a cluster", () => {
  it("deletes its snapshots, their rows and its runs, and leaves other clusters alone", async () => {
    const store = openDatabase(freshTestDatabase("clusters-forget"));
    opened.push(store);
    const write = (cluster: string) =>
      writeSnapshot(store, { name: cluster, source: "files", sha256: "", inputBytes: 0, counts: {}, skipped: [], warnings: [], origin: {}, cluster: { kind: "files", name: cluster }, objects: [] });
    write("old");
    write("old");
    const kept = write("kept");
    const { recordRun, deleteCluster } = await import("./clusters");
    recordRun(store, { cluster: { kind: "files", name: "old" }, context: "old", startedAt: 0, finishedAt: 1, state: "failed", error: "x" });
    expect(await deleteCluster(store, findClusterByName(store, "old")!.id)).toBe(2);
    expect(findClusterByName(store, "old")).toBeUndefined();
    expect(store.raw.prepare(`SELECT count(*) AS n FROM "SnapshotRun"`).get()).toEqual({ n: 0 });
    expect(listClusterOverview(store).map((c) => [c.name, c.snapshots])).toEqual([["kept", 1]]);
    expect((await findSnapshot(store, kept))?.cluster).toBe("kept");
  });
});
