/** Request shapes and shared precondition helpers used by several techniques. */
import type { WorkloadKind } from "@/lib/cluster/objects";
import type { AnalysisContext } from "../context";
import { candidateNamespaces, mergeVias, type PermissionView, type RequestShape } from "../permissions";
import type { VertexRef } from "../refs";

export const CORE = "";
export const RBAC = "rbac.authorization.k8s.io";
export const CSR_GROUP = "certificates.k8s.io";

export const shape = (verb: string, resource: string, apiGroup = CORE, subresource?: string): RequestShape =>
  subresource === undefined ? { verb, resource, apiGroup } : { verb, resource, apiGroup, subresource };

export const WORKLOAD_RESOURCES: Readonly<Record<WorkloadKind, { resource: string; apiGroup: string; templateMutable: boolean }>> = {
  Deployment: { resource: "deployments", apiGroup: "apps", templateMutable: true },
  ReplicaSet: { resource: "replicasets", apiGroup: "apps", templateMutable: true },
  StatefulSet: { resource: "statefulsets", apiGroup: "apps", templateMutable: true },
  DaemonSet: { resource: "daemonsets", apiGroup: "apps", templateMutable: true },
  Job: { resource: "jobs", apiGroup: "batch", templateMutable: false },
  CronJob: { resource: "cronjobs", apiGroup: "batch", templateMutable: true },
  ReplicationController: { resource: "replicationcontrollers", apiGroup: CORE, templateMutable: true },
};

/** Creating, or editing the template of, any pod controller (3.2). */
export const WORKLOAD_SHAPES: readonly RequestShape[] = Object.values(WORKLOAD_RESOURCES).flatMap((d) => ["create", "update", "patch"].map((v) => shape(v, d.resource, d.apiGroup)));

export function saRef(namespace: string, name: string): VertexRef {
  return { kind: "ServiceAccount", name, namespace };
}
export function secretRef(namespace: string, name: string): VertexRef {
  return { kind: "Secret", name, namespace };
}
export function podRef(namespace: string, name: string): VertexRef {
  return { kind: "Pod", name, namespace };
}
/** v2 §2.5: one container of an existing pod. */
export function containerRef(namespace: string, pod: string, container: string): VertexRef {
  return { kind: "Container", name: `${pod}/${container}`, namespace };
}
export function nodeRef(name: string): VertexRef {
  return { kind: "Node", name, namespace: null };
}

const memo = new WeakMap<PermissionView, { pods?: Map<string, string[]>; workloads?: Map<string, string[]> }>();

function cacheFor(view: PermissionView) {
  let c = memo.get(view);
  if (!c) memo.set(view, (c = {}));
  return c;
}

/**
 * §3.1: namespaces where `create pods` (no name) is allowed → granting vias. A node principal under
 * NodeRestriction may create only mirror pods bound to itself with no ServiceAccount or Secret (v2
 * §1.8): no namespace (`nodeRestricted`).
 */
export function podCreateNamespaces(ctx: AnalysisContext, view: PermissionView, nodeRestricted = false): Map<string, string[]> {
  if (nodeRestricted) return new Map();
  const c = cacheFor(view);
  if (!c.pods) c.pods = view.namespacesAllowing(shape("create", "pods"), ctx.namespaces);
  return c.pods;
}

/** §3.2: namespaces where a pod controller can be created, or an existing one's template edited. */
export function workloadCreateNamespaces(ctx: AnalysisContext, view: PermissionView): Map<string, string[]> {
  const c = cacheFor(view);
  if (c.workloads) return c.workloads;
  const out = new Map<string, string[]>();
  const add = (ns: string, vias: readonly string[]) => {
    if (vias.length > 0) out.set(ns, mergeVias(out.get(ns) ?? [], vias));
  };
  for (const def of Object.values(WORKLOAD_RESOURCES)) {
    for (const [ns, vias] of view.namespacesAllowing(shape("create", def.resource, def.apiGroup), ctx.namespaces)) add(ns, vias);
  }
  if (!view.isEmpty) {
    const mutable = Object.values(WORKLOAD_RESOURCES).filter((d) => d.templateMutable).flatMap((d) => ["update", "patch"].map((v) => shape(v, d.resource, d.apiGroup)));
    const candidateNs = candidateNamespaces(view, mutable, ctx.namespaces);
    for (const ns of candidateNs) {
      // Without resourceNames in scope every workload of a kind gets the same vias: asked once per kind.
      const unnamedDone = new Set<WorkloadKind>();
      for (const w of ctx.workloadsByNs.get(ns) ?? []) {
        const def = WORKLOAD_RESOURCES[w.kind];
        if (!def.templateMutable || unnamedDone.has(w.kind)) continue;
        const shapes = ["update", "patch"].map((verb) => shape(verb, def.resource, def.apiGroup));
        const named = shapes.some((s) => view.namesMatter(s, ns));
        if (!named) unnamedDone.add(w.kind);
        for (const s of shapes) add(ns, view.vias(s, ns, named ? w.metadata.name : ""));
      }
    }
  }
  c.workloads = out;
  return out;
}

/** Pod creation by 3.1 or 3.2 in each namespace (vias of both). */
export function anyPodCreationNamespaces(ctx: AnalysisContext, view: PermissionView, nodeRestricted = false): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of [podCreateNamespaces(ctx, view, nodeRestricted), workloadCreateNamespaces(ctx, view)]) {
    for (const [ns, v] of m) out.set(ns, mergeVias(out.get(ns) ?? [], v));
  }
  return out;
}

/** Every identity and Secret of a namespace, the gain of 3.1/3.2. */
export function emitNamespaceTakeover(
  ctx: AnalysisContext,
  self: VertexRef,
  ns: string,
  vias: readonly string[],
  emit: (to: VertexRef, vias: readonly string[]) => void,
): void {
  for (const sa of ctx.sasByNs.get(ns) ?? []) {
    if (self.kind === "ServiceAccount" && self.namespace === ns && self.name === sa.metadata.name) continue;
    emit(saRef(ns, sa.metadata.name), vias);
  }
  for (const s of ctx.secretsByNs.get(ns) ?? []) emit(secretRef(ns, s.metadata.name), vias);
}

export function isSelf(self: VertexRef, to: VertexRef): boolean {
  return self.kind === to.kind && self.name === to.name && (self.namespace ?? null) === (to.namespace ?? null);
}

/** §3.26: a rule whose apiGroups, resources and verbs all contain "*" and that has no resourceNames. */
export function isClusterAdminRule(rule: { verbs: readonly string[]; apiGroups?: readonly string[]; resources?: readonly string[]; resourceNames?: readonly string[] }): boolean {
  if ((rule.resourceNames ?? []).length > 0) return false;
  return rule.verbs.includes("*") && (rule.apiGroups ?? []).includes("*") && (rule.resources ?? []).includes("*");
}
