import { timestampParam } from "./sql-handle";
import type { RawDatabase } from "./raw-client";

export type CriticalKind = "Namespace" | "ServiceAccount" | "Secret";
export const CRITICAL_KINDS: readonly CriticalKind[] = ["Namespace", "ServiceAccount", "Secret"];

export interface CriticalMark {
  readonly kind: CriticalKind;
  readonly name: string;
  /** null for a Namespace. */
  readonly namespace: string | null;
}

export function listCritical(db: RawDatabase): CriticalMark[] {
  const rows = db.raw.prepare(`SELECT kind, namespace, name FROM CriticalObject ORDER BY kind, namespace, name`).all() as {
    kind: CriticalKind;
    namespace: string;
    name: string;
  }[];
  return rows.map((row) => ({ kind: row.kind, name: row.name, namespace: row.namespace === "" ? null : row.namespace }));
}

export function markCritical(db: RawDatabase, mark: CriticalMark): boolean {
  const result = db.raw
    .prepare(`INSERT OR IGNORE INTO CriticalObject (kind, namespace, name, createdAt) VALUES (?, ?, ?, ?)`)
    .run(mark.kind, mark.namespace ?? "", mark.name, timestampParam(db.dialect, Date.now()));
  return result.changes > 0;
}

export function unmarkCritical(db: RawDatabase, mark: CriticalMark): boolean {
  return db.raw.prepare(`DELETE FROM CriticalObject WHERE kind = ? AND namespace = ? AND name = ?`).run(mark.kind, mark.namespace ?? "", mark.name).changes > 0;
}
