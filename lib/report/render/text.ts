/** Words shared by the Markdown and HTML renderers (one wording per fact). */
import { describeCause } from "@/lib/analysis/cause";
import type { ReportHop, ReportModel, ReportSource, WorkloadRef } from "../model";

export function sourceText(source: ReportSource): string {
  if (source.type === "cluster") return `live cluster ${source.server ?? "(server unknown)"}${source.context ? ` (context ${source.context})` : ""}`;
  return `${source.files.length} file${source.files.length === 1 ? "" : "s"} (SHA-256 ${source.sha256.slice(0, 12)}…)`;
}

export function acceptedText(a: { owner: string; expires: string; reason: string } | null): string {
  return a ? `accepted (${a.owner}, until ${a.expires}): ${a.reason}` : "";
}

/** How every format marks an item of the trusted control plane (v2 §1.11), as the dashboard does. */
export const TRUSTED_LABEL = "control plane (trusted)";

/** "accepted (…)", "control plane (trusted)", both, or "". */
export function statusText(item: { readonly accepted: Parameters<typeof acceptedText>[0]; readonly trusted: boolean }): string {
  return [item.trusted ? TRUSTED_LABEL : "", acceptedText(item.accepted)].filter(Boolean).join("; ");
}

/** "Deployment/ns/name (3 pods)"; "" when no workload owns the pod(s). */
export function workloadText(owner: WorkloadRef | null, podCount: number | null): string {
  if (!owner) return "";
  return podCount === null ? owner.ref : `${owner.ref} (${podCount} pod${podCount === 1 ? "" : "s"})`;
}

/** The pod-grouping detail of a hop: " (container c; Deployment/ns/x, 3 pods)" or "". */
function hopDetailText(h: Pick<ReportHop, "owner" | "podCount" | "container">): string {
  const parts = [h.container ? `container ${h.container}` : "", h.owner ? `${h.owner.ref}${h.podCount === null ? "" : `, ${h.podCount} pod${h.podCount === 1 ? "" : "s"}`}` : ""].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

const POD_VERTEX = /^(Pod|Container)\//;

/**
 * "X → Y" (the hop's evidence and what it reaches) with the pod-grouping detail beside the Pod it describes: the reached Pod (exec,
 * attach…) or else the Pod the hop goes through (escapes, the kubelet's reads). `ref` formats an
 * object reference, `text` any other words (escaping for HTML).
 */
export function hopEvidenceText(h: ReportHop, ref: (r: string) => string, text: (t: string) => string = (t) => t, arrow = "→"): string {
  const detail = text(hopDetailText(h));
  const onReached = POD_VERTEX.test(h.reaches);
  return `${ref(h.via)}${onReached ? "" : detail} ${arrow} ${ref(h.reaches)}${onReached ? detail : ""}`;
}

/**
 * "enabled by RoleBinding team/dev; spec.hostPID of Pod team/p": the hop's causes in words, each
 * by lib/analysis `describeCause` (the one wording of a cause); "" when the causes are unknown.
 */
export function hopCausesText(h: Pick<ReportHop, "causes">): string {
  return h.causes.length > 0 ? `enabled by ${h.causes.map(describeCause).join("; ")}` : "";
}

export function trustedSummaryText(model: ReportModel): string {
  const s = model.summary;
  if (s.trustedFindings + s.trustedPaths === 0) return "";
  return `${s.trustedFindings} findings and ${s.trustedPaths} paths belong to the trusted control plane: listed, marked "${TRUSTED_LABEL}", not counted and never failing the scan verdict.`;
}

export function fixBreaksText(f: ReportModel["fixes"]["items"][number]): string {
  if (f.breaks.length === 0) return "nothing else";
  return f.breaks.map((b) => `${b.subject} loses ${b.loses.join(", ")}${b.scope ? ` in ${b.scope}` : ""}`).join("; ");
}

export function headlineText(model: ReportModel): string {
  const s = model.summary;
  const f = s.findingsBySeverity;
  return `${f.Critical} critical, ${f.High} high, ${f.Medium} medium, ${f.Low} low findings; ${s.principalsReachingClusterAdmin} principals can become cluster-admin; ${s.nodesReachableAsRoot} nodes reachable as root; ${s.fixSetSize} fixes cut every path to cluster-admin.`;
}
