/** §3.5 POD_PATCH_IMAGE: `update`/`patch pods` → code execution in that pod (same SA, volumes, securityContext). */
import type { PrincipalTechnique } from "../technique";
import { podRef, shape } from "./common";
import { podsAllowed } from "./pod-access";

export const podPatchImage: PrincipalTechnique = {
  id: "POD_PATCH_IMAGE",
  on: "principal",
  apply(ctx, src, out) {
    for (const [pod, vias] of podsAllowed(ctx, src.view, [shape("update", "pods"), shape("patch", "pods")])) {
      out.edge(podRef(pod.metadata.namespace, pod.metadata.name), "POD_PATCH_IMAGE", vias);
    }
  },
};
