/**
 * §3.24 NODE_TOKEN_HARVEST as read by v2 §3.34: root on a node → every ServiceAccount of
 * MATERIALISED(Q) for the running pods Q on it (via that Pod). Mirror pods hold no token.
 */
import { podCause } from "../cause";
import { isRunningPod } from "../pods";
import { objectRef } from "../refs";
import type { NodeTechnique } from "../technique";
import { saRef } from "./common";

export const nodeTokenHarvest: NodeTechnique = {
  id: "NODE_TOKEN_HARVEST",
  section: 24,
  rank: 30,
  on: "node",
  apply(ctx, nodeName, _node, out) {
    for (const pod of ctx.podsByNode.get(nodeName) ?? []) {
      if (!isRunningPod(pod.status?.phase)) continue;
      const ns = pod.metadata.namespace;
      const via = objectRef("Pod", pod.metadata.name, ns);
      for (const t of ctx.materialisedTokensOf(pod)) out.edge(saRef(ns, t.serviceAccount), "NODE_TOKEN_HARVEST", [via], [podCause(ns, pod.metadata.name, t.field)]);
    }
  },
};
