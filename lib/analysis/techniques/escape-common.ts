/**
 * Shared body of the pod-spec escapes (§3.19–3.23, v2 §3.34 use 1): an existing pod → its node,
 * `via` the Pod, counting only the containers the vertex holds (LIVE(P), or one container plus the
 * hostPath mounts of siblings it can inspect through a shared process namespace, §3.33).
 */
import { podCause } from "../cause";
import type { Container, Pod } from "@/lib/cluster/objects";
import type { AnalysisContext } from "../context";
import { mayInspect } from "../containers";
import { escapesOf, type EscapeFact, type EscapeTechnique } from "../pods";
import { objectRef } from "../refs";
import type { PodScope, PodTechnique, TechniqueInfo } from "../technique";
import { nodeRef } from "./common";

/** Containers whose hostPath mounts count for the vertex: its own, plus inspectable siblings' (Container vertex with shareProcessNamespace). */
export function mountContainersOf(pod: Pod, scope: PodScope): Container[] {
  const own = scope.containers.map((c) => c.container);
  if (scope.container === null || pod.spec.shareProcessNamespace !== true) return own;
  const c = own[0];
  if (!c) return own;
  const siblings = pod.spec.containers.concat((pod.spec.initContainers ?? []).filter((x) => x.restartPolicy === "Always"));
  return [...own, ...siblings.filter((d) => d.name !== c.name && mayInspect(pod.spec, c, d))];
}

const containerEscapes = new WeakMap<object, EscapeFact[]>();

/** Escapes of the vertex, in precedence order (cached per pod and per container). */
export function vertexEscapes(ctx: AnalysisContext, pod: Pod, scope: PodScope): EscapeFact[] {
  if (scope.container === null) return ctx.liveEscapesOf(pod);
  const key = scope.containers[0];
  const hit = key ? containerEscapes.get(key) : undefined;
  if (hit) return hit;
  const e = escapesOf(pod.spec, pod.metadata.annotations, scope.containers.map((c) => c.container), mountContainersOf(pod, scope), ctx.hostPathWrite);
  if (key) containerEscapes.set(key, e);
  return e;
}

/** Whether the pod has any hostPath volume (most do not: the host-mount techniques stop at once). */
export function hasHostPath(pod: Pod): boolean {
  return (pod.spec.volumes ?? []).some((v) => v.hostPath !== undefined);
}

export function podEscape(info: TechniqueInfo & { readonly id: EscapeTechnique }): PodTechnique {
  const id = info.id;
  return {
    ...info,
    on: "pod",
    apply(ctx, pod, out, scope) {
      if (!pod.spec.nodeName) return;
      const fact = vertexEscapes(ctx, pod, scope).find((e) => e.technique === id);
      if (!fact) return;
      const via = objectRef("Pod", pod.metadata.name, pod.metadata.namespace);
      out.edge(nodeRef(pod.spec.nodeName), id, [via], [podCause(pod.metadata.namespace, pod.metadata.name, { kind: "spec", path: fact.field })], scope.container ?? undefined);
    },
  };
}
