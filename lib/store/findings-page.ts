/**
 * Findings for the findings page, filtered and paged in SQL: an L cluster has ~8,000 findings and
 * no page should send them all. The namespace is the first object's (the finding's subject).
 */
import type { Finding } from "@/lib/analysis/findings";
import type { RawDatabase as Database_ } from "./raw-client";
import { orderBy, type ListSort } from "./list-sort";
import type { Dialect } from "./sql-handle";
import type { Page } from "./pages";

export const FINDINGS_PAGE_SIZE = 100;

export interface FindingQuery {
  readonly severity?: string | undefined;
  readonly rule?: string | undefined;
  /** Exact namespace of the finding's subject ("" = cluster-scoped). */
  readonly namespace?: string | undefined;
  /** 1-based. */
  readonly page?: number | undefined;
  /** A column of findingSorts(); default most severe first. */
  readonly sort?: ListSort | undefined;
}

/**
 * The finding's subject and trust in each dialect: the columns stored with the finding, or for
 * findings stored before those columns (NULL) the same values looked up in detailJson (the rest of
 * the SQL is shared; see postgres/translate.ts).
 */
const EXPRESSIONS: Readonly<Record<Dialect, { namespace: string; subject: string; trusted: string }>> = {
  sqlite: {
    namespace: "COALESCE(namespace, json_extract(detailJson, '$.objects[0].namespace'), '')",
    subject: "COALESCE(subject, json_extract(detailJson, '$.objects[0].name'), '')",
    // v2 §1.11: the trusted control plane's findings are listed after everything else.
    trusted: "COALESCE(trusted, json_extract(detailJson, '$.trusted'), 0)",
  },
  postgresql: {
    namespace: `COALESCE(namespace, ("detailJson"::jsonb) #>> '{objects,0,namespace}', '')`,
    subject: `COALESCE(subject, ("detailJson"::jsonb) #>> '{objects,0,name}', '')`,
    trusted: `COALESCE(trusted, (CASE WHEN (("detailJson"::jsonb) -> 'trusted') = 'true'::jsonb THEN 1 ELSE 0 END))`,
  },
};
const SEVERITY_RANK = "CASE severity WHEN 'Critical' THEN 0 WHEN 'High' THEN 1 WHEN 'Medium' THEN 2 ELSE 3 END";

/** Sortable columns (`?sort=`) in a dialect; "severity" ascending is most severe first. */
export function findingSorts(dialect: Dialect): Readonly<Record<"severity" | "rule" | "namespace" | "subject", string>> {
  const { namespace, subject } = EXPRESSIONS[dialect];
  return { severity: SEVERITY_RANK, rule: "rule", namespace, subject };
}

function where(dialect: Dialect, snapshotId: number, q: FindingQuery): { sql: string; args: unknown[] } {
  const clauses = ["snapshotId = ?"];
  const args: unknown[] = [snapshotId];
  if (q.severity) {
    clauses.push("severity = ?");
    args.push(q.severity);
  }
  if (q.rule) {
    clauses.push("rule = ?");
    args.push(q.rule);
  }
  if (q.namespace !== undefined) {
    clauses.push(`${EXPRESSIONS[dialect].namespace} = ?`);
    args.push(q.namespace);
  }
  return { sql: clauses.join(" AND "), args };
}

export function pageFindings(db: Database_, snapshotId: number, q: FindingQuery, pageSize = FINDINGS_PAGE_SIZE): Page<Finding> {
  const w = where(db.dialect, snapshotId, q);
  const { trusted } = EXPRESSIONS[db.dialect];
  const total = (db.raw.prepare(`SELECT COUNT(*) AS n FROM Finding WHERE ${w.sql}`).get(...w.args) as { n: number }).n;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  const rows = db.raw
    .prepare(`SELECT detailJson FROM Finding WHERE ${w.sql} ORDER BY ${trusted}, ${orderBy(findingSorts(db.dialect), `${SEVERITY_RANK}, id`, q.sort)} LIMIT ? OFFSET ?`)
    .all(...w.args, pageSize, (page - 1) * pageSize) as { detailJson: string }[];
  return { items: rows.map((r) => JSON.parse(r.detailJson) as Finding), total, page, pages };
}

export interface FindingTally {
  readonly total: number;
  /** Findings of the trusted control plane (v2 §1.11), which headline counts leave out. */
  readonly trusted: number;
  readonly bySeverity: readonly { readonly severity: string; readonly count: number }[];
  readonly byRule: readonly { readonly rule: string; readonly worst: string; readonly count: number }[];
  readonly byNamespace: readonly { readonly namespace: string; readonly count: number }[];
  /** The same without the trusted control plane's findings. */
  readonly untrustedBySeverity: readonly { readonly severity: string; readonly count: number }[];
}

/** Counts for the filters and charts, each one GROUP BY (the namespace one within the other filters). */
export function tallyFindings(db: Database_, snapshotId: number, q: Omit<FindingQuery, "page" | "namespace"> = {}): FindingTally {
  const all = where(db.dialect, snapshotId, {});
  const scoped = where(db.dialect, snapshotId, q);
  const { namespace, trusted: trustedExpression } = EXPRESSIONS[db.dialect];
  const bySeverity = db.raw.prepare(`SELECT severity, COUNT(*) AS count FROM Finding WHERE ${all.sql} GROUP BY severity ORDER BY MIN(${SEVERITY_RANK})`).all(...all.args) as { severity: string; count: number }[];
  const byRule = db.raw
    .prepare(
      `SELECT rule, COUNT(*) AS count, MIN(${SEVERITY_RANK}) AS rank FROM Finding WHERE ${all.sql} GROUP BY rule ORDER BY rank, rule`,
    )
    .all(...all.args) as { rule: string; count: number; rank: number }[];
  const byNamespace = db.raw
    .prepare(`SELECT ${namespace} AS namespace, COUNT(*) AS count FROM Finding WHERE ${scoped.sql} GROUP BY 1 ORDER BY count DESC, namespace`)
    .all(...scoped.args) as { namespace: string; count: number }[];
  const untrustedBySeverity = db.raw
    .prepare(`SELECT severity, COUNT(*) AS count FROM Finding WHERE ${all.sql} AND ${trustedExpression} = 0 GROUP BY severity`)
    .all(...all.args) as { severity: string; count: number }[];
  const trusted = (db.raw.prepare(`SELECT COUNT(*) AS n FROM Finding WHERE ${all.sql} AND ${trustedExpression} = 1`).get(...all.args) as { n: number }).n;
  const names = ["Critical", "High", "Medium", "Low"];
  return {
    total: bySeverity.reduce((n, s) => n + s.count, 0),
    trusted,
    bySeverity,
    byRule: byRule.map((r) => ({ rule: r.rule, count: r.count, worst: names[r.rank] ?? "Low" })),
    byNamespace,
    untrustedBySeverity,
  };
}
