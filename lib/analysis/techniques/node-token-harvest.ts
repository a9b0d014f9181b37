/** §3.24 NODE_TOKEN_HARVEST: root on a node → every ServiceAccount whose token a running pod on it holds (via that Pod). */
import { isRunningPod } from "../pods";
import { objectRef } from "../refs";
import type { NodeTechnique } from "../technique";
import { saRef } from "./common";

export const nodeTokenHarvest: NodeTechnique = {
  id: "NODE_TOKEN_HARVEST",
  on: "node",
  apply(ctx, nodeName, _node, out) {
    for (const pod of ctx.podsByNode.get(nodeName) ?? []) {
      if (!isRunningPod(pod.status?.phase)) continue;
      const ns = pod.metadata.namespace;
      const via = objectRef("Pod", pod.metadata.name, ns);
      for (const t of ctx.tokensOf(ns, pod.spec)) out.edge(saRef(ns, t.serviceAccount), "NODE_TOKEN_HARVEST", [via], [`${via}#${t.field}`]);
    }
  },
};
