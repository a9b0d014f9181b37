/** §3.1 POD_CREATE_TOKEN_THEFT: create a pod in N running as any ServiceAccount of N. */
import type { PrincipalTechnique } from "../technique";
import { emitNamespaceTakeover, podCreateNamespaces, shape } from "./common";

export const podCreateTokenTheft: PrincipalTechnique = {
  id: "POD_CREATE_TOKEN_THEFT",
  section: 1,
  rank: 1,
  on: "principal",
  shapes: [shape("create", "pods")],
  apply(ctx, src, out) {
    for (const [ns, vias] of podCreateNamespaces(ctx, src.view, src.restrictedNode !== null)) {
      emitNamespaceTakeover(ctx, src.vertex, ns, vias, (to, v) => out.edge(to, "POD_CREATE_TOKEN_THEFT", v));
    }
  },
};
