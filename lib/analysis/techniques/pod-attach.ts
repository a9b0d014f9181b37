/**
 * v2 §3.32 POD_ATTACH: `create pods/attach` (and `get` before 1.35 when enabled) → the Container
 * vertex of every live container that keeps stdin open. A principal that reaches the pod as a Pod
 * vertex gets no such edge (the graph drops it, §3.32 "subsumed").
 */
import type { PrincipalTechnique } from "../technique";
import { containerRef, shape } from "./common";
import { podsAllowed } from "./pod-access";

export const podAttach: PrincipalTechnique = {
  id: "POD_ATTACH",
  section: 32,
  rank: 17,
  on: "principal",
  shapes: [shape("create", "pods", "", "attach"), shape("get", "pods", "", "attach")],
  apply(ctx, src, out) {
    const shapes = [shape("create", "pods", "", "attach")];
    if (ctx.options.legacyExecGet) shapes.push(shape("get", "pods", "", "attach"));
    for (const [pod, vias] of podsAllowed(ctx, src.view, shapes)) {
      for (const c of ctx.containersOf(pod)) {
        if (c.live && c.container.stdin === true) out.edge(containerRef(pod.metadata.namespace, pod.metadata.name, c.container.name), "POD_ATTACH", vias, undefined, c.container.name);
      }
    }
  },
};
