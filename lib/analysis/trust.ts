/**
 * v2 §1.11 / §2.9: the trusted control plane (principals whose paths leave headline counts and fix
 * set sources), default bindings (the bootstrap policy's own, matched exactly — names, prefixes and
 * labels are not evidence) and protected causes (never proposed by a fix set).
 */
import type { Binding, ClusterRoleBinding, RoleBinding, Subject } from "@/lib/rbac/objects";
import type { ClusterObjects } from "@/lib/cluster/objects";
import { formatVertexRef, type VertexRef } from "./refs";

/** A reference to a binding, Pod or workload (`ClusterRoleBinding/x`, `RoleBinding/ns/x`, `DaemonSet/ns/x`). */
export interface ObjectKey {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
}

export interface TrustSpec {
  readonly add: readonly VertexRef[];
  readonly remove: readonly VertexRef[];
  readonly protect: readonly ObjectKey[];
}

export class TrustFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrustFileError";
  }
}


/** Groups that stand for everyone (or every ServiceAccount): never trusted (§1.11). */
export function isBroadGroup(name: string): boolean {
  return name === "system:authenticated" || name === "system:unauthenticated" || name === "system:serviceaccounts" || name.startsWith("system:serviceaccounts:");
}

export function bindingKey(b: Binding): string {
  return b.kind === "RoleBinding" ? `RoleBinding/${b.metadata.namespace}/${b.metadata.name}` : `ClusterRoleBinding/${b.metadata.name}`;
}

function subjectKey(s: Subject, bindingNs: string | undefined): string | undefined {
  if (s.kind === "ServiceAccount") {
    const ns = s.namespace || bindingNs;
    return ns ? formatVertexRef({ kind: "ServiceAccount", namespace: ns, name: s.name }) : undefined;
  }
  return formatVertexRef({ kind: s.kind, name: s.name, namespace: null });
}

function sameSubject(a: Subject, b: Subject, bindingNs: string | undefined): boolean {
  return subjectKey(a, bindingNs) === subjectKey(b, bindingNs);
}

export interface BootstrapBindings {
  readonly clusterRoleBindings?: readonly ClusterRoleBinding[];
  readonly roleBindings?: readonly RoleBinding[];
}

export class TrustModel {
  private readonly trusted = new Set<string>();
  /** Snapshot bindings equal to a bootstrap entry → the subjects the policy lists for it. */
  private readonly defaults = new Map<string, readonly Subject[]>();
  private readonly protectedBindings = new Set<string>();
  private readonly protectedWorkloads = new Set<string>();

  constructor(objects: ClusterObjects, bootstrap: BootstrapBindings | undefined, spec: TrustSpec | undefined, nodes: ReadonlySet<string>) {
    this.trusted.add("Group/system:masters");
    this.trusted.add("Group/system:nodes");
    for (const n of nodes) this.trusted.add(`User/system:node:${n}`);
    const policy = new Map<string, Binding>();
    for (const b of [...(bootstrap?.clusterRoleBindings ?? []), ...(bootstrap?.roleBindings ?? [])] as Binding[]) {
      policy.set(bindingKey(b), b);
      for (const s of b.subjects ?? []) {
        if (s.kind === "Group" && isBroadGroup(s.name)) continue;
        const k = subjectKey(s, b.metadata.namespace);
        if (k) this.trusted.add(k);
      }
    }
    for (const b of [...objects.clusterRoleBindings, ...objects.roleBindings] as Binding[]) {
      const p = policy.get(bindingKey(b));
      if (p && p.roleRef.kind === b.roleRef.kind && p.roleRef.name === b.roleRef.name) this.defaults.set(bindingKey(b), p.subjects ?? []);
    }
    for (const r of spec?.add ?? []) this.trusted.add(formatVertexRef(r));
    for (const r of spec?.remove ?? []) this.trusted.delete(formatVertexRef(r));
    for (const p of spec?.protect ?? []) {
      const key = p.namespace ? `${p.kind}/${p.namespace}/${p.name}` : `${p.kind}/${p.name}`;
      if (p.kind === "ClusterRoleBinding" || p.kind === "RoleBinding") this.protectedBindings.add(key);
      else this.protectedWorkloads.add(key);
    }
  }

  /** Is this principal in T? */
  isTrusted(ref: VertexRef): boolean {
    if (ref.kind === "Group" && isBroadGroup(ref.name ?? "")) return false;
    return this.trusted.has(formatVertexRef(ref));
  }

  isTrustedKey(key: string): boolean {
    return this.trusted.has(key);
  }

  isDefaultBinding(b: Binding): boolean {
    return this.defaults.has(bindingKey(b));
  }

  /** Indexes of the binding's subjects the bootstrap policy does not list (extra subjects of a default binding). */
  extraSubjects(b: Binding): number[] {
    const listed = this.defaults.get(bindingKey(b));
    if (!listed) return [];
    const out: number[] = [];
    (b.subjects ?? []).forEach((s, i) => {
      if (!listed.some((l) => sameSubject(l, s, b.metadata.namespace))) out.push(i);
    });
    return out;
  }

  isDefaultBindingKey(key: string): boolean {
    return this.defaults.has(key);
  }

  /** A binding a fix set never deletes (default bindings, `protect` entries). */
  isProtectedBinding(key: string): boolean {
    return this.defaults.has(key) || this.protectedBindings.has(key);
  }

  /** Pods and workloads whose pod-spec fields a fix set never proposes (`protect` entries). */
  isProtectedWorkload(key: string): boolean {
    return this.protectedWorkloads.has(key);
  }
}
