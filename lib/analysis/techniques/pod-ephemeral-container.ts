/**
 * §3.4 POD_EPHEMERAL_CONTAINER: `update`/`patch pods/ephemeralcontainers` → the pod; in a
 * privileged-PSA namespace the debug container may itself be privileged → the pod's node
 * (PRIVILEGED_POD_NODE_ESCAPE via the same binding).
 */
import type { PrincipalTechnique } from "../technique";
import { nodeRef, podRef, shape } from "./common";
import { podsAllowed } from "./pod-access";

export const podEphemeralContainer: PrincipalTechnique = {
  id: "POD_EPHEMERAL_CONTAINER",
  on: "principal",
  apply(ctx, src, out) {
    const shapes = [shape("update", "pods", "", "ephemeralcontainers"), shape("patch", "pods", "", "ephemeralcontainers")];
    for (const [pod, vias] of podsAllowed(ctx, src.view, shapes)) {
      out.edge(podRef(pod.metadata.namespace, pod.metadata.name), "POD_EPHEMERAL_CONTAINER", vias);
      if (pod.spec.nodeName && ctx.psa(pod.metadata.namespace) === "privileged") {
        out.edge(nodeRef(pod.spec.nodeName), "PRIVILEGED_POD_NODE_ESCAPE", vias);
      }
    }
  },
};
