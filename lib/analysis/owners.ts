/** v2 §1.12: the workload that owns an existing pod — the key that groups replica pods. */
import type { Pod, Workload } from "@/lib/cluster/objects";
import { isMirrorPod } from "./containers";

export interface WorkloadRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

export type WorkloadLookup = (kind: string, namespace: string, name: string) => Workload | undefined;

/**
 * Follows controller references while the referenced object exists and has its own controller;
 * an absent ReplicaSet `<D>-<hash>` (pod label `pod-template-hash: <hash>`) or Job `<C>-<digits>`
 * resolves to its Deployment / CronJob when that exists; otherwise the reference itself.
 */
export function ownerOfPod(pod: Pod, lookup: WorkloadLookup): WorkloadRef | null {
  if (isMirrorPod(pod)) return null;
  return resolveController(pod.owner, pod.metadata.namespace, pod.metadata.labels, lookup);
}

/**
 * A workload is its own owner unless a controller owns it (ReplicaSet → Deployment, Job →
 * CronJob): then it folds into that owner, as its pods do, so one application is one finding.
 */
export function ownerOfWorkload(w: Workload, lookup: WorkloadLookup): WorkloadRef {
  const self = { kind: w.kind as string, name: w.metadata.name, namespace: w.metadata.namespace };
  return resolveController(w.owner, w.metadata.namespace, w.template.metadata?.labels, lookup) ?? self;
}

function resolveController(
  first: { readonly kind: string; readonly name: string } | undefined,
  ns: string,
  labels: Readonly<Record<string, string>> | undefined,
  lookup: WorkloadLookup,
): WorkloadRef | null {
  if (!first || first.kind === "Node") return null;
  let cur: WorkloadRef = { kind: first.kind, name: first.name, namespace: ns };
  for (let depth = 0; depth < 8; depth++) {
    const obj = lookup(cur.kind, ns, cur.name);
    if (obj) {
      if (!obj.owner || obj.owner.kind === "Node") return cur;
      cur = { kind: obj.owner.kind, name: obj.owner.name, namespace: ns };
      continue;
    }
    if (cur.kind === "ReplicaSet") {
      const hash = labels?.["pod-template-hash"];
      if (hash && cur.name.endsWith(`-${hash}`)) {
        const d = cur.name.slice(0, -(hash.length + 1));
        if (lookup("Deployment", ns, d)) return { kind: "Deployment", name: d, namespace: ns };
      }
    } else if (cur.kind === "Job") {
      const m = /^(.*)-[0-9]+$/.exec(cur.name);
      if (m && m[1] && lookup("CronJob", ns, m[1])) return { kind: "CronJob", name: m[1], namespace: ns };
    }
    return cur;
  }
  return cur;
}

export function formatWorkloadRef(o: WorkloadRef): string {
  return `${o.kind}/${o.namespace}/${o.name}`;
}
