/**
 * The all-clusters overview at team scale: 200 clusters × 10 snapshots (1 of them failed) with
 * scheduled runs, read as `GET /api/clusters` / `rbac-atlas clusters` read it. Target < 300 ms.
 * Baseline in the same run: listing the same database's snapshots (`GET /api/snapshots`).
 *
 *   npx tsx bench/clusters.ts [CLUSTERS] [SNAPSHOTS_PER_CLUSTER]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { clusterHistory, clusterOverview } from "@/lib/query/clusters";
import { closeDatabase, findClusterByName, listSnapshots, openDatabase, recordRun, writeSnapshot } from "@/lib/store";
import { saveRiskCounts } from "@/lib/store/clusters";

const clusters = Number(process.argv[2] ?? 200);
const perCluster = Number(process.argv[3] ?? 10);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-bench-clusters-"));
const db = openDatabase(path.join(dir, "clusters.db"));

const started = performance.now();
for (let c = 0; c < clusters; c++) {
  const name = `cluster-${String(c).padStart(3, "0")}`;
  const ref = { kind: "live" as const, name, server: `https://${name}.example:6443`, caFingerprint: `FP:${c}` };
  for (let s = 0; s < perCluster; s++) {
    const id = writeSnapshot(db, { name, source: "live", sha256: "", inputBytes: 0, counts: {}, skipped: [], warnings: [], origin: {}, cluster: ref, objects: [] });
    const failed = s === perCluster - 1 && c % 7 === 0;
    db.raw.prepare(`UPDATE Snapshot SET analysisState = ? WHERE id = ?`).run(failed ? "failed" : "ready", id);
    if (!failed) saveRiskCounts(db.raw, id, { pathsToClusterAdmin: (c * 7 + s) % 23, critical: (c * 3) % 11, high: c % 17, medium: 5, low: 9 });
    recordRun(db, { cluster: ref, context: name, startedAt: Date.now(), finishedAt: Date.now(), state: failed ? "partial" : "ok", snapshotId: id });
  }
}
console.log(`setup: ${clusters} clusters × ${perCluster} snapshots in ${((performance.now() - started) / 1000).toFixed(1)} s`);

async function time(label: string, fn: () => unknown | Promise<unknown>, rounds = 50): Promise<number> {
  await fn(); // warm: statement cache, the one-off risk backfill
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const p50 = samples[Math.floor(rounds / 2)] ?? 0;
  const p95 = samples[Math.floor(rounds * 0.95)] ?? 0;
  console.log(`${label.padEnd(44)} p50 ${p50.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms`);
  return p50;
}

async function main(): Promise<void> {
  const baseline = await time(`baseline: list ${clusters * perCluster} snapshots`, () => listSnapshots(db));
  const overview = await time(`clusters overview (${clusters} clusters)`, () => clusterOverview(db));
  const cluster = findClusterByName(db, "cluster-100")!;
  const history = await time("one cluster's history", () => clusterHistory(db, cluster));
  console.log(`overview: ${(overview / baseline).toFixed(2)}× the snapshot list; ${overview < 300 ? "under" : "OVER"} the 300 ms target`);
  console.log(`history: ${(history / baseline).toFixed(2)}× the snapshot list`);
  await closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
