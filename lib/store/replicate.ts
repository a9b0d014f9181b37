/**
 * FOR BENCHMARKS AND TESTS ONLY: copies a stored snapshot (its rows in every snapshot table, its
 * stored analysis and risk counts) into a new snapshot of another (or the same) cluster, at a given
 * time. Ingesting an XL cluster twenty times would take the better part of an hour; copying its
 * rows inside the database takes seconds and leaves a database holding twenty XL-sized snapshots,
 * which is what `npm run bench -- history` measures pages against.
 *
 * `churn` drops every Nth row of the subject, path, finding and object tables in the copy, so
 * consecutive copies differ as hourly reads of a changing cluster do and drift has something to
 * list. A churned copy's stored analysis (graph, summary) is still the source's: fine for timing
 * pages, never an answer to trust. Nothing in the product calls this.
 */
import type { RawDatabase } from "./raw-client";
import { resolveCluster, storeDriftSummary, type ClusterRef } from "./clusters";
import { refreshPlannerStatistics, timestampParam } from "./sql-handle";
import { withStorage } from "./storage-error";
import { writeDerivedRows } from "./write-snapshot";

/** Every table keyed by snapshotId, parents first, except the rows derived from them (written anew below). */
const SNAPSHOT_TABLES = ["KubeObject", "ManifestChunk", "RbacRole", "RbacRule", "RbacBinding", "BindingSubject", "PodMount", "Finding", "EscalationPath", "SnapshotAnalysis", "EscalationVertex"];
const CHURNED_TABLES = ["KubeObject", "BindingSubject", "Finding", "EscalationPath"];

export interface ReplicaTarget {
  readonly cluster: ClusterRef;
  /** When the copy was "taken" (epoch ms). */
  readonly createdAt: number;
  readonly name?: string;
  /** Drop the rows whose id % every === offset from the churned tables (none when absent). */
  readonly churn?: { readonly every: number; readonly offset: number };
}

function columnsOf(db: RawDatabase, table: string): string[] {
  const rows =
    db.dialect === "postgresql"
      ? db.raw.prepare(`SELECT column_name AS "name" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`).all(table)
      : db.raw.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table);
  return (rows as { name: string }[]).map((r) => r.name);
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/** The new snapshot's id. Its drift against the cluster's previous analysed snapshot is stored as after an analysis. */
export function replicateSnapshot(db: RawDatabase, sourceId: number, target: ReplicaTarget): number {
  const copy = db.raw.transaction((): number => {
    const clusterId = resolveCluster(db.raw, db.dialect, target.cluster);
    const kept = columnsOf(db, "Snapshot").filter((c) => !["id", "name", "createdAt", "clusterId", "driftJson"].includes(c));
    const inserted = db.raw
      .prepare(
        `INSERT INTO "Snapshot" ("name", "createdAt", "clusterId", ${quoted(kept)}) SELECT COALESCE(?, "name"), ${db.dialect === "postgresql" ? "CAST(? AS TIMESTAMP(3))" : "?"}, CAST(? AS INTEGER), ${quoted(kept)} FROM "Snapshot" WHERE "id" = ?`,
      )
      .run(target.name ?? null, timestampParam(db.dialect, target.createdAt), clusterId, sourceId);
    if (inserted.changes !== 1) throw new Error(`snapshot ${sourceId} is not stored`);
    const id = Number((db.raw.prepare(`SELECT max("id") AS "id" FROM "Snapshot"`).get() as { id: number }).id);
    for (const table of SNAPSHOT_TABLES) {
      const columns = columnsOf(db, table).filter((c) => c !== "id" && c !== "snapshotId");
      const hasId = columns.length !== columnsOf(db, table).length - 1;
      const churn = target.churn && hasId && CHURNED_TABLES.includes(table) ? ` AND "id" % ? <> ?` : "";
      db.raw
        .prepare(`INSERT INTO "${table}" ("snapshotId", ${quoted(columns)}) SELECT CAST(? AS INTEGER), ${quoted(columns)} FROM "${table}" WHERE "snapshotId" = ?${churn}${hasId ? ` ORDER BY "id"` : ""}`)
        .run(id, sourceId, ...(churn ? [target.churn!.every, target.churn!.offset] : []));
    }
    // Object ids and the subject summary follow the copy's own (churned) rows, not the source's.
    writeDerivedRows(db, id);
    return id;
  });
  return withStorage(db.file, () => {
    const id = copy();
    refreshPlannerStatistics(db, ["Snapshot", ...SNAPSHOT_TABLES, "SubjectSummary"]);
    storeDriftSummary(db, id);
    return id;
  });
}
