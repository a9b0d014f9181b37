/**
 * v2 §3.30 HOSTPATH_READ: a read-only host mount that leaks credentials without root — only where
 * the vertex has no escape to the node (the Node route already yields the same tokens).
 */
import { podCause } from "../cause";
import type { Pod } from "@/lib/cluster/objects";
import type { AnalysisContext } from "../context";
import { NODE_USER_PREFIX } from "../context";
import { hostMounts, hostPathReadGain, isRunningPod } from "../pods";
import { CLUSTER_ADMIN, objectRef } from "../refs";
import type { PodScope, PodTechnique } from "../technique";
import { hasHostPath, mountContainersOf, vertexEscapes } from "./escape-common";
import { varLogSymlinkOf } from "./var-log-symlink";
import { saRef } from "./common";

export const hostpathRead: PodTechnique = {
  id: "HOSTPATH_READ",
  section: 30,
  rank: 21,
  on: "pod",
  apply(ctx, pod, out, scope) {
    const node = pod.spec.nodeName;
    if (!node || !hasHostPath(pod) || hasNodeEscape(ctx, pod, scope)) return;
    const via = objectRef("Pod", pod.metadata.name, pod.metadata.namespace);
    for (const m of hostMounts(pod.spec, mountContainersOf(pod, scope))) {
      if (!m.readOnly) continue;
      const gain = hostPathReadGain(m.path);
      if (!gain) continue;
      const cause = [podCause(pod.metadata.namespace, pod.metadata.name, { kind: "spec", path: `volumes[${m.volume}].hostPath` })];
      if (gain === "control-plane-config") {
        if (ctx.controlPlaneNodes.has(node)) out.edge(CLUSTER_ADMIN, "HOSTPATH_READ", [via], cause, m.container);
        continue;
      }
      if (gain === "tokens-and-kubelet" || gain === "kubelet") out.edge({ kind: "User", name: `${NODE_USER_PREFIX}${node}`, namespace: null }, "HOSTPATH_READ", [via], cause, m.container);
      if (gain === "tokens-and-kubelet" || gain === "tokens") {
        for (const q of ctx.podsByNode.get(node) ?? []) {
          if (!isRunningPod(q.status?.phase)) continue;
          for (const t of ctx.materialisedTokensOf(q)) out.edge(saRef(q.metadata.namespace, t.serviceAccount), "HOSTPATH_READ", [via], cause, m.container);
        }
      }
    }
  },
};

function hasNodeEscape(ctx: AnalysisContext, pod: Pod, scope: PodScope): boolean {
  return vertexEscapes(ctx, pod, scope).length > 0 || varLogSymlinkOf(ctx, pod, scope) !== undefined;
}
