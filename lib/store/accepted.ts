import { timestampParam } from "./sql-handle";
import type { Database_ } from "./client";

/** One accepted risk as stored (the report layer owns its meaning: matching, expiry). */
export interface AcceptedRiskRecord {
  readonly rule: string;
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
  readonly owner: string;
  /** YYYY-MM-DD */
  readonly expires: string;
}

export function listAcceptedRisks(db: Database_): AcceptedRiskRecord[] {
  return db.raw
    .prepare(`SELECT rule, namespace, kind, name, reason, owner, expires FROM AcceptedRisk ORDER BY rule, namespace, kind, name`)
    .all() as AcceptedRiskRecord[];
}

/** Adds or replaces (same rule and pattern) an acceptance. */
export function saveAcceptedRisk(db: Database_, risk: AcceptedRiskRecord): void {
  db.raw
    .prepare(
      `INSERT INTO AcceptedRisk (rule, namespace, kind, name, reason, owner, expires, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(rule, namespace, kind, name) DO UPDATE SET reason = excluded.reason, owner = excluded.owner, expires = excluded.expires`,
    )
    .run(risk.rule, risk.namespace, risk.kind, risk.name, risk.reason, risk.owner, risk.expires, timestampParam(db.dialect, Date.now()));
}

export function deleteAcceptedRisk(db: Database_, key: Pick<AcceptedRiskRecord, "rule" | "namespace" | "kind" | "name">): boolean {
  return (
    db.raw.prepare(`DELETE FROM AcceptedRisk WHERE rule = ? AND namespace = ? AND kind = ? AND name = ?`).run(key.rule, key.namespace, key.kind, key.name)
      .changes > 0
  );
}

/** Replaces every acceptance with the given ones (YAML import), in one transaction. */
export function replaceAcceptedRisks(db: Database_, risks: readonly AcceptedRiskRecord[]): void {
  db.raw.transaction(() => {
    db.raw.prepare(`DELETE FROM AcceptedRisk`).run();
    for (const risk of risks) saveAcceptedRisk(db, risk);
  })();
}

/** Where each stored object came from: `Kind/namespace/name` → file and 1-based line (0 = unknown). */
export function listObjectOrigins(db: Database_, snapshotId: number): Map<string, { file: string; line: number }> {
  const rows = db.raw.prepare(`SELECT kind, namespace, name, originFile, originLine FROM KubeObject WHERE snapshotId = ?`).all(snapshotId) as {
    kind: string;
    namespace: string;
    name: string;
    originFile: string;
    originLine: number;
  }[];
  return new Map(rows.map((r) => [`${r.kind}/${r.namespace}/${r.name}`, { file: r.originFile, line: r.originLine }]));
}
