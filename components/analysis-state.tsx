import { Badge } from "@/components/ui";
import { reanalyzeCommand, type AnalysisState } from "@/lib/store/analysis-state";

const LABEL: Readonly<Record<AnalysisState, string>> = {
  ready: "analysed",
  pending: "analysis pending",
  failed: "analysis failed",
};

/** The snapshot's analysis state as a badge (snapshot lists). */
export function AnalysisStateBadge({ state }: { state: AnalysisState }) {
  return <Badge tone={state === "ready" ? "good" : state === "failed" ? "bad" : "warn"}>{LABEL[state]}</Badge>;
}

/** Shown on every page of a snapshot whose analysis is not stored: what it means and how to finish it. */
export function AnalysisStateNotice({ snapshot, state }: { snapshot: number; state: AnalysisState }) {
  if (state === "ready") return null;
  return (
    <p role="status" className="mb-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <AnalysisStateBadge state={state} /> The escalation analysis of snapshot {snapshot} is not stored, so escalation paths, findings and fixes are not
      shown (not &ldquo;none found&rdquo;). Permission questions (can-i, who-can, roles, bindings) read the stored objects and are answered. Re-run it with{" "}
      <code>{reanalyzeCommand(snapshot)}</code>.
    </p>
  );
}

/** In place of an analysis-dependent page section. */
export function AnalysisUnavailable({ snapshot, state, what }: { snapshot: number; state: AnalysisState; what: string }) {
  return (
    <div className="rounded-xl border border-dashed border-amber-300 bg-amber-50 p-6 text-sm text-amber-900">
      No {what}: the escalation analysis of snapshot {snapshot} is {state === "ready" ? "stored without them (stored by an older version)" : state}. Nothing is
      shown rather than an empty list that would read as &ldquo;safe&rdquo;. Run <code>{reanalyzeCommand(snapshot)}</code>.
    </div>
  );
}
