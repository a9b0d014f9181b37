/**
 * Smallest fix set: the fewest causes (bindings, pod-spec fields) whose removal disconnects every
 * start from the chosen sinks.
 *
 * Method: causes become nodes of a flow network (u → cause_in →[1]→ cause_out → v for every edge
 * u→v the cause enables), so a cause shared by many edges is cut once. Max-flow (Dinic) gives a
 * minimum cut of that network; it is always a valid cut of the real graph, which we verify by BFS,
 * then prune every cause whose removal is not needed. What is exact: when no cause enables edges
 * with different (from, to) combinations than the network implies — the usual case (a binding's
 * edges fan out from its subjects) — the result is a minimum; otherwise it is a verified,
 * irreducible cut (no single cause can be dropped). Causes that cannot be removed (Group
 * system:masters, a control-plane Node, rules of a self-granted role) have infinite capacity.
 */
import type { Binding, ClusterObjects } from "@/lib/rbac/objects";
import { compilePolicy, effectiveRulesOf, type CompiledPolicy } from "./engine";
import type { EscalationGraph, GraphEdge } from "./graph";
import { graphIndex, vertexId } from "./paths";
import { formatVertexRef, objectRef, type VertexRef } from "./refs";
import { viaObject } from "./techniques/common";

export interface BlastRadiusEntry {
  readonly subject: string;
  readonly loses: readonly string[];
  readonly scope: string | null;
}

export interface Fix {
  readonly cause: string;
  readonly kind: "binding" | "pod-spec";
  readonly object: { readonly kind: string; readonly name: string; readonly namespace: string | null };
  readonly field: string | null;
  readonly change: string;
  /** How many current edges of the graph this cause enables. */
  readonly edges: number;
  readonly blastRadius: readonly BlastRadiusEntry[];
}

export interface FixSet {
  readonly sinks: readonly VertexRef[];
  /** false when some path cannot be cut by removing bindings or pod-spec fields. */
  readonly possible: boolean;
  readonly fixes: readonly Fix[];
  /** Starts left out because they hold the sink by design (already cluster-admin-equivalent). */
  readonly excludedStarts: readonly VertexRef[];
  /** Starts that reach a sink before the fix. */
  readonly affectedStarts: number;
}

const INF = 1e9;

export function isUncuttable(cause: string): boolean {
  return cause === "Group/system:masters" || cause.startsWith("Node/") || cause.startsWith("ClusterRole/") || cause.startsWith("Role/");
}

class Dinic {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];
  private level: Int32Array;
  private it: Int32Array;
  constructor(readonly n: number) {
    this.head = new Array(n).fill(-1);
    this.level = new Int32Array(n);
    this.it = new Int32Array(n);
  }
  add(u: number, v: number, c: number): void {
    this.to.push(v), this.cap.push(c), this.next.push(this.head[u] as number), (this.head[u] = this.to.length - 1);
    this.to.push(u), this.cap.push(0), this.next.push(this.head[v] as number), (this.head[v] = this.to.length - 1);
  }
  private bfs(s: number, t: number): boolean {
    this.level.fill(-1);
    this.level[s] = 0;
    const q = [s];
    for (let i = 0; i < q.length; i++) {
      const u = q[i] as number;
      for (let e = this.head[u] as number; e !== -1; e = this.next[e] as number) {
        const v = this.to[e] as number;
        if ((this.cap[e] as number) > 0 && this.level[v] === -1) {
          this.level[v] = (this.level[u] as number) + 1;
          q.push(v);
        }
      }
    }
    return this.level[t] !== -1;
  }
  private dfs(u: number, t: number, f: number): number {
    if (u === t) return f;
    for (; (this.it[u] as number) !== -1; this.it[u] = this.next[this.it[u] as number] as number) {
      const e = this.it[u] as number;
      const v = this.to[e] as number;
      if ((this.cap[e] as number) > 0 && this.level[v] === (this.level[u] as number) + 1) {
        const d = this.dfs(v, t, Math.min(f, this.cap[e] as number));
        if (d > 0) {
          this.cap[e] = (this.cap[e] as number) - d;
          this.cap[e ^ 1] = (this.cap[e ^ 1] as number) + d;
          return d;
        }
      }
    }
    return 0;
  }
  maxflow(s: number, t: number): number {
    let flow = 0;
    while (this.bfs(s, t)) {
      for (let i = 0; i < this.n; i++) this.it[i] = this.head[i] as number;
      let f: number;
      while ((f = this.dfs(s, t, INF)) > 0) {
        flow += f;
        if (flow >= INF) return flow;
      }
    }
    return flow;
  }
  /** Vertices reachable from s in the residual network. */
  reachable(s: number): Uint8Array {
    const seen = new Uint8Array(this.n);
    seen[s] = 1;
    const q = [s];
    for (let i = 0; i < q.length; i++) {
      const u = q[i] as number;
      for (let e = this.head[u] as number; e !== -1; e = this.next[e] as number) {
        const v = this.to[e] as number;
        if ((this.cap[e] as number) > 0 && !seen[v]) {
          seen[v] = 1;
          q.push(v);
        }
      }
    }
    return seen;
  }
}

export function computeFixSet(graph: EscalationGraph, sinks: readonly (VertexRef | "ClusterAdmin")[] = ["ClusterAdmin"], objects?: ClusterObjects): FixSet {
  const sinkRefs: VertexRef[] = sinks.map((s) => (s === "ClusterAdmin" ? { kind: "ClusterAdmin", name: null, namespace: null } : s));
  const sinkIds = new Set(sinkRefs.map((r) => vertexId(graph, r)).filter((x): x is number => x !== undefined));
  const { out, inc } = graphIndex(graph);
  const excluded: VertexRef[] = [];
  const sources: number[] = [];
  for (const v of graph.vertices) {
    if (!v.start || sinkIds.has(v.id)) continue;
    const direct = (out[v.id] ?? []).some((e) => sinkIds.has(e.to) && e.technique === "CLUSTER_ADMIN_EQUIVALENT");
    if (direct) excluded.push(v.ref);
    else sources.push(v.id);
  }
  // Relevant subgraph: forward from sources ∩ backward from sinks.
  const fwd = new Uint8Array(graph.vertices.length);
  const q1 = [...sources];
  sources.forEach((s) => (fwd[s] = 1));
  for (let i = 0; i < q1.length; i++) for (const e of out[q1[i] as number] ?? []) if (!fwd[e.to]) (fwd[e.to] = 1), q1.push(e.to);
  const bwd = new Uint8Array(graph.vertices.length);
  const q2 = [...sinkIds];
  sinkIds.forEach((s) => (bwd[s] = 1));
  for (let i = 0; i < q2.length; i++) for (const e of inc[q2[i] as number] ?? []) if (!bwd[e.from]) (bwd[e.from] = 1), q2.push(e.from);
  const relevantEdges: GraphEdge[] = graph.edges.filter((e) => fwd[e.from] && bwd[e.to] && bwd[e.from] && fwd[e.to]);
  const affectedStarts = sources.filter((s) => bwd[s]).length;
  const base = { sinks: sinkRefs, excludedStarts: excluded, affectedStarts };
  if (relevantEdges.length === 0) return { ...base, possible: true, fixes: [] };

  const causeIds = new Map<string, number>();
  const nV = graph.vertices.length;
  for (const e of relevantEdges) for (const c of e.causes) if (!causeIds.has(c)) causeIds.set(c, causeIds.size);
  const S = nV + 2 * causeIds.size;
  const T = S + 1;
  const net = new Dinic(T + 1);
  for (const [c, i] of causeIds) net.add(nV + 2 * i, nV + 2 * i + 1, isUncuttable(c) ? INF : 1);
  for (const e of relevantEdges) {
    for (const c of e.causes) {
      const i = causeIds.get(c) as number;
      net.add(e.from, nV + 2 * i, INF);
      net.add(nV + 2 * i + 1, e.to, INF);
    }
  }
  for (const s of sources) if (bwd[s]) net.add(S, s, INF);
  for (const t of sinkIds) net.add(t, T, INF);
  const flow = net.maxflow(S, T);
  if (flow >= INF) return { ...base, possible: false, fixes: [] };
  const seen = net.reachable(S);
  const cut = new Set<string>();
  for (const [c, i] of causeIds) if (seen[nV + 2 * i] && !seen[nV + 2 * i + 1]) cut.add(c);
  if (!pruneCut(graph, sources, sinkIds, cut)) return { ...base, possible: false, fixes: [] };
  const policy = objects ? compilePolicy(objects) : undefined;
  const edgeCount = new Map<string, number>();
  for (const e of graph.edges) for (const c of e.causes) if (cut.has(c)) edgeCount.set(c, (edgeCount.get(c) ?? 0) + 1);
  const bindings = new Map<string, Binding>();
  for (const b of objects ? [...objects.roleBindings, ...objects.clusterRoleBindings] : []) {
    const key = objectRef(b.kind, b.metadata.name, b.metadata.namespace ?? null);
    if (!bindings.has(key)) bindings.set(key, b);
  }
  const fixes = [...cut].sort().map((c) => describeFix(c, edgeCount.get(c) ?? 0, bindings, policy));
  return { ...base, possible: true, fixes };
}

/**
 * Drops, in sorted order, every cause whose removal from the cut still leaves the sinks
 * unreachable (as re-checking the whole graph per cause would, but incrementally): `reached` is
 * what the sources reach with the current cut; putting a cause back can only open edges that
 * carry it, so only the region behind those edges is explored, and kept when no sink is in it.
 * Returns false when the cut does not disconnect the sinks in the first place.
 */
function pruneCut(g: EscalationGraph, sources: readonly number[], sinks: ReadonlySet<number>, cut: Set<string>): boolean {
  const { out } = graphIndex(g);
  const blocked = (e: GraphEdge) => e.causes.every((c) => cut.has(c));
  const reached = new Uint8Array(g.vertices.length);
  const queue: number[] = [];
  for (const s of sources) if (!reached[s]) (reached[s] = 1), queue.push(s);
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as number;
    if (sinks.has(u)) return false;
    for (const e of out[u] ?? []) if (!reached[e.to] && !blocked(e)) (reached[e.to] = 1), queue.push(e.to);
  }
  const edgesOf = new Map<string, GraphEdge[]>();
  for (const e of g.edges) {
    for (const c of e.causes) {
      if (!cut.has(c)) continue;
      const l = edgesOf.get(c);
      if (l) l.push(e);
      else edgesOf.set(c, [e]);
    }
  }
  for (const c of [...cut].sort()) {
    cut.delete(c);
    const added: number[] = [];
    let hit = false;
    for (const e of edgesOf.get(c) ?? []) {
      if (reached[e.from] !== 1 || reached[e.to] || blocked(e)) continue;
      reached[e.to] = 2;
      added.push(e.to);
    }
    for (let i = 0; i < added.length && !hit; i++) {
      const u = added[i] as number;
      if (sinks.has(u)) hit = true;
      else for (const e of out[u] ?? []) if (!reached[e.to] && !blocked(e)) (reached[e.to] = 2), added.push(e.to);
    }
    if (hit) {
      cut.add(c);
      for (const v of added) reached[v] = 0;
    } else {
      for (const v of added) reached[v] = 1;
    }
  }
  return true;
}

function describeFix(cause: string, edges: number, bindings: ReadonlyMap<string, Binding>, policy: CompiledPolicy | undefined): Fix {
  const hash = cause.indexOf("#");
  if (hash >= 0) {
    const ref = cause.slice(0, hash);
    const field = cause.slice(hash + 1);
    const o = viaObject(ref);
    const change =
      field === "automount" || field === "projected"
        ? `Set spec.automountServiceAccountToken: false (and drop any projected serviceAccountToken volume) on Pod ${o.namespace}/${o.name} and its controller's template`
        : field.startsWith("secret:")
          ? `Stop mounting Secret ${field.slice(7)} in Pod ${o.namespace}/${o.name}, or kubectl delete secret ${field.slice(7)} -n ${o.namespace}`
          : `Remove ${field} from Pod ${o.namespace}/${o.name} (and its controller's template)`;
    return { cause, kind: "pod-spec", object: o, field, change, edges, blastRadius: [{ subject: ref, loses: [field], scope: o.namespace }] };
  }
  const o = viaObject(cause);
  const change = `kubectl delete ${o.kind.toLowerCase()} ${o.name}${o.namespace ? ` -n ${o.namespace}` : ""} (or remove the rule that grants the step from its role)`;
  const blast: BlastRadiusEntry[] = [];
  if (policy) {
    const b = bindings.get(objectRef(o.kind, o.name, o.namespace));
    if (b) {
      const rules = effectiveRulesOf(policy, b.roleRef.kind === "Role" ? { kind: "Role", name: b.roleRef.name, namespace: b.metadata.namespace ?? "" } : { kind: "ClusterRole", name: b.roleRef.name }) ?? [];
      const loses = rules.map(({ rule: r }) =>
        r.nonResourceURLs && r.nonResourceURLs.length > 0
          ? `${r.verbs.join(",")} ${r.nonResourceURLs.join(",")}`
          : `${r.verbs.join(",")} ${(r.resources ?? []).join(",")}${(r.apiGroups ?? []).filter((g) => g !== "").length ? ` (${(r.apiGroups ?? []).map((g) => g || "core").join(",")})` : ""}${r.resourceNames?.length ? ` [${r.resourceNames.join(",")}]` : ""}`,
      );
      for (const s of b.subjects) {
        const ns = s.kind === "ServiceAccount" ? s.namespace || b.metadata.namespace || "" : null;
        blast.push({ subject: ns !== null ? `ServiceAccount/${ns}/${s.name}` : `${s.kind}/${s.name}`, loses, scope: b.kind === "RoleBinding" ? b.metadata.namespace : null });
      }
    }
  }
  return { cause, kind: "binding", object: o, field: null, change, edges, blastRadius: blast };
}

export function describeFixSinks(f: FixSet): string {
  return f.sinks.map(formatVertexRef).join(", ");
}
