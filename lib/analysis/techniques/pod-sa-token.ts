/**
 * §3.6 POD_SA_TOKEN as read by v2 §3.34: code execution in a pod (LIVE(P)) or in one container →
 * every ServiceAccount of TOKENS(c) for a container of the vertex (§1.10).
 */
import { podCause } from "../cause";
import { tokensOfContainers } from "../containers";
import { objectRef } from "../refs";
import type { PodTechnique } from "../technique";
import { saRef } from "./common";

export const podSaToken: PodTechnique = {
  id: "POD_SA_TOKEN",
  section: 6,
  rank: 19,
  on: "pod",
  apply(ctx, pod, out, scope) {
    const ns = pod.metadata.namespace;
    const via = objectRef("Pod", pod.metadata.name, ns);
    const tokens = scope.container === null ? ctx.liveTokensOf(pod) : tokensOfContainers(pod, scope.containers, ctx.tokenLookup(ns));
    for (const t of tokens) {
      out.edge(saRef(ns, t.serviceAccount), "POD_SA_TOKEN", [via], [podCause(ns, pod.metadata.name, t.field)], scope.container ?? undefined);
    }
  },
};
