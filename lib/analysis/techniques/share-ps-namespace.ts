/**
 * v2 §3.33 SHARE_PS_NAMESPACE: from one container of a pod with `shareProcessNamespace: true`, the
 * tokens of every live sibling whose processes it may inspect (/proc/<pid>/root). via the Pod;
 * `container` = the sibling.
 */
import { podCause } from "../cause";
import { containerTokens, mayInspect } from "../containers";
import { objectRef } from "../refs";
import type { PodTechnique } from "../technique";
import { saRef } from "./common";

export const sharePsNamespace: PodTechnique = {
  id: "SHARE_PS_NAMESPACE",
  section: 33,
  rank: 20,
  on: "pod",
  apply(ctx, pod, out, scope) {
    const self = scope.containers[0];
    if (scope.container === null || !self || pod.spec.shareProcessNamespace !== true) return;
    const ns = pod.metadata.namespace;
    const via = objectRef("Pod", pod.metadata.name, ns);
    for (const d of ctx.containersOf(pod)) {
      if (!d.live || d.container.name === self.container.name || !mayInspect(pod.spec, self.container, d.container)) continue;
      for (const t of containerTokens(pod, d, ctx.tokenLookup(ns))) out.edge(saRef(ns, t.serviceAccount), "SHARE_PS_NAMESPACE", [via], [podCause(ns, pod.metadata.name, t.field)], d.container.name);
    }
  },
};
