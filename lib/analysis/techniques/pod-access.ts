/** Shared walk for techniques that reach existing pods of a namespace through a per-pod permission. */
import type { Pod } from "@/lib/cluster/objects";
import type { AnalysisContext } from "../context";
import { candidateNamespaces, type PermissionView, type RequestShape } from "../permissions";
import { isRunningPod } from "../pods";

/** Running pods the shapes allow (by pod name) → vias. */
export function podsAllowed(ctx: AnalysisContext, view: PermissionView, shapes: readonly RequestShape[]): [Pod, string[]][] {
  if (view.isEmpty) return [];
  const out: [Pod, string[]][] = [];
  const nss = candidateNamespaces(view, shapes, ctx.namespaces);
  for (const ns of nss) {
    for (const pod of ctx.podsByNs.get(ns) ?? []) {
      if (!isRunningPod(pod.status?.phase)) continue;
      const vias = new Set<string>();
      for (const s of shapes) for (const v of view.vias(s, ns, pod.metadata.name)) vias.add(v);
      if (vias.size > 0) out.push([pod, [...vias].sort()]);
    }
  }
  return out;
}
