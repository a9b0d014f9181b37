/**
 * What one principal (or one RoleGrant) may do, gathered once from the engine's rule walk
 * (`visitAllRulesFor`) and queried per scope with the engine's `ruleAllows`. Nothing here decides
 * RBAC by itself: a rule either allows the engine-built request or it does not.
 */
import { resourceRequest, ruleAllows, type PolicyRule, type ResourceRequest } from "./engine";

/** One rule held at one scope, with the evidence (`via`) a hop would cite. */
export interface HeldRule {
  readonly rule: PolicyRule;
  /** Namespace the rule applies in; null = cluster-wide. */
  readonly scope: string | null;
  /** `RoleBinding/ns/name`, `ClusterRoleBinding/name` or, for a self-granted role, the role. */
  readonly via: string;
  /** True when it comes from a ClusterRoleBinding (as opposed to RB or a self grant). */
  readonly fromClusterBinding: boolean;
  /** The role the rule belongs to (`ClusterRole/x`, `Role/ns/x`). */
  readonly role: string;
}

/** A name nobody chose: matches only rules without resourceNames. */
export const ANY_NAME = "\u0000any";

export interface RequestShape {
  readonly verb: string;
  readonly apiGroup?: string;
  readonly resource: string;
  readonly subresource?: string;
}

export function req(shape: RequestShape, namespace: string, name: string): ResourceRequest {
  return resourceRequest({ ...shape, namespace, name });
}

export class PermissionView {
  readonly cluster: readonly HeldRule[];
  readonly byNamespace: ReadonlyMap<string, readonly HeldRule[]>;
  readonly all: readonly HeldRule[];

  constructor(rules: readonly HeldRule[]) {
    this.all = rules;
    const cluster: HeldRule[] = [];
    const byNs = new Map<string, HeldRule[]>();
    for (const r of rules) {
      if (r.scope === null) cluster.push(r);
      else {
        const l = byNs.get(r.scope);
        if (l) l.push(r);
        else byNs.set(r.scope, [r]);
      }
    }
    this.cluster = cluster;
    this.byNamespace = byNs;
  }

  get isEmpty(): boolean {
    return this.all.length === 0;
  }

  /** Namespaces where the principal holds namespace-scoped rules, sorted. */
  namespaces(): string[] {
    return [...this.byNamespace.keys()].sort();
  }

  /**
   * The evidence (sorted, distinct `via`) for a request. `namespace` "" = a cluster-scoped request
   * (only cluster-wide rules apply); otherwise cluster-wide rules and rules of that namespace.
   * `onlyNamespace` restricts to the namespace's own rules (used to evaluate "every namespace"
   * once for the cluster-wide part).
   */
  vias(shape: RequestShape, namespace: string, name: string, scopeFilter: "both" | "cluster" | "namespace" = "both"): string[] {
    const request = req(shape, namespace, name);
    const out = new Set<string>();
    if (scopeFilter !== "namespace") for (const r of this.cluster) if (ruleAllows(request, r.rule)) out.add(r.via);
    if (namespace !== "" && scopeFilter !== "cluster") {
      for (const r of this.byNamespace.get(namespace) ?? []) if (ruleAllows(request, r.rule)) out.add(r.via);
    }
    return [...out].sort();
  }

  allows(shape: RequestShape, namespace: string, name: string): boolean {
    const request = req(shape, namespace, name);
    for (const r of this.cluster) if (ruleAllows(request, r.rule)) return true;
    if (namespace === "") return false;
    for (const r of this.byNamespace.get(namespace) ?? []) if (ruleAllows(request, r.rule)) return true;
    return false;
  }

  /**
   * Names some rule in scope would allow for this request shape: `any` when a rule has no
   * resourceNames (every name), else the listed names the engine confirms. Used when the
   * attacker chooses the name (a Secret or CSR it creates).
   */
  someNameAllowed(shape: RequestShape, namespace: string): string | undefined {
    if (this.allows(shape, namespace, ANY_NAME)) return ANY_NAME;
    const rules = namespace === "" ? this.cluster : [...this.cluster, ...(this.byNamespace.get(namespace) ?? [])];
    const names = new Set<string>();
    for (const r of rules) for (const n of r.rule.resourceNames ?? []) names.add(n);
    for (const n of [...names].sort()) if (this.allows(shape, namespace, n)) return n;
    return undefined;
  }

  /**
   * Namespaces where a name-less request of this shape is allowed: every namespace in
   * `allNamespaces` when a cluster-wide rule allows it, plus namespaces whose own rules do.
   * Returns namespace → sorted vias.
   */
  namespacesAllowing(shape: RequestShape, allNamespaces: readonly string[], name = ""): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const probe = allNamespaces[0] ?? "default";
    const clusterVias = this.vias(shape, probe, name, "cluster");
    if (clusterVias.length > 0) for (const ns of allNamespaces) out.set(ns, clusterVias);
    for (const ns of this.byNamespace.keys()) {
      const own = this.vias(shape, ns, name, "namespace");
      if (own.length === 0) continue;
      const prev = out.get(ns) ?? [];
      out.set(ns, [...new Set([...prev, ...own])].sort());
    }
    return out;
  }
}

/** Namespaces worth scanning for these shapes: all when a cluster-wide rule allows some name, else the principal's own. */
export function candidateNamespaces(view: PermissionView, shapes: readonly RequestShape[], all: readonly string[]): readonly string[] {
  if (view.isEmpty) return [];
  if (view.cluster.length > 0 && shapes.some((s) => view.someNameAllowed(s, "") !== undefined)) return all;
  return view.namespaces();
}

export function mergeVias(...lists: (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}
