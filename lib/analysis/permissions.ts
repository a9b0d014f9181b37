/**
 * What one principal (or one RoleGrant) may do, gathered once from the engine's rule walk
 * (`visitAllRulesFor`) and queried per scope with the engine's `ruleAllows`. Nothing here decides
 * RBAC by itself: a rule either allows the engine-built request or it does not.
 */
import { resourceNameMatches, resourceRequest, ruleAllows, type PolicyRule, type ResourceRequest } from "./engine";

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

/** Rules whose verb, apiGroup and resource allow a request shape (the name not yet checked). */
interface ShapeMatch {
  readonly cluster: readonly HeldRule[];
  readonly byNamespace: ReadonlyMap<string, readonly HeldRule[]>;
  /** No cluster-wide rule lists resourceNames: the cluster-wide vias are the same for every name. */
  readonly clusterUnnamed: boolean;
  /** Those vias, once computed (shared, never mutated). */
  clusterVias?: readonly string[];
}

const NO_RULES: readonly HeldRule[] = [];
const NO_VIAS: readonly string[] = [];

/**
 * Does the rule allow the shape for some name it lists (or any name)? The engine's `ruleAllows`
 * does not look at the request namespace, and for a rule with resourceNames its first listed name
 * passes the name check, so this decides the other dimensions exactly.
 */
const shapeVerdicts = new WeakMap<PolicyRule, Map<string, boolean>>();

function ruleAllowsShape(shape: RequestShape, key: string, rule: PolicyRule): boolean {
  let verdicts = shapeVerdicts.get(rule);
  if (!verdicts) shapeVerdicts.set(rule, (verdicts = new Map()));
  let v = verdicts.get(key);
  if (v === undefined) {
    v = ruleAllows(req(shape, "", rule.resourceNames?.[0] ?? ""), rule);
    verdicts.set(key, v);
  }
  return v;
}

/**
 * Every distinct request shape asked about, once for the process: verb → resource → apiGroup →
 * subresource → its number and key. (Per view, one Map by that number: a view per principal built
 * three nested Maps and a key string for every shape it was asked.)
 */
const shapeIndex = new Map<string, Map<string, Map<string, Map<string, { readonly id: number; readonly key: string }>>>>();
let shapeCount = 0;

function shapeEntry(shape: RequestShape): { readonly id: number; readonly key: string } {
  let byResource = shapeIndex.get(shape.verb);
  if (!byResource) shapeIndex.set(shape.verb, (byResource = new Map()));
  let byGroup = byResource.get(shape.resource);
  if (!byGroup) byResource.set(shape.resource, (byGroup = new Map()));
  let bySub = byGroup.get(shape.apiGroup ?? "");
  if (!bySub) byGroup.set(shape.apiGroup ?? "", (bySub = new Map()));
  let e = bySub.get(shape.subresource ?? "");
  if (!e) bySub.set(shape.subresource ?? "", (e = { id: shapeCount++, key: `${shape.verb}|${shape.apiGroup ?? ""}|${shape.resource}|${shape.subresource ?? ""}` }));
  return e;
}

/** The rules allowing the shape (`rules.filter`, without an array when none does: the usual answer). */
function allowingShape(rules: readonly HeldRule[], shape: RequestShape, key: string): readonly HeldRule[] {
  let out: HeldRule[] | undefined;
  for (const r of rules) if (ruleAllowsShape(shape, key, r.rule)) (out ??= []).push(r);
  return out ?? NO_RULES;
}

export class PermissionView {
  readonly cluster: readonly HeldRule[];
  readonly byNamespace: ReadonlyMap<string, readonly HeldRule[]>;
  readonly all: readonly HeldRule[];
  /** Shape number (`shapeEntry`) → match. */
  private readonly shapes = new Map<number, ShapeMatch>();
  /** Recently asked shape objects (callers loop over a few shapes many times); bounded, so one-off shapes are not retained. */
  private readonly recent = new Map<RequestShape, ShapeMatch>();

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

  /** The rules matching a shape apart from the name, per scope (computed once per shape). */
  private match(shape: RequestShape): ShapeMatch {
    const seen = this.recent.get(shape);
    if (seen) return seen;
    if (this.recent.size >= 64) this.recent.clear();
    const { id, key } = shapeEntry(shape);
    let m = this.shapes.get(id);
    if (m) {
      this.recent.set(shape, m);
      return m;
    }
    const cluster = allowingShape(this.cluster, shape, key);
    const byNamespace = new Map<string, readonly HeldRule[]>();
    for (const [ns, rules] of this.byNamespace) {
      const hit = allowingShape(rules, shape, key);
      if (hit.length > 0) byNamespace.set(ns, hit);
    }
    m = { cluster, byNamespace, clusterUnnamed: cluster.every((r) => (r.rule.resourceNames ?? []).length === 0) };
    this.shapes.set(id, m);
    this.recent.set(shape, m);
    return m;
  }

  /**
   * The evidence (sorted, distinct `via`) for a request. `namespace` "" = a cluster-scoped request
   * (only cluster-wide rules apply); otherwise cluster-wide rules and rules of that namespace.
   * `scopeFilter` restricts to the cluster-wide or the namespace's own rules (used to evaluate
   * "every namespace" once for the cluster-wide part).
   */
  vias(shape: RequestShape, namespace: string, name: string, scopeFilter: "both" | "cluster" | "namespace" = "both"): readonly string[] {
    const m = this.match(shape);
    const cluster = scopeFilter !== "namespace" ? m.cluster : NO_RULES;
    const own = namespace !== "" && scopeFilter !== "cluster" ? (m.byNamespace.get(namespace) ?? NO_RULES) : NO_RULES;
    if (cluster.length === 0 && own.length === 0) return NO_VIAS;
    if (own.length === 0 && m.clusterUnnamed) {
      // Only cluster-wide rules without names apply: the same answer for every namespace and name.
      if (!m.clusterVias) m.clusterVias = [...new Set(cluster.map((r) => r.via))].sort();
      return m.clusterVias;
    }
    const out: string[] = [];
    for (const r of cluster) if (resourceNameMatches(r.rule, name) && !out.includes(r.via)) out.push(r.via);
    for (const r of own) if (resourceNameMatches(r.rule, name) && !out.includes(r.via)) out.push(r.via);
    return out.length > 1 ? out.sort() : out;
  }

  /**
   * Whether the answer of `vias(shape, namespace, name)` can depend on the name: some rule that
   * applies there (cluster-wide or the namespace's own) lists resourceNames.
   */
  namesMatter(shape: RequestShape, namespace: string): boolean {
    const m = this.match(shape);
    if (!m.clusterUnnamed) return true;
    for (const r of m.byNamespace.get(namespace) ?? NO_RULES) if ((r.rule.resourceNames ?? []).length > 0) return true;
    return false;
  }

  /** Whether some rule of this scope (null = the cluster-wide rules) allows the shape for some name. */
  mayAllow(shape: RequestShape, scope: string | null): boolean {
    const m = this.match(shape);
    return scope === null ? m.cluster.length > 0 : m.byNamespace.has(scope);
  }

  allows(shape: RequestShape, namespace: string, name: string): boolean {
    const m = this.match(shape);
    for (const r of m.cluster) if (resourceNameMatches(r.rule, name)) return true;
    if (namespace === "") return false;
    for (const r of m.byNamespace.get(namespace) ?? NO_RULES) if (resourceNameMatches(r.rule, name)) return true;
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
    const clusterVias = [...this.vias(shape, probe, name, "cluster")];
    if (clusterVias.length > 0) for (const ns of allNamespaces) out.set(ns, clusterVias);
    for (const ns of this.match(shape).byNamespace.keys()) {
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
  let only: readonly string[] | undefined;
  let other: readonly string[] | undefined;
  let nonEmpty = 0;
  for (const l of lists) if (l.length > 0) (other = only), (only = l), nonEmpty++;
  if (!only) return [];
  // One list, or the same list twice (merging a namespace's vias again): already the answer when sorted.
  if ((nonEmpty === 1 || (nonEmpty === 2 && other && sameList(other, only))) && isSortedDistinct(only)) return only.slice();
  return [...new Set(lists.flat())].sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isSortedDistinct(l: readonly string[]): boolean {
  for (let i = 1; i < l.length; i++) if ((l[i - 1] as string) >= (l[i] as string)) return false;
  return true;
}
