/** Shared body of the pod-spec escapes (§3.19–3.23): an existing pod → its node, `via` the Pod. */
import { objectRef } from "../refs";
import type { EscapeTechnique } from "../pods";
import type { PodTechnique } from "../technique";
import { nodeRef } from "./common";

export function podEscape(id: EscapeTechnique): PodTechnique {
  return {
    id,
    on: "pod",
    apply(ctx, pod, out) {
      if (!pod.spec.nodeName) return;
      const fact = ctx.escapesOf(pod.spec, pod.metadata.annotations).find((e) => e.technique === id);
      if (!fact) return;
      const via = objectRef("Pod", pod.metadata.name, pod.metadata.namespace);
      out.edge(nodeRef(pod.spec.nodeName), id, [via], [`${via}#${fact.field}`]);
    },
  };
}
