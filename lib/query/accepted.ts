/**
 * Accepted risks for the pages: which stored findings they cover today, and the headline counts
 * without them (the same matching as the reports and `scan`).
 */
import type { Finding } from "@/lib/analysis/findings";
import type { Severity } from "@/lib/analysis/technique";
import { activeMark, compileAcceptances, dayOf, type Acceptance } from "@/lib/report/accept";
import { listAcceptedRisks, type Database } from "@/lib/store";

export interface FindingAcceptance {
  /** Finding id → the acceptance covering it. */
  readonly marks: ReadonlyMap<string, Acceptance>;
  readonly expired: readonly Acceptance[];
  /** Open (not accepted) findings per severity: the headline counts. */
  readonly openBySeverity: Readonly<Record<Severity, number>>;
}

export function findingAcceptance(db: Database, findings: readonly Finding[], now = new Date()): FindingAcceptance {
  const matchers = compileAcceptances(listAcceptedRisks(db), dayOf(now));
  const marks = new Map<string, Acceptance>();
  const openBySeverity: Record<Severity, number> = { Critical: 0, High: 0, Medium: 0, Low: 0 };
  for (const f of findings) {
    const mark = matchers.length > 0 ? activeMark(matchers, [f.rule], f.objects.slice(0, 1)) : undefined;
    if (mark) marks.set(f.id, mark);
    // Headline counts: neither accepted nor the trusted control plane (v2 §1.11).
    else if (!f.trusted) openBySeverity[f.severity]++;
  }
  return { marks, expired: matchers.filter((m) => m.expired).map((m) => m.acceptance), openBySeverity };
}

/**
 * The same from SQL tallies when no risk is accepted (the common case): the findings page then
 * never loads every finding (~40,000 parsed JSON rows on an XL snapshot) to count them.
 */
export function findingAcceptanceOfSnapshot(
  db: Database,
  untrustedBySeverity: readonly { readonly severity: string; readonly count: number }[],
  loadFindings: () => readonly Finding[],
  now = new Date(),
): FindingAcceptance {
  if (listAcceptedRisks(db).length > 0) return findingAcceptance(db, loadFindings(), now);
  const openBySeverity: Record<Severity, number> = { Critical: 0, High: 0, Medium: 0, Low: 0 };
  for (const s of untrustedBySeverity) if (s.severity in openBySeverity) openBySeverity[s.severity as Severity] = s.count;
  return { marks: new Map(), expired: [], openBySeverity };
}
