import { toAnalysisState, type AnalysisState } from "./analysis-state";
import type { RawDatabase } from "./raw-client";
import { withStorage } from "./storage-error";
import type { NewSnapshot, SnapshotSource } from "./write-snapshot";

/** A stored snapshot: what was written (less its objects), plus what the store assigned. */
export interface SnapshotSummary extends Omit<NewSnapshot, "objects" | "unreadable" | "cluster"> {
  readonly id: number;
  readonly createdAt: string;
  readonly unreadable: NonNullable<NewSnapshot["unreadable"]>;
  readonly analysisState: AnalysisState;
  /** The cluster it belongs to (its name), null only in a database not yet migrated to clusters. */
  readonly cluster: string | null;
}

interface SnapshotRow {
  id: number;
  name: string;
  source: string;
  /** Epoch milliseconds as Prisma's SQLite adapter writes them (an ISO string from older writers). */
  createdAt: number | string;
  sha256: string;
  inputBytes: number;
  countsJson: string;
  skippedJson: string;
  warningsJson: string;
  originJson: string;
  unreadableJson: string;
  analysisState: string;
  clusterName: string | null;
}

function toSummary(row: SnapshotRow): SnapshotSummary {
  return {
    id: row.id,
    name: row.name,
    source: row.source as SnapshotSource,
    createdAt: new Date(row.createdAt).toISOString(),
    sha256: row.sha256,
    inputBytes: row.inputBytes,
    counts: JSON.parse(row.countsJson) as Record<string, number>,
    skipped: JSON.parse(row.skippedJson) as { kind: string; count: number }[],
    warnings: JSON.parse(row.warningsJson) as string[],
    origin: JSON.parse(row.originJson) as Record<string, unknown>,
    unreadable: JSON.parse(row.unreadableJson) as { kind: string; reason: string }[],
    analysisState: toAnalysisState(row.analysisState),
    cluster: row.clusterName,
  };
}

/**
 * SQL condition on "Snapshot": may be a default (`latest`, a cluster's default, what drift compares
 * with): its analysis is stored and no scheduled run marked it incomplete.
 */
export const DEFAULT_ELIGIBLE = `"analysisState" = 'ready' AND NOT "incomplete"`;

const SNAPSHOT_COLUMNS =
  `id, name, source, createdAt, sha256, inputBytes, countsJson, skippedJson, warningsJson, originJson, unreadableJson, analysisState, (SELECT "name" FROM "Cluster" WHERE "Cluster"."id" = "Snapshot"."clusterId") AS "clusterName"`;

// Plain SQL rather than Prisma: the CLI's read path (`can-i --snapshot`) must not pay for loading Prisma.
export async function listSnapshots(db: RawDatabase, scope: { clusterId?: number } = {}): Promise<SnapshotSummary[]> {
  const rows = (
    scope.clusterId === undefined
      ? db.raw.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM Snapshot ORDER BY id DESC`).all()
      : db.raw.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM Snapshot WHERE "clusterId" = ? ORDER BY id DESC`).all(scope.clusterId)
  ) as SnapshotRow[];
  return rows.map(toSummary);
}

/**
 * `id` may be a number, a numeric string or "latest" — the newest snapshot whose analysis is stored
 * (a pending or failed one is only ever reached by its id). Undefined when there is no such snapshot.
 */
export async function findSnapshot(db: RawDatabase, id: number | string, scope: { clusterId?: number } = {}): Promise<SnapshotSummary | undefined> {
  // With a cluster, "latest" is that cluster's default and an id of another cluster's snapshot is not found.
  const inCluster = scope.clusterId === undefined ? "" : ` AND "clusterId" = ?`;
  const clusterArgs = scope.clusterId === undefined ? [] : [scope.clusterId];
  if (id !== "latest") {
    const numeric = typeof id === "number" ? id : Number(id);
    if (!Number.isSafeInteger(numeric) || numeric < 1) return undefined;
    const row = db.raw.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM Snapshot WHERE id = ?${inCluster}`).get(numeric, ...clusterArgs) as SnapshotRow | undefined;
    return row ? toSummary(row) : undefined;
  }
  const row = db.raw
    .prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM Snapshot WHERE ${DEFAULT_ELIGIBLE}${inCluster} ORDER BY id DESC LIMIT 1`)
    .get(...clusterArgs) as SnapshotRow | undefined;
  return row ? toSummary(row) : undefined;
}

/** A positive id SQLite can hold (at most Number.MAX_SAFE_INTEGER) or "latest"; anything else is undefined. */
export function parseSnapshotId(value: string): number | "latest" | undefined {
  if (value === "latest") return "latest";
  if (!/^[1-9][0-9]{0,15}$/.test(value)) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : undefined;
}

const SNAPSHOT_TABLES = ["EscalationPath", "EscalationVertex", "Finding", "SnapshotAnalysis", "PodMount", "SubjectSummary", "BindingSubject", "RbacBinding", "RbacRule", "RbacRole", "ManifestChunk", "KubeObject"];

/** Deletes a snapshot and every row stored with it, in one transaction (not relying on FK cascades being on). */
export async function deleteSnapshot(db: RawDatabase, id: number): Promise<boolean> {
  const remove = db.raw.transaction(() => {
    for (const table of SNAPSHOT_TABLES) db.raw.prepare(`DELETE FROM ${table} WHERE snapshotId = ?`).run(id);
    return db.raw.prepare(`DELETE FROM Snapshot WHERE id = ?`).run(id).changes > 0;
  });
  // secure_delete (set when the database is opened) overwrites the freed pages' content; the
  // checkpoint then drops the WAL frames that still held the old pages.
  return withStorage(db.file, () => {
    const removed = remove();
    db.raw.pragma("wal_checkpoint(TRUNCATE)");
    return removed;
  });
}

export async function countSnapshots(db: RawDatabase): Promise<number> {
  return (db.raw.prepare(`SELECT count(*) AS n FROM Snapshot`).get() as { n: number }).n;
}
