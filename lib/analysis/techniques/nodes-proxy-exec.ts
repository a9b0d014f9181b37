/** §3.15 NODES_PROXY_EXEC: `get`/`create nodes/proxy` (cluster scope) → every running pod on a permitted node. */
import { mergeVias } from "../permissions";
import { isRunningPod } from "../pods";
import type { PrincipalTechnique } from "../technique";
import { podRef, shape } from "./common";

export const nodesProxyExec: PrincipalTechnique = {
  id: "NODES_PROXY_EXEC",
  section: 15,
  rank: 18,
  on: "principal",
  shapes: [shape("get", "nodes", "", "proxy"), shape("create", "nodes", "", "proxy")],
  apply(ctx, src, out) {
    if (src.view.cluster.length === 0) return;
    for (const node of ctx.nodeNames) {
      const vias = mergeVias(
        src.view.vias(shape("get", "nodes", "", "proxy"), "", node),
        src.view.vias(shape("create", "nodes", "", "proxy"), "", node),
      );
      if (vias.length === 0) continue;
      for (const pod of ctx.podsByNode.get(node) ?? []) {
        if (isRunningPod(pod.status?.phase)) out.edge(podRef(pod.metadata.namespace, pod.metadata.name), "NODES_PROXY_EXEC", vias);
      }
    }
  },
};
