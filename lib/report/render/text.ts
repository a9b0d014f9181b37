/** Words shared by the Markdown and HTML renderers (one wording per fact). */
import type { ReportModel, ReportSource } from "../model";

export function sourceText(source: ReportSource): string {
  if (source.type === "cluster") return `live cluster ${source.server ?? "(server unknown)"}${source.context ? ` (context ${source.context})` : ""}`;
  return `${source.files.length} file${source.files.length === 1 ? "" : "s"} (SHA-256 ${source.sha256.slice(0, 12)}…)`;
}

export function acceptedText(a: { owner: string; expires: string; reason: string } | null): string {
  return a ? `accepted (${a.owner}, until ${a.expires}): ${a.reason}` : "";
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
