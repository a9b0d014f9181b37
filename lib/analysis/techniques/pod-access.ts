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
    // Without resourceNames in scope every pod of the namespace gets the same vias: one shared
    // array (the graph then turns it into causes once, not once per pod).
    const shared = shapes.some((s) => view.namesMatter(s, ns)) ? undefined : viasFor(view, shapes, ns, "");
    if (shared !== undefined && shared.length === 0) continue;
    for (const pod of ctx.podsByNs.get(ns) ?? []) {
      if (!isRunningPod(pod.status?.phase)) continue;
      const vias = shared ?? viasFor(view, shapes, ns, pod.metadata.name);
      if (vias.length > 0) out.push([pod, vias]);
    }
  }
  return out;
}

/** The sorted, distinct vias of every shape for one request name. */
function viasFor(view: PermissionView, shapes: readonly RequestShape[], ns: string, name: string): string[] {
  const vias = new Set<string>();
  for (const s of shapes) for (const v of view.vias(s, ns, name)) vias.add(v);
  return [...vias].sort();
}
