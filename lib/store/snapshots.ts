import type { Database_ } from "./client";
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
  createdAt: Date;
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
    createdAt: row.createdAt.toISOString(),
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

export async function listSnapshots(db: Database_): Promise<SnapshotSummary[]> {
  const rows = await db.prisma.snapshot.findMany({ orderBy: { id: "desc" } });
  return rows.map(toSummary);
}

/** `id` may be a number, a numeric string or "latest". Undefined when there is no such snapshot. */
export async function findSnapshot(db: Database_, id: number | string): Promise<SnapshotSummary | undefined> {
  const row =
    id === "latest"
      ? await db.prisma.snapshot.findFirst({ orderBy: { id: "desc" } })
      : await db.prisma.snapshot.findUnique({ where: { id: typeof id === "number" ? id : Number.parseInt(id, 10) } });
  return row ? toSummary(row) : undefined;
}

export function parseSnapshotId(value: string): number | "latest" | undefined {
  if (value === "latest") return "latest";
  return /^[1-9][0-9]*$/.test(value) ? Number.parseInt(value, 10) : undefined;
}

const SNAPSHOT_TABLES = ["EscalationPath", "Finding", "SnapshotAnalysis", "PodMount", "BindingSubject", "RbacBinding", "RbacRule", "RbacRole", "KubeObject"];

/** Deletes a snapshot and every row stored with it, in one transaction (not relying on FK cascades being on). */
export async function deleteSnapshot(db: Database_, id: number): Promise<boolean> {
  return db.raw.transaction(() => {
    for (const table of SNAPSHOT_TABLES) db.raw.prepare(`DELETE FROM ${table} WHERE snapshotId = ?`).run(id);
    return db.raw.prepare(`DELETE FROM Snapshot WHERE id = ?`).run(id).changes > 0;
  })();
}

export async function countSnapshots(db: Database_): Promise<number> {
  return db.prisma.snapshot.count();
}
