/** v2 §3.27 NODE_IDENTITY_ASSUME: root on a node → the kubelet's credentials, `User system:node:<n>` (via the Node). */
import { NODE_USER_PREFIX } from "../context";
import { objectRef } from "../refs";
import type { NodeTechnique } from "../technique";

export const nodeIdentityAssume: NodeTechnique = {
  id: "NODE_IDENTITY_ASSUME",
  section: 27,
  rank: 31,
  on: "node",
  apply(_ctx, nodeName, _node, out) {
    out.edge({ kind: "User", name: `${NODE_USER_PREFIX}${nodeName}`, namespace: null }, "NODE_IDENTITY_ASSUME", [objectRef("Node", nodeName)]);
  },
};
