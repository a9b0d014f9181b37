/** §3.25 CONTROL_PLANE_NODE_TAKEOVER: root on a control-plane node (§1.7 labels) → ClusterAdmin (via the Node). */
import { CLUSTER_ADMIN, objectRef } from "../refs";
import type { NodeTechnique } from "../technique";

export const controlPlaneNodeTakeover: NodeTechnique = {
  id: "CONTROL_PLANE_NODE_TAKEOVER",
  section: 25,
  rank: 32,
  on: "node",
  apply(ctx, nodeName, _node, out) {
    if (ctx.controlPlaneNodes.has(nodeName)) out.edge(CLUSTER_ADMIN, "CONTROL_PLANE_NODE_TAKEOVER", [objectRef("Node", nodeName)]);
  },
};
