/** The findings page's URL state (severity, rule) and counts, kept out of JSX so it can be tested. */
import type { Finding } from "@/lib/analysis/findings";
import type { Severity } from "@/lib/analysis/technique";
import type { ListSort } from "@/lib/store/list-sort";
import { SEVERITY_LEVELS, type SearchParams } from "./escalation-model";

/** Orders the findings list offers (`?sort=`), each ascending or descending (`?dir=desc`). */
export const FINDING_ORDERS = [
  { column: "severity", label: "Severity" },
  { column: "rule", label: "Rule" },
  { column: "namespace", label: "Namespace" },
  { column: "subject", label: "Subject name" },
] as const;

export interface FindingFilter {
  /** One severity level exactly, or "" for all. */
  readonly severity: Severity | "";
  readonly rule: string;
  /** Namespace of the finding's subject; undefined = any, "" = cluster-scoped. */
  readonly namespace?: string | undefined;
  /** 1-based page of the list. */
  readonly page?: number;
  /** Absent = most severe first. */
  readonly sort?: ListSort;
}

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

/** Unknown severities are ignored (all shown); severity is matched case-insensitively. */
export function findingFilter(params: SearchParams): FindingFilter {
  const raw = one(params.severity).toLowerCase();
  const severity = SEVERITY_LEVELS.find((s) => s.toLowerCase() === raw) ?? "";
  const ns = one(params.namespace);
  const page = Number.parseInt(one(params.page) || "1", 10);
  const column = FINDING_ORDERS.find((o) => o.column === one(params.sort))?.column;
  return {
    severity,
    rule: one(params.rule),
    ...(ns === "" ? {} : { namespace: ns === "-" ? "" : ns }),
    ...(Number.isFinite(page) && page > 1 ? { page } : {}),
    ...(column ? { sort: { column, direction: one(params.dir) === "desc" ? "desc" : "asc" } } : {}),
  };
}

export function findingMatches(f: Finding, filter: FindingFilter): boolean {
  if (filter.severity && f.severity !== filter.severity) return false;
  if (filter.rule && f.rule !== filter.rule) return false;
  if (filter.namespace !== undefined && (f.objects[0]?.namespace ?? "") !== filter.namespace) return false;
  return true;
}

export interface FindingCounts {
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Rule → count, rules sorted by their worst severity then name. */
  readonly byRule: readonly { readonly rule: string; readonly count: number }[];
}

const RANK: Readonly<Record<Severity, number>> = { Critical: 0, High: 1, Medium: 2, Low: 3 };

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const bySeverity: Record<Severity, number> = { Critical: 0, High: 0, Medium: 0, Low: 0 };
  const rules = new Map<string, { count: number; worst: number }>();
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    const r = rules.get(f.rule) ?? { count: 0, worst: 9 };
    r.count += 1;
    r.worst = Math.min(r.worst, RANK[f.severity]);
    rules.set(f.rule, r);
  }
  const byRule = [...rules]
    .sort(([a, x], [b, y]) => x.worst - y.worst || a.localeCompare(b))
    .map(([rule, r]) => ({ rule, count: r.count }));
  return { bySeverity, byRule };
}

/** Findings whose objects after the first name something that does not exist (the dangling target). */
export function missingObjectIndexes(f: Finding): ReadonlySet<number> {
  return f.rule === "DANGLING_BINDING" ? new Set(f.objects.map((_, i) => i).filter((i) => i > 0)) : new Set();
}

/** Counts in the page's shape from SQL tallies (the page no longer loads every finding). */
export function countsFromTally(tally: { bySeverity: readonly { severity: string; count: number }[]; byRule: readonly { rule: string; count: number }[] }): FindingCounts {
  const bySeverity: Record<Severity, number> = { Critical: 0, High: 0, Medium: 0, Low: 0 };
  for (const s of tally.bySeverity) if (s.severity in bySeverity) bySeverity[s.severity as Severity] = s.count;
  return { bySeverity, byRule: tally.byRule.map((r) => ({ rule: r.rule, count: r.count })) };
}
