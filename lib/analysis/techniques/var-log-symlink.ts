/**
 * v2 §3.31 VAR_LOG_SYMLINK: a root container with a writable `/var/log` (or `/var/log/pods`) host
 * mount, whose vertex already holds an identity allowed `get pods/log` on a pod of the same node,
 * turns the kubelet's log endpoint into a host file read → the node. via the Pod.
 */
import { podCause } from "../cause";
import type { Pod } from "@/lib/cluster/objects";
import type { AnalysisContext } from "../context";
import { tokensOfContainers } from "../containers";
import { hostMounts, isVarLogPath, runsAsRoot, type HostMount } from "../pods";
import { objectRef } from "../refs";
import type { PodScope, PodTechnique } from "../technique";
import { hasHostPath, mountContainersOf } from "./escape-common";
import { nodeRef, saRef, shape } from "./common";

/** The mount that makes the escape, when the vertex satisfies both preconditions. */
export function varLogSymlinkOf(ctx: AnalysisContext, pod: Pod, scope: PodScope): HostMount | undefined {
  const node = pod.spec.nodeName;
  if (!node || !hasHostPath(pod)) return undefined;
  const byName = new Map(mountContainersOf(pod, scope).map((c) => [c.name, c]));
  const mount = hostMounts(pod.spec, [...byName.values()]).find((m) => {
    const c = byName.get(m.container);
    return !m.readOnly && isVarLogPath(m.path) && c !== undefined && runsAsRoot(pod.spec, c);
  });
  if (!mount) return undefined;
  const ns = pod.metadata.namespace;
  const tokens = scope.container === null ? ctx.liveTokensOf(pod) : tokensOfContainers(pod, scope.containers, ctx.tokenLookup(ns));
  const onNode = ctx.boundPodsByNode.get(node) ?? [];
  for (const t of tokens) {
    for (const q of onNode) {
      if (ctx.engineVias(saRef(ns, t.serviceAccount), shape("get", "pods", "", "log"), q.metadata.namespace, q.metadata.name).length > 0) return mount;
    }
  }
  return undefined;
}

export const varLogSymlink: PodTechnique = {
  id: "VAR_LOG_SYMLINK",
  section: 31,
  rank: 27,
  on: "pod",
  apply(ctx, pod, out, scope) {
    const mount = varLogSymlinkOf(ctx, pod, scope);
    if (!mount || !pod.spec.nodeName) return;
    const via = objectRef("Pod", pod.metadata.name, pod.metadata.namespace);
    out.edge(nodeRef(pod.spec.nodeName), "VAR_LOG_SYMLINK", [via], [podCause(pod.metadata.namespace, pod.metadata.name, { kind: "spec", path: `volumes[${mount.volume}].hostPath` })], mount.container);
  },
};
