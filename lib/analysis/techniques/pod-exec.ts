/** §3.3 POD_EXEC: `create pods/exec` (and, on API servers before 1.35, `get pods/exec` when enabled). */
import type { PrincipalTechnique } from "../technique";
import { podRef, shape } from "./common";
import { podsAllowed } from "./pod-access";

export const podExec: PrincipalTechnique = {
  id: "POD_EXEC",
  section: 3,
  rank: 15,
  on: "principal",
  shapes: [shape("create", "pods", "", "exec"), shape("get", "pods", "", "exec")],
  apply(ctx, src, out) {
    const shapes = [shape("create", "pods", "", "exec")];
    if (ctx.options.legacyExecGet) shapes.push(shape("get", "pods", "", "exec"));
    for (const [pod, vias] of podsAllowed(ctx, src.view, shapes)) {
      out.edge(podRef(pod.metadata.namespace, pod.metadata.name), "POD_EXEC", vias);
    }
  },
};
