import type { RawDatabase } from "./raw-client";
import type { NewSnapshot, SnapshotSource } from "./write-snapshot";

/** A stored snapshot: what was written (less its objects), plus what the store assigned. */
export interface SnapshotSummary extends Omit<NewSnapshot, "objects" | "unreadable"> {
  readonly id: number;
  readonly createdAt: string;
  readonly unreadable: NonNullable<NewSnapshot["unreadable"]>;
  readonly analysisState: string;
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
    analysisState: row.analysisState,
  };
}

const SNAPSHOT_COLUMNS =
  "id, name, source, createdAt, sha256, inputBytes, countsJson, skippedJson, warningsJson, originJson, unreadableJson, analysisState";

// Plain SQL rather than Prisma: the CLI's read path (`can-i --snapshot`) must not pay for loading Prisma.
export async function listSnapshots(db: RawDatabase): Promise<SnapshotSummary[]> {
  const rows = db.raw.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM Snapshot ORDER BY id DESC`).all() as SnapshotRow[];
  return rows.map(toSummary);
}

/** `id` may be a number, a numeric string or "latest". Undefined when there is no such snapshot. */
export async function findSnapshot(db: RawDatabase, id: number | string): Promise<SnapshotSummary | undefined> {
  const row = (
    id === "latest"
      ? db.raw.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM Snapshot ORDER BY id DESC LIMIT 1`).get()
      : db.raw.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM Snapshot WHERE id = ?`).get(typeof id === "number" ? id : Number.parseInt(id, 10))
  ) as SnapshotRow | undefined;
  return row ? toSummary(row) : undefined;
}

export function parseSnapshotId(value: string): number | "latest" | undefined {
  if (value === "latest") return "latest";
  return /^[1-9][0-9]*$/.test(value) ? Number.parseInt(value, 10) : undefined;
}

const SNAPSHOT_TABLES = ["EscalationPath", "Finding", "SnapshotAnalysis", "PodMount", "BindingSubject", "RbacBinding", "RbacRule", "RbacRole", "KubeObject"];

/** Deletes a snapshot and every row stored with it, in one transaction (not relying on FK cascades being on). */
export async function deleteSnapshot(db: RawDatabase, id: number): Promise<boolean> {
  return db.raw.transaction(() => {
    for (const table of SNAPSHOT_TABLES) db.raw.prepare(`DELETE FROM ${table} WHERE snapshotId = ?`).run(id);
    return db.raw.prepare(`DELETE FROM Snapshot WHERE id = ?`).run(id).changes > 0;
  })();
}

export async function countSnapshots(db: RawDatabase): Promise<number> {
  return (db.raw.prepare(`SELECT count(*) AS n FROM Snapshot`).get() as { n: number }).n;
}
