/** §3.2 WORKLOAD_CREATE: create a pod controller, or edit the template of an existing one (not Jobs). */
import type { PrincipalTechnique } from "../technique";
import { emitNamespaceTakeover, WORKLOAD_SHAPES, workloadCreateNamespaces } from "./common";

export const workloadCreate: PrincipalTechnique = {
  id: "WORKLOAD_CREATE",
  section: 2,
  rank: 2,
  on: "principal",
  shapes: WORKLOAD_SHAPES,
  apply(ctx, src, out) {
    for (const [ns, vias] of workloadCreateNamespaces(ctx, src.view)) {
      emitNamespaceTakeover(ctx, src.vertex, ns, vias, (to, v) => out.edge(to, "WORKLOAD_CREATE", v));
    }
  },
};
