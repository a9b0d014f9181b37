/**
 * The identity graph of §2: starts (every ServiceAccount object, every User/Group named by a
 * binding subject), intermediates (Pod, private Namespace and RoleGrant vertices, Node, Secret) and
 * the terminal ClusterAdmin. Built by a worklist from the starts; each vertex's out-edges come from
 * the registered techniques. One edge per (from, to) pair, carrying the canonical technique (§5),
 * its `via`, the alternatives, and every cause (binding or pod-spec field) that enables the hop.
 */
import type { Binding, PolicyRule } from "@/lib/rbac/objects";
import { principalIdentity, type AnalysisContext } from "./context";
import { effectiveRulesOf, identityFor, subjectMatches, visitAllRulesFor, type Identity } from "./engine";
import type { PodScope } from "./technique";
import type { WorkloadRef } from "./owners";
import { ANY_NAME, PermissionView, req, type HeldRule, type RequestShape } from "./permissions";
import { formatVertexRef, objectRef, type VertexRef } from "./refs";
import { causeKey, SYSTEM_MASTERS_CAUSE, type Cause } from "./cause";
import { ruleAllows } from "./engine";
import { CANONICAL_RANK, TECHNIQUE_IDS, techniqueIndex } from "./catalog";
import {
  type BoundRole,
  type EdgeSink,
  type PendingFinding,
  type PrincipalSource,
  type RoleGrantSpec,
  type TechniqueId,
} from "./technique";
import { TECHNIQUES } from "./techniques";
import { clusterAdminVias } from "./techniques/cluster-admin-equivalent";
import { CORE, isClusterAdminRule, nodeRef } from "./techniques/common";

export interface GraphVertex {
  readonly id: number;
  readonly ref: VertexRef;
  /** For private vertices (RoleGrant, relabelled Namespace): the principal that owns them. */
  readonly owner: number | null;
  readonly start: boolean;
  /** v2 §1.11: a start in the trusted set T (its paths leave headline counts and fix-set sources). */
  readonly trusted?: boolean;
}

export interface GraphEdge {
  readonly from: number;
  readonly to: number;
  readonly technique: TechniqueId;
  readonly via: string;
  /** Other techniques producing the same hop (§5: all true, one canonical). */
  readonly alternatives: readonly { readonly technique: TechniqueId; readonly via: string }[];
  /** Everything that independently enables this hop (bindings, one subject of a default binding, roles of a self grant, pod-spec fields, a node, system:masters), ordered by `causeKey`. */
  readonly causes: readonly Cause[];
  /** v2 §2.6: the one container the canonical technique was evaluated on, or null. */
  readonly container: string | null;
}

/**
 * The edges, column by column (one entry per edge, ordered by `from`), so millions of hops cost a
 * few bytes each instead of an object: `via` indexes `strings`, `causes` indexes `causeLists`
 * (lists of `causeTable` indexes ordered by `causeKey`, shared by every edge with the same causes; each
 * distinct cause is one typed value in `causeTable`), `alternatives`
 * indexes `alternativeLists` (flattened `[technique, via, ...]` pairs; 0 is the empty list),
 * `technique` indexes `TECHNIQUE_IDS`. In memory the columns are typed arrays; stored as JSON they
 * come back as number arrays, which every reader accepts. `edgeAt` gives the object form of one edge.
 */
export interface EdgeTable {
  readonly count: number;
  readonly from: ArrayLike<number>;
  readonly to: ArrayLike<number>;
  readonly technique: ArrayLike<number>;
  readonly via: ArrayLike<number>;
  readonly alternatives: ArrayLike<number>;
  readonly causes: ArrayLike<number>;
  /** v2 §2.6: string index of the hop's container, -1 for none (absent in graphs stored before v2). */
  readonly container?: ArrayLike<number>;
  readonly strings: readonly string[];
  /** Every distinct cause once (interned); `causeLists` index it. */
  readonly causeTable: readonly Cause[];
  readonly causeLists: readonly (readonly number[])[];
  readonly alternativeLists: readonly (readonly number[])[];
}

/** JSON-serialisable graph (stored per snapshot). */
export interface EscalationGraph {
  readonly vertices: readonly GraphVertex[];
  readonly edges: EdgeTable;
  /** v2 §1.12: `namespace/pod` → its workload owner, for pods that have one (absent before v2). */
  readonly podOwners?: Readonly<Record<string, WorkloadRef>>;
}

/** The object form of edge `i`. */
export function edgeAt(g: EscalationGraph, i: number): GraphEdge {
  const t = g.edges;
  const alt = t.alternativeLists[t.alternatives[i] as number] ?? [];
  const alternatives: { technique: TechniqueId; via: string }[] = [];
  for (let k = 0; k < alt.length; k += 2) alternatives.push({ technique: TECHNIQUE_IDS[alt[k] as number] as TechniqueId, via: t.strings[alt[k + 1] as number] as string });
  return {
    from: t.from[i] as number,
    to: t.to[i] as number,
    technique: TECHNIQUE_IDS[t.technique[i] as number] as TechniqueId,
    via: t.strings[t.via[i] as number] as string,
    alternatives,
    causes: causesOfEdge(g, i),
    container: containerOf(g, i),
  };
}

/** The typed causes of edge `i`, in `causeKey` order. */
export function causesOfEdge(g: EscalationGraph, i: number): Cause[] {
  const t = g.edges;
  return (t.causeLists[t.causes[i] as number] ?? []).map((c) => t.causeTable[c] as Cause);
}

/** v2 §2.6: the container a hop was evaluated on, or null. */
export function containerOf(g: EscalationGraph, i: number): string | null {
  const c = g.edges.container?.[i];
  return c === undefined || c < 0 ? null : (g.edges.strings[c] as string);
}

/** Every edge in object form (small graphs, tests, reference outputs). */
export function edgeList(g: EscalationGraph): GraphEdge[] {
  const l: GraphEdge[] = [];
  for (let i = 0; i < g.edges.count; i++) l.push(edgeAt(g, i));
  return l;
}

export function techniqueOf(g: EscalationGraph, i: number): TechniqueId {
  return TECHNIQUE_IDS[g.edges.technique[i] as number] as TechniqueId;
}

/** A growable Int32Array. */
export class IntColumn {
  data = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = x;
  }
  done(keep?: Uint8Array): Int32Array {
    if (!keep) return this.data.length - this.length < 1 << 16 ? this.data.subarray(0, this.length) : this.data.slice(0, this.length);
    let n = 0;
    for (let i = 0; i < this.length; i++) if (keep[i]) n++;
    const out = new Int32Array(n);
    for (let i = 0, j = 0; i < this.length; i++) if (keep[i]) out[j++] = this.data[i] as number;
    return out;
  }
}


// Every request shape some technique asks about (each declares its own): a rule that allows none of them is irrelevant to paths.
export const SHAPES: readonly RequestShape[] = (() => {
  const seen = new Map<string, RequestShape>();
  for (const t of TECHNIQUES) {
    if (t.on !== "principal") continue;
    for (const s of t.shapes) {
      const full = { apiGroup: CORE, ...s };
      seen.set(`${full.verb} ${full.apiGroup} ${full.resource}/${full.subresource ?? ""}`, full);
    }
  }
  return [...seen.values()];
})();

const relevance = new WeakMap<PolicyRule, boolean>();

// A rule can only match a shape through a resource entry that is `*`, `*/sub` or the shape's own
// `resource[/sub]` (the engine compares resources exactly): a quick, exact first test.
const SHAPE_RESOURCES: ReadonlySet<string> = new Set(SHAPES.map((s) => (s.subresource ? `${s.resource}/${s.subresource}` : s.resource)));

function mayMatchSomeShape(rule: PolicyRule): boolean {
  for (const r of rule.resources ?? []) if (r === "*" || r.startsWith("*/") || SHAPE_RESOURCES.has(r)) return true;
  return false;
}

/** Does the engine say this rule allows any request some technique asks about? */
export function isTechniqueRelevant(rule: PolicyRule): boolean {
  const cached = relevance.get(rule);
  if (cached !== undefined) return cached;
  const names = ["", ANY_NAME, ...(rule.resourceNames ?? [])];
  let r = isClusterAdminRule(rule);
  if (!r && !mayMatchSomeShape(rule)) {
    relevance.set(rule, false);
    return false;
  }
  for (const s of SHAPES) {
    if (r) break;
    for (const n of names) if (ruleAllows(req(s, "ns", n), rule)) { r = true; break; }
  }
  relevance.set(rule, r);
  return r;
}

/** The identity a principal vertex acts as (one definition: `principalIdentity`). */
export function identityOf(ref: VertexRef, ctx?: AnalysisContext): Identity {
  return (ctx ? ctx.identityOf(ref) : principalIdentity(ref)) ?? identityFor("");
}

function roleRefString(kind: "Role" | "ClusterRole", name: string, namespace: string | null): string {
  return kind === "Role" ? objectRef("Role", name, namespace) : objectRef("ClusterRole", name);
}

/** Gathers what a principal holds (technique-relevant rules only) and the roles bound to it. */
export function principalRules(ctx: AnalysisContext, ref: VertexRef): { rules: HeldRule[]; bound: BoundRole[] } {
  const rules: HeldRule[] = [];
  const bound = new Map<string, BoundRole>();
  visitAllRulesFor(ctx.policy, identityOf(ref, ctx), (source, eff) => {
    const b = source.binding;
    const via = objectRef(b.kind, b.name, b.namespace);
    const role = source.role;
    if (!bound.has(via)) {
      bound.set(via, {
        roleKind: role.kind,
        roleName: role.name,
        roleNamespace: role.namespace ?? null,
        binding: via,
        bindingIsCluster: b.kind === "ClusterRoleBinding",
        scope: source.scope,
      });
    }
    if (isTechniqueRelevant(eff.rule)) {
      rules.push({
        rule: eff.rule,
        scope: source.scope,
        via,
        fromClusterBinding: b.kind === "ClusterRoleBinding",
        role: roleRefString(role.kind, role.name, role.namespace ?? null),
      });
    }
    return true;
  });
  return { rules, bound: [...bound.values()].sort((a, b) => (a.binding < b.binding ? -1 : a.binding > b.binding ? 1 : 0)) };
}

const WILDCARD_RULE: PolicyRule = { verbs: ["*"], apiGroups: ["*"], resources: ["*"] };

function listCovers(owner: readonly string[] | undefined, servant: readonly string[] | undefined): boolean {
  const o = owner ?? [];
  if (o.includes("*")) return true;
  return (servant ?? []).every((x) => x !== "*" && o.includes(x));
}

/**
 * Does `owner` allow every resource request `servant` allows? Sound, not complete (one owner
 * rule must cover the whole servant rule): verbs, apiGroups and resources covered element-wise
 * (`*` only by `*`, `x/sub` also by `*\/sub`), names by no resourceNames or a superset.
 */
export function ruleCovers(owner: PolicyRule, servant: PolicyRule): boolean {
  if ((servant.resources ?? []).length === 0) return true;
  if (!listCovers(owner.verbs, servant.verbs) || !listCovers(owner.apiGroups, servant.apiGroups)) return false;
  const ownerResources = owner.resources ?? [];
  if (!ownerResources.includes("*")) {
    for (const r of servant.resources ?? []) {
      if (r === "*" || ownerResources.includes(r)) {
        if (r === "*") return false;
        continue;
      }
      const slash = r.indexOf("/");
      if (slash < 0 || !ownerResources.includes(`*${r.slice(slash)}`)) return false;
    }
  }
  const ownerNames = owner.resourceNames ?? [];
  if (ownerNames.length === 0) return true;
  const names = servant.resourceNames ?? [];
  return names.length > 0 && names.every((n) => ownerNames.includes(n));
}

/**
 * A self-grant of rules the principal already holds at that scope is no escalation (§3.12: the
 * API server lets anyone bind what they hold): every technique-relevant rule of the role, applied
 * at `scope`, is covered by one of the principal's rules that applies there.
 */
const applicableCache = new WeakMap<readonly HeldRule[], Map<string | null, readonly HeldRule[]>>();

export function isGrantCovered(ownerRules: readonly HeldRule[], roleRules: readonly PolicyRule[], scope: string | null): boolean {
  let byScope = applicableCache.get(ownerRules);
  if (!byScope) applicableCache.set(ownerRules, (byScope = new Map()));
  let applicable = byScope.get(scope);
  if (!applicable) {
    applicable = ownerRules.filter((o) => o.scope === null || (scope !== null && o.scope === scope));
    byScope.set(scope, applicable);
  }
  if (applicable.length === 0) return roleRules.every((r) => !isTechniqueRelevant(r));
  if (applicable.some((o) => isClusterAdminRule(o.rule))) return true;
  return roleRules.every((r) => !isTechniqueRelevant(r) || applicable.some((o) => ruleCovers(o.rule, r)));
}

const grantRuleCache = new WeakMap<AnalysisContext, Map<string, readonly PolicyRule[]>>();

function grantRules(ctx: AnalysisContext, grant: RoleGrantSpec): readonly PolicyRule[] {
  if (grant.wildcard) return [WILDCARD_RULE];
  let cache = grantRuleCache.get(ctx);
  if (!cache) grantRuleCache.set(ctx, (cache = new Map()));
  const key = `${grant.roleKind}/${grant.roleNamespace ?? ""}/${grant.roleName}`;
  let rules = cache.get(key);
  if (!rules) {
    rules = (effectiveRulesOf(ctx.policy, { kind: grant.roleKind, name: grant.roleName, ...(grant.roleNamespace ? { namespace: grant.roleNamespace } : {}) }) ?? []).map((e) => e.rule);
    cache.set(key, rules);
  }
  return rules;
}

/** What one technique contributed to a hop: the (shared, not copied) via and cause lists. */
/**
 * What one technique contributed to a hop, reduced as it arrives (so the technique's arrays die
 * young): the smallest via so far and the interned cause lists.
 */
interface Contribution {
  readonly technique: TechniqueId;
  via: string | undefined;
  readonly causeIds: number[];
  container: string | undefined;
}

function minOf(list: readonly string[]): string | undefined {
  let min = list[0];
  for (let i = 1; i < list.length; i++) if ((list[i] as string) < (min as string)) min = list[i];
  return min;
}

/** Pair keys `a * PAIR + b` stay exact doubles for a, b < 2^26. */
const PAIR = 2 ** 26;

/** §5 canonical first: a stable insertion sort by rank, in place (these lists hold two or three). */
const rankOf = (c: Contribution): number => CANONICAL_RANK.get(c.technique) ?? 99;

function sortByRank(list: Contribution[]): void {
  for (let i = 1; i < list.length; i++) {
    const x = list[i] as Contribution;
    const r = rankOf(x);
    let k = i - 1;
    while (k >= 0 && rankOf(list[k] as Contribution) > r) {
      list[k + 1] = list[k] as Contribution;
      k--;
    }
    list[k + 1] = x;
  }
}

/**
 * Interns strings (vias, containers), causes (one typed value per distinct `causeKey`), cause lists
 * (distinct causes ordered by key) and alternative lists, so the many edges with equal causes share
 * one entry. A cause array a technique passes for many hops (the same array object) is interned once.
 */
class Interner {
  readonly strings: string[] = [];
  readonly causeTable: Cause[] = [];
  readonly causeLists: number[][] = [];
  readonly alternativeLists: number[][] = [[]];
  private readonly stringIds = new Map<string, number>();
  private readonly causeIds = new Map<string, number>();
  /** `causeKey` of each causeTable entry (build time only: orders lists). */
  private readonly causeKeys: string[] = [];
  private readonly listIds = new Map<string, number>();
  /** Arrays seen while expanding the current vertex (a fan-out passes one array for many hops); cleared per vertex so it retains nothing. */
  private readonly listByArray = new Map<readonly Cause[], number>();
  /**
   * Cause arrays that live for the whole build (one per distinct via list, see `markStable`) → their
   * list, kept across vertices: -1 until first interned. Without it every vertex re-keyed them.
   */
  private readonly stableIds = new Map<readonly Cause[], number>();
  /** Cause id → the interned list holding only it (most hops have one cause). A Map: ids arrive out of order. */
  private readonly singleton = new Map<number, number>();
  // Consecutive lookups are mostly for the same string object (one via for many targets).
  private lastString: string | undefined;
  private lastStringId = -1;
  markStable(list: readonly Cause[]): void {
    if (!this.stableIds.has(list)) this.stableIds.set(list, -1);
  }
  forgetArrays(): void {
    if (this.listByArray.size > 0) this.listByArray.clear();
  }
  private readonly altIds = new Map<string, number>([["", 0]]);

  string(x: string): number {
    if (x === this.lastString) return this.lastStringId;
    let id = this.stringIds.get(x);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(x);
      this.stringIds.set(x, id);
    }
    this.lastString = x;
    this.lastStringId = id;
    return id;
  }

  cause(c: Cause): number {
    const key = causeKey(c);
    let id = this.causeIds.get(key);
    if (id === undefined) {
      id = this.causeTable.length;
      this.causeTable.push(c);
      this.causeKeys.push(key);
      this.causeIds.set(key, id);
    }
    return id;
  }

  /** The interned list of these causes. */
  causesOf(list: readonly Cause[]): number {
    const stable = this.stableIds.get(list);
    if (stable !== undefined && stable >= 0) return stable;
    const found = this.listByArray.get(list);
    if (found !== undefined) return found;
    const id = list.length === 1 ? this.singletonOf(this.cause(list[0] as Cause)) : this.listOf(list.map((c) => this.cause(c)));
    if (stable !== undefined) this.stableIds.set(list, id);
    else this.listByArray.set(list, id);
    return id;
  }

  private singletonOf(causeId: number): number {
    let id = this.singleton.get(causeId);
    if (id === undefined) this.singleton.set(causeId, (id = this.listOf([causeId])));
    return id;
  }

  /** The interned list of the union of these interned lists. */
  union(lists: readonly number[]): number {
    if (lists.length === 1) return lists[0] as number;
    return this.listOf(lists.flatMap((l) => this.causeLists[l] ?? []));
  }

  /** `union([a, b])`, remembered by the pair (two techniques on one hop is common: pod and workload creation). */
  unionPair(a: number, b: number): number {
    if (a >= PAIR || b >= PAIR) return this.union([a, b]);
    const key = a * PAIR + b;
    let id = this.unionIds.get(key);
    if (id === undefined) this.unionIds.set(key, (id = this.union([a, b])));
    return id;
  }
  private readonly unionIds = new Map<number, number>();

  /** `alternatives([technique, via])`, remembered by the pair. */
  alternativePair(technique: number, via: number): number {
    if (via >= PAIR) return this.alternatives([technique, via]);
    const key = technique * PAIR + via;
    let id = this.altPairIds.get(key);
    if (id === undefined) this.altPairIds.set(key, (id = this.alternatives([technique, via])));
    return id;
  }
  private readonly altPairIds = new Map<number, number>();

  /** The interned list of these cause ids (distinct, ordered by key). */
  listOf(ids: readonly number[]): number {
    const keys = this.causeKeys;
    const distinct = ids.length <= 1 ? ids.slice() : [...new Set(ids)].sort((a, b) => ((keys[a] as string) < (keys[b] as string) ? -1 : (keys[a] as string) > (keys[b] as string) ? 1 : 0));
    const key = distinct.join(",");
    let id = this.listIds.get(key);
    if (id === undefined) {
      id = this.causeLists.length;
      this.causeLists.push(distinct);
      this.listIds.set(key, id);
    }
    return id;
  }

  /** `flat` = `[technique, via, ...]`. */
  alternatives(flat: number[]): number {
    if (flat.length === 0) return 0;
    const key = flat.join(",");
    let id = this.altIds.get(key);
    if (id === undefined) {
      id = this.alternativeLists.length;
      this.alternativeLists.push(flat);
      this.altIds.set(key, id);
    }
    return id;
  }
}

interface PrivateData {
  grant?: RoleGrantSpec;
  ownerRules?: readonly HeldRule[];
  ownerHops?: ReadonlySet<string>;
  namespace?: string;
  podCreateVias?: readonly string[];
  restrictedNode?: string | null;
}

export interface BuiltGraph {
  readonly graph: EscalationGraph;
  readonly findings: readonly PendingFinding[];
}

export function buildGraph(ctx: AnalysisContext): BuiltGraph {
  const vertices: GraphVertex[] = [];
  const idByKey = new Map<string, number>();
  const privateData = new Map<number, PrivateData>();
  const dead = new Set<number>();
  const findings = new Map<string, PendingFinding>();
  const queue: number[] = [];
  const edgeStart: number[] = [];
  const pool = new Interner();
  const cFrom = new IntColumn(), cTo = new IntColumn(), cTech = new IntColumn(), cVia = new IntColumn(), cAlt = new IntColumn(), cCauses = new IntColumn(), cContainer = new IntColumn();
  // v2 §1.11/§2.8: a default binding's edges are caused by the subject that names this principal:
  // one the policy lists (protected: the binding itself) or an extra one (`#subjects[i]`, cuttable).
  const bindingsByKey = ctx.bindingByRef;
  let causeIdentity: Identity | undefined;
  // Evidence as data: every `via` a technique cites names an object whose cause is known here
  // (bindings, nodes, system:masters up front; a self-granted role when its vertex is expanded).
  const causeByVia = new Map<string, Cause>([["Group/system:masters", SYSTEM_MASTERS_CAUSE]]);
  // Default bindings' causes, by object: their edges are re-attributed to the subject (below).
  const defaultBindingOf = new Map<Cause, Binding>();
  for (const [key, b] of bindingsByKey) {
    const cause: Cause = { type: "binding", binding: { kind: b.kind, name: b.metadata.name, namespace: b.kind === "RoleBinding" ? (b.metadata.namespace ?? null) : null } };
    causeByVia.set(key, cause);
    if (ctx.trust.isDefaultBindingKey(key)) defaultBindingOf.set(cause, b);
  }
  for (const n of ctx.nodeNames) causeByVia.set(objectRef("Node", n), { type: "node", node: n });
  const viaCauseLists = new Map<readonly string[], readonly Cause[]>();
  // Most hops cite one via; its cause list is one array for the whole build, so every cache keyed by
  // the array (here, mapCauses, the interner) hits even when a technique builds a fresh vias array.
  const singleViaCauses = new Map<string, readonly Cause[]>();
  const multiViaCauses = new Map<string, readonly Cause[]>();
  const causesOfVias = (vias: readonly string[]): readonly Cause[] => {
    if (vias.length === 1) {
      const via = vias[0] as string;
      let one = singleViaCauses.get(via);
      if (!one) {
        const c = causeByVia.get(via);
        if (!c) throw new Error(`analysis: no cause known for via ${via}`);
        singleViaCauses.set(via, (one = [c]));
        pool.markStable(one);
      }
      return one;
    }
    let l = viaCauseLists.get(vias);
    if (!l) {
      // Equal lists share one cause array for the whole build (techniques often build a fresh
      // vias array per target), so the caches keyed by the cause array below hit.
      const key = vias.join("\n");
      l = multiViaCauses.get(key);
      if (!l) {
        l = vias.map((v) => {
          const c = causeByVia.get(v);
          if (!c) throw new Error(`analysis: no cause known for via ${v}`);
          return c;
        });
        multiViaCauses.set(key, l);
        pool.markStable(l);
      }
      viaCauseLists.set(vias, l);
    }
    return l;
  };
  const mappedCauses = new Map<readonly Cause[], readonly Cause[]>();
  const subjectCause = new Map<Cause, readonly Cause[]>();
  const mapCauses = (causes: readonly Cause[]): readonly Cause[] => {
    if (!causeIdentity) return causes;
    const hit = mappedCauses.get(causes);
    if (hit) return hit;
    let out: Cause[] | undefined;
    causes.forEach((c, i) => {
      if (!defaultBindingOf.has(c)) {
        out?.push(c);
        return;
      }
      let m = subjectCause.get(c);
      if (!m) subjectCause.set(c, (m = defaultBindingCauses(c)));
      if (m.length === 1 && m[0] === c) {
        out?.push(c);
        return;
      }
      out ??= causes.slice(0, i);
      out.push(...m);
    });
    const result = out ?? causes;
    mappedCauses.set(causes, result);
    return result;
  };
  function defaultBindingCauses(cause: Cause): readonly Cause[] {
    const b = defaultBindingOf.get(cause);
    if (!b || !causeIdentity || cause.type !== "binding") return [cause];
    const extras = new Set(ctx.trust.extraSubjects(b));
    const matches: number[] = [];
    (b.subjects ?? []).forEach((sub, i) => {
      if (causeIdentity && subjectMatches(causeIdentity, sub, b.metadata.namespace ?? "")) matches.push(i);
    });
    if (matches.length === 0 || matches.some((i) => !extras.has(i))) return [cause];
    return matches.map((i) => ({ type: "bindingSubject", binding: cause.binding, subjectIndex: i }));
  }

  const add = (ref: VertexRef, key: string, owner: number | null, start: boolean): number => {
    const found = idByKey.get(key);
    if (found !== undefined) return found;
    const id = vertices.length;
    vertices.push({ id, ref, owner, start });
    idByKey.set(key, id);
    queue.push(id);
    return id;
  };
  // Shared vertices by kind → namespace → name, so a hop to a known vertex builds no key string.
  const sharedIds = new Map<string, Map<string | null, Map<string | null, number>>>();
  const shared = (ref: VertexRef, start = false): number => {
    let byNs = sharedIds.get(ref.kind);
    if (!byNs) sharedIds.set(ref.kind, (byNs = new Map()));
    const ns = ref.namespace || null;
    let byName = byNs.get(ns);
    if (!byName) byNs.set(ns, (byName = new Map()));
    const found = byName.get(ref.name);
    if (found !== undefined) return found;
    const id = add(ref, formatVertexRef(ref), null, start);
    byName.set(ref.name, id);
    return id;
  };

  for (const ns of ctx.namespaces) for (const sa of ctx.sasByNs.get(ns) ?? []) shared({ kind: "ServiceAccount", name: sa.metadata.name, namespace: ns }, true);
  for (const u of ctx.userNames) shared({ kind: "User", name: u, namespace: null }, true);
  for (const g of ctx.groupNames) shared({ kind: "Group", name: g, namespace: null }, true);
  for (let i = 0; i < vertices.length; i++) {
    const sv = vertices[i] as GraphVertex;
    if (ctx.trust.isTrusted(sv.ref)) vertices[i] = { ...sv, trusted: true };
  }

  // Node vertex of each of ctx.nodeNames, once created (-1 before): for `everyNode`.
  const nodeIds = new Int32Array(ctx.nodeNames.length).fill(-1);
  // Technique index of the hop being finalised (mostly the same technique as the hop before).
  let lastTech: TechniqueId | undefined;
  let lastTechIndex = -1;
  const techIndex = (t: TechniqueId): number => {
    if (t !== lastTech) (lastTechIndex = techniqueIndex(t)), (lastTech = t);
    return lastTechIndex;
  };

  // Hops of the vertex being expanded, by target: `slotOf[target]` indexes the s* arrays (-1 = none yet).
  // The slot arrays are filled from 0 and reused by every vertex (never emptied: an emptied array
  // drops its storage and grows again, which was a tenth of what the graph build allocated).
  let slotOf = new Int32Array(1024).fill(-1);
  let touched = new Int32Array(1024);
  let sCauses = new Int32Array(1024);
  let slots = 0;
  const sTech: TechniqueId[] = [];
  const sVia: (string | undefined)[] = [];
  const sContainer: (string | undefined)[] = [];
  const sMore: (Contribution[] | undefined)[] = [];

  for (let qi = 0; qi < queue.length; qi++) {
    const id = queue[qi] as number;
    const v = vertices[id] as GraphVertex;
    // Target vertex → what each technique contributed (a short list: rarely more than two techniques per hop).
    let currentRules: HeldRule[] | undefined;
    let hopKeys: Set<number> | undefined;
    const sink: EdgeSink = {
      edge(to, technique, vias, causes, container) {
        // v2 §3.32: a Container this vertex also reaches as a Pod is subsumed; don't even create it
        // (Container-reaching techniques run after the Pod-reaching ones, see TECHNIQUES).
        if (to.kind === "Container" && principalLike && podTargeted(to)) return;
        const toId = shared(to);
        if (toId === id) return;
        const c = mapCauses(causes ?? causesOfVias(vias));
        record(toId, technique, minOf(vias), c.length > 0 ? pool.causesOf(c) : -1, container);
      },
      everyNode(technique, vias) {
        // `edge(nodeRef(n), technique, vias)` for each n of ctx.nodeNames, with the per-hop work
        // (ref, vertex lookup, via and causes) done once: these hops are half the graph at XL.
        const names = ctx.nodeNames;
        if (names.length === 0) return;
        const via = minOf(vias);
        const c = mapCauses(causesOfVias(vias));
        const causeId = c.length > 0 ? pool.causesOf(c) : -1;
        for (let i = 0; i < names.length; i++) {
          let toId = nodeIds[i] as number;
          if (toId < 0) nodeIds[i] = toId = shared(nodeRef(names[i] as string));
          if (toId !== id) record(toId, technique, via, causeId);
        }
      },
      roleGrant(spec, technique, vias) {
        if (isGrantCovered(currentRules ?? [], grantRules(ctx, spec), spec.scope)) return;
        const key = `RoleGrant|${id}|${spec.roleKind}|${spec.roleNamespace ?? ""}|${spec.roleName}|${spec.scope ?? ""}|${spec.wildcard}`;
        const existed = idByKey.has(key);
        const toId = add({ kind: "RoleGrant", name: spec.roleName, namespace: spec.scope }, key, id, false);
        if (!existed) privateData.set(toId, { grant: spec, ownerRules: currentRules ?? [], restrictedNode: currentRestricted });
        const c = mapCauses(causesOfVias(vias));
        record(toId, technique, minOf(vias), c.length > 0 ? pool.causesOf(c) : -1);
      },
      relabelledNamespace(namespace, vias, podCreateVias) {
        const key = `Namespace|${id}|${namespace}`;
        const existed = idByKey.has(key);
        const toId = add({ kind: "Namespace", name: namespace, namespace: null }, key, id, false);
        if (!existed) privateData.set(toId, { namespace, podCreateVias });
        const c = mapCauses(causesOfVias(vias));
        record(toId, "NAMESPACE_LABEL_PSA_BYPASS", minOf(vias), c.length > 0 ? pool.causesOf(c) : -1);
      },
      finding(f) {
        const fid = `${f.rule}:${f.object.kind}/${f.object.namespace ?? ""}/${f.object.name}`;
        if (!findings.has(fid)) findings.set(fid, f);
      },
    };
    /** One technique's hop to `toId`: the smallest of its vias, its interned cause list (-1: none). */
    function record(toId: number, technique: TechniqueId, via: string | undefined, causeId: number, container?: string): void {
      if (toId >= slotOf.length) {
        const grown = new Int32Array(Math.max(slotOf.length * 2, toId + 1)).fill(-1);
        grown.set(slotOf);
        slotOf = grown;
      }
      const slot = slotOf[toId] as number;
      if (slot === -1) {
        // The usual case: one technique per target, kept as a few scalars.
        const n = slots++;
        if (n === touched.length) {
          touched = grown(touched, n * 2);
          sCauses = grown(sCauses, n * 2);
        }
        slotOf[toId] = n;
        touched[n] = toId;
        sCauses[n] = causeId;
        sTech[n] = technique;
        sVia[n] = via;
        sContainer[n] = container;
        sMore[n] = undefined;
        return;
      }
      let more = sMore[slot];
      if (!more) {
        const c0 = sCauses[slot] as number;
        sMore[slot] = more = [{ technique: sTech[slot] as TechniqueId, via: sVia[slot], causeIds: c0 >= 0 ? [c0] : [], container: sContainer[slot] }];
      }
      let t: Contribution | undefined;
      for (const c of more) if (c.technique === technique) t = c;
      if (!t) more.push((t = { technique, via: undefined, causeIds: [], container: undefined }));
      if (via !== undefined && (t.via === undefined || via < t.via)) {
        t.via = via;
        t.container = container;
      }
      if (causeId >= 0) t.causeIds.push(causeId);
    }

    const kind = v.ref.kind;
    const principalLike = kind === "ServiceAccount" || kind === "User" || kind === "Group" || kind === "RoleGrant";
    let currentRestricted: string | null = null;
    causeIdentity = undefined;
    // (Map#clear allocates a fresh table: only when there is something to forget.)
    if (mappedCauses.size > 0) mappedCauses.clear();
    if (subjectCause.size > 0) subjectCause.clear();
    if (viaCauseLists.size > 0) viaCauseLists.clear();
    if (kind === "ServiceAccount" || kind === "User" || kind === "Group") {
      const { rules, bound } = principalRules(ctx, v.ref);
      currentRules = rules;
      causeIdentity = ctx.identityOf(v.ref);
      currentRestricted = ctx.isNodeRestricted(v.ref) ? (ctx.nodeOfPrincipal(v.ref) ?? null) : null;
      const src: PrincipalSource = { vertex: v.ref, view: new PermissionView(rules), isGrant: false, boundRoles: bound, restrictedNode: currentRestricted };
      const admin = clusterAdminVias(src);
      if (admin.length > 0) {
        sink.edge({ kind: "ClusterAdmin", name: null, namespace: null }, "CLUSTER_ADMIN_EQUIVALENT", admin);
      } else {
        for (const t of TECHNIQUES) if (t.on === "principal") t.apply(ctx, src, sink);
      }
    } else if (kind === "RoleGrant") {
      const data = privateData.get(id) ?? {};
      const grant = data.grant;
      if (grant) {
        const roleRules: HeldRule[] = [];
        const roleVia = roleRefString(grant.roleKind, grant.roleName, grant.roleNamespace);
        causeByVia.set(roleVia, { type: "grantedRole", role: { kind: grant.roleKind, name: grant.roleName, namespace: grant.roleKind === "Role" ? grant.roleNamespace : null } });
        for (const rule of grantRules(ctx, grant)) roleRules.push({ rule, scope: grant.scope, via: roleVia, fromClusterBinding: false, role: roleVia });
        const ownerRef = v.owner !== null ? vertices[v.owner]?.ref : undefined;
        causeIdentity = ownerRef ? ctx.identityOf(ownerRef) : undefined;
        currentRestricted = data.restrictedNode ?? null;
        const src: PrincipalSource = { vertex: v.ref, view: new PermissionView([...(data.ownerRules ?? []), ...roleRules]), isGrant: true, boundRoles: [], restrictedNode: currentRestricted };
        for (const t of TECHNIQUES) if (t.on === "principal") t.apply(ctx, src, sink);
        hopKeys = ownerHopKeys(v.owner);
      }
    } else if (kind === "Namespace") {
      const data = privateData.get(id) ?? {};
      for (const t of TECHNIQUES) if (t.on === "namespace") t.apply(ctx, data.namespace ?? "", data.podCreateVias ?? [], sink);
    } else if (kind === "Pod" || kind === "Container") {
      // v2 §1.9: a Pod vertex holds every live container; a Container vertex (`<pod>/<container>`) one.
      const full = v.ref.name ?? "";
      const slash = kind === "Container" ? full.indexOf("/") : -1;
      const podName = slash >= 0 ? full.slice(0, slash) : full;
      const containerName = slash >= 0 ? full.slice(slash + 1) : null;
      const pod = ctx.podByKey.get(`${v.ref.namespace}/${podName}`);
      if (pod) {
        const all = ctx.containersOf(pod);
        const scope: PodScope = containerName === null ? { containers: all.filter((c) => c.live), container: null } : { containers: all.filter((c) => c.container.name === containerName), container: containerName };
        for (const t of TECHNIQUES) if (t.on === "pod") t.apply(ctx, pod, sink, scope);
      }
    } else if (kind === "Node") {
      const name = v.ref.name ?? "";
      for (const t of TECHNIQUES) if (t.on === "node") t.apply(ctx, name, ctx.nodeObjects.get(name), sink);
    }

    // Finalise: one edge per target, canonical technique first (§5).
    let emitted = 0;
    edgeStart[id] = cFrom.length;
    sortPrefix(touched, slots);
    for (let ti = 0; ti < slots; ti++) {
      const toId = touched[ti] as number;
      const slot = slotOf[toId] as number;
      // v2 §3.32: no POD_ATTACH / POD_PATCH_IMAGE into a pod this vertex already reaches as a Pod.
      if (principalLike && subsumedContainer(toId)) continue;
      let list = sMore[slot];
      if (!list) {
        const tech = techIndex(sTech[slot] as TechniqueId);
        if (hopKeys && hopKeys.has(toId * 64 + tech)) continue;
        const c = sCauses[slot] as number;
        cFrom.push(id);
        cTo.push(toId);
        cTech.push(tech);
        cVia.push(pool.string(sVia[slot] ?? ""));
        cAlt.push(0);
        cCauses.push(c >= 0 ? c : pool.listOf([]));
        const ct = sContainer[slot];
        cContainer.push(ct === undefined ? -1 : pool.string(ct));
        emitted++;
        continue;
      }
      if (hopKeys) list = list.filter((c) => !hopKeys.has(toId * 64 + techniqueIndex(c.technique)));
      if (list.length > 1) sortByRank(list);
      const first = list[0];
      if (!first) continue;
      let altId: number;
      const second = list[1];
      if (list.length === 2 && second) altId = pool.alternativePair(techniqueIndex(second.technique), pool.string(second.via ?? ""));
      else {
        const alt: number[] = [];
        for (let k = 1; k < list.length; k++) {
          const c = list[k] as Contribution;
          alt.push(techniqueIndex(c.technique), pool.string(c.via ?? ""));
        }
        altId = pool.alternatives(alt);
      }
      let causeId: number;
      if (list.length === 2 && second && first.causeIds.length === 1 && second.causeIds.length === 1) causeId = pool.unionPair(first.causeIds[0] as number, second.causeIds[0] as number);
      else causeId = pool.union(list.flatMap((c) => c.causeIds));
      cFrom.push(id);
      cTo.push(toId);
      cTech.push(techniqueIndex(first.technique));
      cVia.push(pool.string(first.via ?? ""));
      cAlt.push(altId);
      cCauses.push(causeId);
      cContainer.push(first.container === undefined ? -1 : pool.string(first.container));
      emitted++;
    }
    for (let ti = 0; ti < slots; ti++) slotOf[touched[ti] as number] = -1;
    pool.forgetArrays();
    slots = 0;
    edgeStart[id + 1] = cFrom.length;
    if (kind === "RoleGrant" && emitted === 0) dead.add(id);
  }

  /** A Container target whose Pod is also a target of the vertex being expanded. */
  function subsumedContainer(toId: number): boolean {
    const ref = vertices[toId]?.ref;
    return ref !== undefined && ref.kind === "Container" && podTargeted(ref);
  }
  /** Is the Pod of this Container ref already a target of the vertex being expanded? */
  function podTargeted(ref: VertexRef): boolean {
    const name = ref.name ?? "";
    const slash = name.indexOf("/");
    const podName = slash < 0 ? name : name.slice(0, slash);
    const podId = sharedIds.get("Pod")?.get(ref.namespace || null)?.get(podName);
    return podId !== undefined && podId < slotOf.length && (slotOf[podId] as number) !== -1;
  }

  /** `to * 64 + technique` of every technique (canonical or alternative) on the owner's hops. */
  function ownerHopKeys(owner: number | null): Set<number> {
    const s = new Set<number>();
    if (owner === null) return s;
    const a = edgeStart[owner] ?? 0, b = edgeStart[owner + 1] ?? 0;
    for (let i = a; i < b; i++) {
      const to = cTo.data[i] as number;
      s.add(to * 64 + (cTech.data[i] as number));
      const alt = pool.alternativeLists[cAlt.data[i] as number] ?? [];
      for (let k = 0; k < alt.length; k += 2) s.add(to * 64 + (alt[k] as number));
    }
    return s;
  }

  let keep: Uint8Array | undefined;
  if (dead.size > 0) {
    const isDead = new Uint8Array(vertices.length);
    for (const d of dead) isDead[d] = 1;
    keep = new Uint8Array(cFrom.length);
    for (let i = 0; i < cFrom.length; i++) keep[i] = isDead[cFrom.data[i] as number] || isDead[cTo.data[i] as number] ? 0 : 1;
  }
  const from = cFrom.done(keep);
  const edges = withJson({
    count: from.length,
    from,
    to: cTo.done(keep),
    technique: cTech.done(keep),
    via: cVia.done(keep),
    alternatives: cAlt.done(keep),
    causes: cCauses.done(keep),
    container: cContainer.done(keep),
    strings: pool.strings,
    causeTable: pool.causeTable,
    causeLists: pool.causeLists,
    alternativeLists: pool.alternativeLists,
  });
  const podOwners: Record<string, WorkloadRef> = {};
  for (const p of ctx.objects.pods) {
    const o = ctx.ownerOf(p);
    if (o) podOwners[`${p.metadata.namespace}/${p.metadata.name}`] = o;
  }
  return { graph: { vertices, edges, podOwners }, findings: [...findings.values()] };
}

function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** Sorts `a[0..n)` ascending in place (without the copy a typed-array sort makes); mostly already sorted. */
export function sortPrefix(a: Int32Array, n: number): void {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = (a[i - 1] as number) <= (a[i] as number);
  if (!sorted) quicksort(a, 0, n - 1);
}

function quicksort(a: Int32Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot.
    if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo);
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
    if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid);
    const pivot = a[mid] as number;
    let i = lo, j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    // Recurse into the smaller side, loop on the larger (bounded stack).
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const x = a[i] as number;
    let k = i - 1;
    while (k >= lo && (a[k] as number) > x) {
      a[k + 1] = a[k] as number;
      k--;
    }
    a[k + 1] = x;
  }
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/** Columns as plain arrays when stringified (typed arrays would become index-keyed objects). */
function withJson(t: EdgeTable): EdgeTable {
  const plain = (c: ArrayLike<number>) => Array.from(c);
  Object.defineProperty(t, "toJSON", {
    enumerable: false,
    value: () => ({
      ...t,
      from: plain(t.from),
      to: plain(t.to),
      technique: plain(t.technique),
      via: plain(t.via),
      alternatives: plain(t.alternatives),
      causes: plain(t.causes),
      container: t.container ? plain(t.container) : undefined,
    }),
  });
  return t;
}
