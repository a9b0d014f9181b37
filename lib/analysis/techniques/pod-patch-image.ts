/**
 * §3.5 POD_PATCH_IMAGE as read by v2 §3.34: `update`/`patch pods` → the Container vertex of each
 * regular and sidecar container (a new image restarts it with the same SA, volumes and
 * securityContext). NodeRestriction refuses pod updates by a node principal.
 */
import type { PrincipalTechnique } from "../technique";
import { containerRef, shape } from "./common";
import { podsAllowed } from "./pod-access";

export const podPatchImage: PrincipalTechnique = {
  id: "POD_PATCH_IMAGE",
  section: 5,
  rank: 16,
  on: "principal",
  shapes: [shape("update", "pods"), shape("patch", "pods")],
  apply(ctx, src, out) {
    if (src.restrictedNode !== null) return;
    for (const [pod, vias] of podsAllowed(ctx, src.view, [shape("update", "pods"), shape("patch", "pods")])) {
      for (const c of ctx.containersOf(pod)) {
        if (c.role === "regular" || c.role === "sidecar") out.edge(containerRef(pod.metadata.namespace, pod.metadata.name, c.container.name), "POD_PATCH_IMAGE", vias, undefined, c.container.name);
      }
    }
  },
};
