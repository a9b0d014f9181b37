/**
 * Drift with the trusted control plane marked (v2 §1.11, listing rule §2.6): every path that
 * appeared or disappeared and every finding new or fixed carries `trusted`, as paths and findings do
 * everywhere else. Marks come from each side's stored analysis, or — with `--trust FILE` — from each
 * side analysed again in memory with that file (trust never changes which paths or findings exist,
 * only which are marked).
 */
import type { AnalysisResult } from "@/lib/analysis/analyze";
import { formatVertexRef } from "@/lib/analysis/refs";
import type { TrustSpec } from "@/lib/analysis/trust";
import { pathMarkKey, storedTrustMarks } from "@/lib/store/analysis";
import type { RawDatabase as Database } from "@/lib/store/raw";
import type { SnapshotDrift } from "./drift";
import { reanalyzeWithTrust } from "./escalation";

export interface MarkedDriftPath {
  readonly from: string;
  readonly to: string;
  readonly trusted: boolean;
}

export interface MarkedDriftFinding {
  readonly id: string;
  readonly rule: string;
  readonly severity: string;
  readonly trusted: boolean;
}

export type MarkedDrift = Omit<SnapshotDrift, "paths" | "findings"> & {
  readonly paths: { readonly appeared: readonly MarkedDriftPath[]; readonly disappeared: readonly MarkedDriftPath[] };
  readonly findings: { readonly new: readonly MarkedDriftFinding[]; readonly fixed: readonly MarkedDriftFinding[] };
};

interface Marks {
  readonly paths: ReadonlySet<string>;
  readonly findings: ReadonlySet<string>;
}

export function markDriftTrust(db: Database, drift: SnapshotDrift, trust?: TrustSpec): MarkedDrift {
  const marksOf = (snapshotId: number, paths: SnapshotDrift["paths"]["appeared"], findings: SnapshotDrift["findings"]["new"]): Marks => {
    if (paths.length === 0 && findings.length === 0) return { paths: new Set(), findings: new Set() };
    if (trust) return marksOfAnalysis(reanalyzeWithTrust(db, snapshotId, trust));
    return storedTrustMarks(db, snapshotId, paths, findings.map((f) => f.id));
  };
  const to = marksOf(drift.to, drift.paths.appeared, drift.findings.new);
  const from = marksOf(drift.from, drift.paths.disappeared, drift.findings.fixed);
  const markPath = (marks: Marks) => (p: { from: string; to: string }): MarkedDriftPath => ({ ...p, trusted: marks.paths.has(pathMarkKey(p.from, p.to)) });
  const markFinding = (marks: Marks) => (f: { id: string; rule: string; severity: string }): MarkedDriftFinding => ({ ...f, trusted: marks.findings.has(f.id) });
  return {
    ...drift,
    paths: { appeared: drift.paths.appeared.map(markPath(to)), disappeared: drift.paths.disappeared.map(markPath(from)) },
    findings: { new: drift.findings.new.map(markFinding(to)), fixed: drift.findings.fixed.map(markFinding(from)) },
  };
}

/** How many of these are not the trusted control plane's: what counts leave (v2 §1.11). */
export function untrustedCount(items: readonly { readonly trusted: boolean }[]): number {
  return items.filter((i) => !i.trusted).length;
}

function marksOfAnalysis(analysis: AnalysisResult): Marks {
  return {
    paths: new Set(analysis.paths.filter((p) => p.trusted === true).map((p) => pathMarkKey(formatVertexRef(p.from), formatVertexRef(p.to)))),
    findings: new Set(analysis.findings.filter((f) => f.trusted === true).map((f) => f.id)),
  };
}
