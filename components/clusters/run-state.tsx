import { Badge } from "@/components/ui";
import type { RunState } from "@/lib/store/clusters";

const LABEL: Readonly<Record<RunState, string>> = { ok: "ok", partial: "partial", failed: "failed", running: "running" };

/** A scheduled run's outcome: a failed or partial run never replaced the default snapshot. */
export function RunStateBadge({ state }: { state: RunState }) {
  return <Badge tone={state === "ok" ? "good" : state === "partial" ? "warn" : state === "failed" ? "bad" : "info"}>{LABEL[state]}</Badge>;
}
