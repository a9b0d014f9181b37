/**
 * The overview's small charts as data: principals per sink, open findings by severity and by
 * namespace, the most exposed default ServiceAccounts. Every bar links to the page that explains it.
 */
import type { ExposureEntry, SinkSummary } from "@/lib/analysis/analyze";
import type { Finding } from "@/lib/analysis/findings";
import { formatVertexRef } from "@/lib/analysis/refs";
import type { Severity } from "@/lib/analysis/technique";
import type { BarRow, BarTone } from "./charts/bar-model";
import { refLabel } from "./escalation-model";
import { snapshotHref, subjectHref } from "./links";

export const CHART_ROWS = 8;

const SINK_TONE: Readonly<Record<SinkSummary["reason"], BarTone>> = { "cluster-admin": "critical", critical: "critical", "node-root": "bad", secret: "warn" };
const SEVERITY_TONE: Readonly<Record<Severity, BarTone>> = { Critical: "critical", High: "bad", Medium: "warn", Low: "neutral" };
const LEVEL_TONE: Readonly<Record<string, BarTone>> = { ClusterAdmin: "critical", Node: "bad", ServiceAccount: "bad", Secret: "warn" };

/** The sinks most principals reach (control plane excluded, as in the analysis' counts). */
export function sinkBars(snapshot: number, sinks: readonly SinkSummary[], limit = CHART_ROWS): BarRow[] {
  return sinks
    .filter((s) => s.reachedBy > 0)
    .sort((a, b) => b.reachedBy - a.reachedBy || formatVertexRef(a.sink).localeCompare(formatVertexRef(b.sink)))
    .slice(0, limit)
    .map((s) => ({
      label: s.sink.kind === "ClusterAdmin" ? "cluster admin" : refLabel(s.sink),
      value: s.reachedBy,
      tone: SINK_TONE[s.reason],
      href: `${snapshotHref(snapshot, "escalations")}?${new URLSearchParams({ to: formatVertexRef(s.sink) })}`,
    }));
}

export function severityBars(snapshot: number, open: Readonly<Record<Severity, number>>): BarRow[] {
  return (["Critical", "High", "Medium", "Low"] as const).map((level) => ({
    label: level,
    value: open[level],
    tone: SEVERITY_TONE[level],
    href: `${snapshotHref(snapshot, "findings")}?severity=${level}`,
  }));
}

/**
 * Open findings (not accepted, not the trusted control plane — the headline counts) per namespace
 * of the finding's subject; cluster-scoped subjects count under "(cluster-scoped)".
 */
export function namespaceBars(snapshot: number, findings: readonly Finding[], accepted: ReadonlyMap<string, unknown>, limit = CHART_ROWS): BarRow[] {
  const counts = new Map<string, number>();
  for (const f of findings) {
    if (f.trusted || accepted.has(f.id)) continue;
    const ns = f.objects[0]?.namespace ?? "";
    counts.set(ns, (counts.get(ns) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([ns, n]) => ({
      label: ns === "" ? "(cluster-scoped)" : ns,
      value: n,
      tone: "info" as const,
      href: `${snapshotHref(snapshot, "findings")}?${new URLSearchParams({ namespace: ns === "" ? "-" : ns })}`,
    }));
}

/** `default` ServiceAccounts ranked by exposure score (reach × pods holding the token × nodes). */
export function defaultAccountBars(snapshot: number, exposure: readonly ExposureEntry[], limit = CHART_ROWS): BarRow[] {
  return exposure
    .filter((e) => e.isDefault && e.score > 0)
    .sort((a, b) => b.score - a.score || formatVertexRef(a.serviceAccount).localeCompare(formatVertexRef(b.serviceAccount)))
    .slice(0, limit)
    .map((e) => ({
      label: `${e.serviceAccount.namespace ?? ""}/${e.serviceAccount.name ?? ""}`,
      value: e.score,
      tone: (e.level && LEVEL_TONE[e.level]) || "neutral",
      href: subjectHref(snapshot, "ServiceAccount", e.serviceAccount.name ?? "", e.serviceAccount.namespace ?? undefined),
    }));
}
