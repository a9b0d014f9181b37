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
import type { Binding } from "@/lib/rbac/objects";
import type { ClusterObjects, Pod } from "@/lib/cluster/objects";
import { isMirrorPod } from "./containers";
import type { WorkloadRef } from "./owners";
import type { TrustModel } from "./trust";
import { compilePolicy, effectiveRulesOf, type CompiledPolicy } from "./engine";
import { IntColumn, type EscalationGraph } from "./graph";
import { TECHNIQUE_IDS } from "./catalog";
import { graphIndex, vertexId } from "./paths";
import { formatVertexRef, objectRef, type VertexRef } from "./refs";
import { bindingRefText, causeKey, isInherentlyUncuttable, podFieldKey, type BindingRef, type Cause, type PodField } from "./cause";

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
  /** Untrusted starts (sources) that reach a sink before the fix. */
  readonly affectedStarts: number;
  /** v2 §2.8: trusted starts that reach a sink (never cut; their paths may be severed as a side effect). */
  readonly trustedStarts?: readonly VertexRef[];
  /** v2 §2.8: protected causes that leave some source connected (then `possible` is false). */
  readonly uncuttable?: readonly string[];
}

/** Which causes a fix set may never propose (v2 §1.11); v1's uncuttable causes always are. */
export type CauseProtection = (cause: Cause) => boolean;

const INF = 1e9;

export const isUncuttable: CauseProtection = isInherentlyUncuttable;

/**
 * v2 §1.11: protected causes — default bindings present in the snapshot (deleting them; their extra
 * subjects stay cuttable as `#subjects[i]`), `protect` entries of the trust file, pod-spec fields
 * of mirror pods and of protected pods/workloads — on top of v1's uncuttable ones.
 */
export function causeProtection(trust: TrustModel, objects: Pick<ClusterObjects, "pods">, ownerOf: (pod: Pod) => WorkloadRef | null): CauseProtection {
  const pods = new Map(objects.pods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  return (cause) => {
    switch (cause.type) {
      case "systemMasters":
      case "node":
      case "grantedRole":
        return true;
      case "binding":
        return trust.isProtectedBinding(bindingRefText(cause.binding));
      case "bindingSubject":
        return false;
      case "podField": {
        const pod = pods.get(`${cause.namespace}/${cause.pod}`);
        if (!pod) return false;
        if (isMirrorPod(pod) || trust.isProtectedWorkload(objectRef("Pod", cause.pod, cause.namespace))) return true;
        const owner = ownerOf(pod);
        return owner !== null && trust.isProtectedWorkload(objectRef(owner.kind, owner.name, owner.namespace));
      }
    }
  };
}

/** Max-flow (Dinic) over arcs given up front; adjacency in flat typed arrays. */
class Dinic {
  private readonly head: Int32Array;
  private readonly to: Int32Array;
  private readonly cap: Float64Array;
  private readonly next: Int32Array;
  private size = 0;
  private readonly level: Int32Array;
  private readonly it: Int32Array;
  private readonly queue: Int32Array;
  constructor(readonly n: number, arcs: number) {
    this.queue = new Int32Array(n);
    this.head = new Int32Array(n).fill(-1);
    this.to = new Int32Array(2 * arcs);
    this.cap = new Float64Array(2 * arcs);
    this.next = new Int32Array(2 * arcs);
    this.level = new Int32Array(n);
    this.it = new Int32Array(n);
  }
  add(u: number, v: number, c: number): void {
    let e = this.size++;
    (this.to[e] = v), (this.cap[e] = c), (this.next[e] = this.head[u] as number), (this.head[u] = e);
    e = this.size++;
    (this.to[e] = u), (this.cap[e] = 0), (this.next[e] = this.head[v] as number), (this.head[v] = e);
  }
  private bfs(s: number, t: number): boolean {
    this.level.fill(-1);
    this.level[s] = 0;
    const q = this.queue;
    q[0] = s;
    for (let i = 0, len = 1; i < len; i++) {
      const u = q[i] as number;
      for (let e = this.head[u] as number; e !== -1; e = this.next[e] as number) {
        const v = this.to[e] as number;
        if ((this.cap[e] as number) > 0 && this.level[v] === -1) {
          this.level[v] = (this.level[u] as number) + 1;
          q[len++] = v;
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
      this.it.set(this.head);
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
    const q = this.queue;
    q[0] = s;
    for (let i = 0, len = 1; i < len; i++) {
      const u = q[i] as number;
      for (let e = this.head[u] as number; e !== -1; e = this.next[e] as number) {
        const v = this.to[e] as number;
        if ((this.cap[e] as number) > 0 && !seen[v]) {
          seen[v] = 1;
          q[len++] = v;
        }
      }
    }
    return seen;
  }
}

/** `policy`: the objects' compiled policy when the caller already has it (else compiled here for the blast radius). */
export function computeFixSet(
  graph: EscalationGraph,
  sinks: readonly (VertexRef | "ClusterAdmin")[] = ["ClusterAdmin"],
  objects?: ClusterObjects,
  compiled?: CompiledPolicy,
  protection: CauseProtection = isUncuttable,
): FixSet {
  const sinkRefs: VertexRef[] = sinks.map((s) => (s === "ClusterAdmin" ? { kind: "ClusterAdmin", name: null, namespace: null } : s));
  const sinkIds = new Set(sinkRefs.map((r) => vertexId(graph, r)).filter((x): x is number => x !== undefined));
  const { outStart, outEdge, inStart, inEdge, from, to } = graphIndex(graph);
  const { causes: causesOf, causeLists, causeTable, technique } = graph.edges;
  const adminTechnique = TECHNIQUE_IDS.indexOf("CLUSTER_ADMIN_EQUIVALENT");
  const nV = graph.vertices.length;
  const excluded: VertexRef[] = [];
  const sources: number[] = [];
  const trustedIds: number[] = [];
  for (const v of graph.vertices) {
    if (!v.start || sinkIds.has(v.id)) continue;
    if (v.trusted) {
      trustedIds.push(v.id);
      continue;
    }
    let direct = false;
    for (let k = outStart[v.id] as number, end = outStart[v.id + 1] as number; k < end && !direct; k++) {
      const e = outEdge[k] as number;
      direct = sinkIds.has(to[e] as number) && technique[e] === adminTechnique;
    }
    if (direct) excluded.push(v.ref);
    else sources.push(v.id);
  }
  // Relevant subgraph: forward from sources ∩ backward from sinks.
  /** Marks every vertex reachable from seeds along the given adjacency (edge index → far end). */
  const markReachable = (seeds: Iterable<number>, start: ArrayLike<number>, edges: ArrayLike<number>, farEnd: ArrayLike<number>) => {
    const mark = new Uint8Array(nV);
    const queue = [...seeds];
    for (const v of queue) mark[v] = 1;
    for (let i = 0; i < queue.length; i++) {
      const u = queue[i] as number;
      for (let k = start[u] as number, end = start[u + 1] as number; k < end; k++) {
        const w = farEnd[edges[k] as number] as number;
        if (!mark[w]) (mark[w] = 1), queue.push(w);
      }
    }
    return mark;
  };
  const bwd = markReachable(sinkIds, inStart, inEdge, from);
  const trustedStarts = trustedIds.filter((s) => bwd[s]).map((s) => graph.vertices[s]!.ref);
  // v2 §2.8: a source joined to a sink by edges whose every cause is protected cannot be cut.
  const protectedCause = new Map<number, boolean>();
  const isProtectedCause = (c: number) => {
    let p = protectedCause.get(c);
    if (p === undefined) protectedCause.set(c, (p = protection(causeTable[c] as Cause)));
    return p;
  };
  const uncuttableEdge = (e: number) => (causeLists[causesOf[e] as number] ?? []).every(isProtectedCause);
  const stuckBack = new Uint8Array(nV);
  const back = [...sinkIds];
  for (const t of back) stuckBack[t] = 1;
  for (let i = 0; i < back.length; i++) {
    const u = back[i] as number;
    for (let k = inStart[u] as number, end = inStart[u + 1] as number; k < end; k++) {
      const e = inEdge[k] as number;
      const w = from[e] as number;
      if (!stuckBack[w] && uncuttableEdge(e)) (stuckBack[w] = 1), back.push(w);
    }
  }
  const stuck = sources.filter((s) => stuckBack[s]);
  const uncuttableCauses = new Set<number>();
  if (stuck.length > 0) {
    const seen = new Uint8Array(nV);
    const q = [...stuck];
    for (const s of q) seen[s] = 1;
    for (let i = 0; i < q.length; i++) {
      const u = q[i] as number;
      for (let k = outStart[u] as number, end = outStart[u + 1] as number; k < end; k++) {
        const e = outEdge[k] as number;
        const w = to[e] as number;
        if (!stuckBack[w] || !uncuttableEdge(e)) continue;
        for (const c of causeLists[causesOf[e] as number] ?? []) uncuttableCauses.add(c);
        if (!seen[w]) (seen[w] = 1), q.push(w);
      }
    }
  }
  const allSources = sources.slice();
  if (stuck.length > 0) {
    const st = new Set(stuck);
    sources.splice(0, sources.length, ...sources.filter((s) => !st.has(s)));
  }
  const fwd = markReachable(sources, outStart, outEdge, to);
  const isRelevant = new Uint8Array(graph.edges.count);
  for (let e = 0; e < graph.edges.count; e++) {
    const u = from[e] as number, w = to[e] as number;
    isRelevant[e] = fwd[u] && bwd[w] && bwd[u] && fwd[w] ? 1 : 0;
  }
  const relevant = (e: number) => isRelevant[e] === 1;
  const affectedStarts = allSources.filter((s) => bwd[s]).length;
  const possibleCut = stuck.length === 0;
  const base = { sinks: sinkRefs, excludedStarts: excluded, affectedStarts, trustedStarts, uncuttable: [...new Set([...uncuttableCauses].map((c) => causeKey(causeTable[c] as Cause)))].sort() };

  // Causes of relevant edges, numbered locally; each cause is a pair of network vertices.
  const local = new Int32Array(causeTable.length).fill(-1);
  const causeStrings: number[] = [];
  let anyRelevant = false;
  for (let e = 0; e < graph.edges.count; e++) {
    if (!relevant(e)) continue;
    anyRelevant = true;
    for (const c of causeLists[causesOf[e] as number] ?? []) if (local[c] === -1) (local[c] = causeStrings.length), causeStrings.push(c);
  }
  if (!anyRelevant) return { ...base, possible: possibleCut, fixes: [] };

  // Network: u → cause_in →[1]→ cause_out → v for every relevant edge u→v the cause enables, built
  // through one pair of vertices per cause list L (u → L_in → cause_in, cause_out → L_out → v):
  // the same paths between graph vertices (u reaches cause c's vertex iff one of its edges carries
  // c, and c's vertex reaches v iff one of v's edges does), with one arc per distinct (u, L) and
  // (L, v) instead of one per (u, cause) and (cause, v). Parallel infinite arcs are added once.
  const C = causeStrings.length;
  const listLocal = new Int32Array(causeLists.length).fill(-1);
  const lists: number[] = [];
  for (let e = 0; e < graph.edges.count; e++) {
    const l = causesOf[e] as number;
    if (relevant(e) && listLocal[l] === -1 && (causeLists[l] ?? []).length > 0) (listLocal[l] = lists.length), lists.push(l);
  }
  const L0 = nV + 2 * C;
  const S = L0 + 2 * lists.length;
  const T = S + 1;
  const arcFrom = new IntColumn(), arcTo = new IntColumn();
  const stamp = new Int32Array(lists.length).fill(-1);
  for (let u = 0; u < nV; u++) {
    for (let k = outStart[u] as number, end = outStart[u + 1] as number; k < end; k++) {
      const e = outEdge[k] as number;
      const i = listLocal[causesOf[e] as number] as number;
      if (i < 0 || !relevant(e)) continue;
      if (stamp[i] !== u) (stamp[i] = u), arcFrom.push(u), arcTo.push(L0 + 2 * i);
    }
  }
  stamp.fill(-1);
  for (let v = 0; v < nV; v++) {
    for (let k = inStart[v] as number, end = inStart[v + 1] as number; k < end; k++) {
      const e = inEdge[k] as number;
      const i = listLocal[causesOf[e] as number] as number;
      if (i < 0 || !relevant(e)) continue;
      if (stamp[i] !== v) (stamp[i] = v), arcFrom.push(L0 + 2 * i + 1), arcTo.push(v);
    }
  }
  for (let i = 0; i < lists.length; i++) {
    for (const c of causeLists[lists[i] as number] ?? []) {
      const ci = local[c] as number;
      arcFrom.push(L0 + 2 * i), arcTo.push(nV + 2 * ci);
      arcFrom.push(nV + 2 * ci + 1), arcTo.push(L0 + 2 * i + 1);
    }
  }
  const net = new Dinic(T + 1, C + arcFrom.length + sources.length + sinkIds.size);
  for (let i = 0; i < C; i++) net.add(nV + 2 * i, nV + 2 * i + 1, isProtectedCause(causeStrings[i] as number) ? INF : 1);
  for (let a = 0; a < arcFrom.length; a++) net.add(arcFrom.data[a] as number, arcTo.data[a] as number, INF);
  for (const s of sources) if (bwd[s]) net.add(S, s, INF);
  for (const t of sinkIds) net.add(t, T, INF);
  const flow = net.maxflow(S, T);
  if (flow >= INF) return { ...base, possible: false, fixes: [] };
  void possibleCut;
  const seen = net.reachable(S);
  const cut = new Uint8Array(causeTable.length);
  for (let i = 0; i < C; i++) if (seen[nV + 2 * i] && !seen[nV + 2 * i + 1]) cut[causeStrings[i] as number] = 1;
  if (!pruneCut(graph, sources, sinkIds, bwd, cut)) return { ...base, possible: false, fixes: [] };
  const policy = objects ? (compiled ?? compilePolicy(objects)) : undefined;
  // Edges per cause list, then per cut cause.
  const perList = new Int32Array(causeLists.length);
  for (let e = 0; e < graph.edges.count; e++) perList[causesOf[e] as number]!++;
  const edgeCount = new Map<number, number>();
  for (let l = 0; l < causeLists.length; l++) {
    if (perList[l] === 0) continue;
    for (const c of causeLists[l] ?? []) if (cut[c]) edgeCount.set(c, (edgeCount.get(c) ?? 0) + (perList[l] as number));
  }
  const cutCauses: { id: number; key: string }[] = [];
  for (let c = 0; c < causeTable.length; c++) if (cut[c]) cutCauses.push({ id: c, key: causeKey(causeTable[c] as Cause) });
  const bindings = new Map<string, Binding>();
  for (const b of objects ? [...objects.roleBindings, ...objects.clusterRoleBindings] : []) {
    const key = objectRef(b.kind, b.metadata.name, b.metadata.namespace ?? null);
    if (!bindings.has(key)) bindings.set(key, b);
  }
  const losesByRole = new Map<string, readonly string[]>();
  const fixes = cutCauses
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((c) => describeFix(causeTable[c.id] as Cause, c.key, edgeCount.get(c.id) ?? 0, { bindings, policy, losesByRole }));
  return { ...base, possible: possibleCut, fixes };
}

/**
 * Drops, in sorted order, every cause whose removal from the cut still leaves the sinks
 * unreachable (as re-checking the whole graph per cause would, but incrementally): `reached` is
 * what the sources reach with the current cut; putting a cause back can only open edges that
 * carry it, so only the region behind those edges is explored, and kept when no sink is in it.
 * Only vertices that reach a sink at all (`toSink`) are explored: no other vertex is on a path;
 * and entering a vertex that reaches a sink despite the initial cut (`live`) is a hit at once.
 * An edge is blocked when every cause on it is in the cut (`open` counts, per cause list, the
 * causes not in the cut). Returns false when the cut does not disconnect the sinks in the first place.
 */
function pruneCut(g: EscalationGraph, sources: readonly number[], sinks: ReadonlySet<number>, toSink: Uint8Array, cut: Uint8Array): boolean {
  const { outStart, outEdge, inStart, inEdge, from, to } = graphIndex(g);
  const { causes: causesOf, causeLists, causeTable, count } = g.edges;
  const open = new Int32Array(causeLists.length);
  const listsOf = new Map<number, number[]>();
  for (let l = 0; l < causeLists.length; l++) {
    for (const c of causeLists[l] ?? []) {
      if (!cut[c]) {
        open[l]!++;
        continue;
      }
      const ls = listsOf.get(c);
      if (ls) ls.push(l);
      else listsOf.set(c, [l]);
    }
  }
  const blocked = (e: number) => open[causesOf[e] as number] === 0;
  const reached = new Uint8Array(g.vertices.length);
  const queue: number[] = [];
  for (const s of sources) if (!reached[s]) (reached[s] = 1), queue.push(s);
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as number;
    if (sinks.has(u)) return false;
    for (let k = outStart[u] as number, end = outStart[u + 1] as number; k < end; k++) {
      const e = outEdge[k] as number;
      const w = to[e] as number;
      if (!reached[w] && toSink[w] && !blocked(e)) (reached[w] = 1), queue.push(w);
    }
  }
  // What reaches a sink despite the initial cut keeps reaching it as causes leave the cut (edges
  // only open), and the cut never grows beyond it: entering such a vertex is a hit, found at once.
  const live = new Uint8Array(g.vertices.length);
  const back = [...sinks];
  for (const t of back) live[t] = 1;
  for (let i = 0; i < back.length; i++) {
    const u = back[i] as number;
    for (let k = inStart[u] as number, end = inStart[u + 1] as number; k < end; k++) {
      const e = inEdge[k] as number;
      const w = from[e] as number;
      if (!live[w] && !blocked(e)) (live[w] = 1), back.push(w);
    }
  }
  // Edges carrying each cut cause (only those into vertices that matter), as CSR arrays.
  let fill = new Int32Array(0);
  let edgesOfCause = new Int32Array(0);
  const slot = new Int32Array(causeTable.length).fill(-1);
  const cutCauses = [...listsOf.keys()];
  cutCauses.forEach((c, i) => (slot[c] = i));
  const edgeStart = new Int32Array(cutCauses.length + 1);
  for (let pass = 0; pass < 2; pass++) {
    for (let e = 0; e < count; e++) {
      if (!toSink[to[e] as number]) continue;
      for (const c of causeLists[causesOf[e] as number] ?? []) {
        const i = slot[c] as number;
        if (i < 0) continue;
        if (pass === 0) edgeStart[i + 1]!++;
        else edgesOfCause[fill[i]!++] = e;
      }
    }
    if (pass === 0) {
      for (let i = 0; i < cutCauses.length; i++) edgeStart[i + 1]! += edgeStart[i] as number;
      fill = edgeStart.slice(0, cutCauses.length);
      edgesOfCause = new Int32Array(edgeStart[cutCauses.length] as number);
    }
  }
  const keyOf = new Map(cutCauses.map((c) => [c, causeKey(causeTable[c] as Cause)]));
  const order = [...cutCauses].sort((a, b) => ((keyOf.get(a) as string) < (keyOf.get(b) as string) ? -1 : 1));
  const added: number[] = [];
  for (const c of order) {
    cut[c] = 0;
    for (const l of listsOf.get(c) ?? []) open[l]!++;
    added.length = 0;
    let hit = false;
    for (let k = edgeStart[slot[c] as number] as number, end = edgeStart[(slot[c] as number) + 1] as number; k < end; k++) {
      const e = edgesOfCause[k] as number;
      const w = to[e] as number;
      if (reached[from[e] as number] !== 1 || reached[w] || blocked(e)) continue;
      reached[w] = 2;
      added.push(w);
    }
    for (let i = 0; i < added.length && !hit; i++) {
      const u = added[i] as number;
      if (live[u]) {
        hit = true;
        break;
      }
      for (let k = outStart[u] as number, end = outStart[u + 1] as number; k < end; k++) {
        const e = outEdge[k] as number;
        const w = to[e] as number;
        if (!reached[w] && toSink[w] && !blocked(e)) (reached[w] = 2), added.push(w);
      }
    }
    if (hit) {
      cut[c] = 1;
      for (const l of listsOf.get(c) ?? []) open[l]!--;
      for (const v of added) reached[v] = 0;
    } else {
      for (const v of added) reached[v] = 1;
    }
  }
  return true;
}

/** What the subjects of a binding lose with it: its role's rules, as text. */
function rulesText(policy: CompiledPolicy, b: Binding): readonly string[] {
  const rules = effectiveRulesOf(policy, b.roleRef.kind === "Role" ? { kind: "Role", name: b.roleRef.name, namespace: b.metadata.namespace ?? "" } : { kind: "ClusterRole", name: b.roleRef.name }) ?? [];
  return rules.map(({ rule: r }) =>
    r.nonResourceURLs && r.nonResourceURLs.length > 0
      ? `${r.verbs.join(",")} ${r.nonResourceURLs.join(",")}`
      : `${r.verbs.join(",")} ${(r.resources ?? []).join(",")}${(r.apiGroups ?? []).filter((g) => g !== "").length ? ` (${(r.apiGroups ?? []).map((g) => g || "core").join(",")})` : ""}${r.resourceNames?.length ? ` [${r.resourceNames.join(",")}]` : ""}`,
  );
}

/** What describing a fix reads: the snapshot's bindings, its policy (blast radius) and the rules lost per role, computed once. */
interface FixLookup {
  readonly bindings: ReadonlyMap<string, Binding>;
  readonly policy: CompiledPolicy | undefined;
  readonly losesByRole: Map<string, readonly string[]>;
}

function describeFix(
  cause: Cause,
  key: string,
  edges: number,
  lookup: FixLookup,
): Fix {
  switch (cause.type) {
    case "bindingSubject":
      return describeSubjectFix(cause.binding, cause.subjectIndex, key, edges, lookup);
    case "podField":
      return describePodFieldFix(cause.namespace, cause.pod, cause.field, key, edges);
    case "binding":
      return describeBindingFix(cause.binding, key, edges, lookup);
    default:
      // Inherently uncuttable causes never reach a cut (infinite capacity).
      throw new Error(`fix set: ${key} cannot be removed`);
  }
}

function describePodFieldFix(namespace: string, pod: string, field: PodField, key: string, edges: number): Fix {
  const fieldKey = podFieldKey(field);
  const change =
    field.kind === "automount" || field.kind === "projected"
      ? `Set spec.automountServiceAccountToken: false (and drop any projected serviceAccountToken volume) on Pod ${namespace}/${pod} and its controller's template`
      : field.kind === "secret"
        ? `Stop mounting Secret ${field.secret} in Pod ${namespace}/${pod}, or kubectl delete secret ${field.secret} -n ${namespace}`
        : `Remove ${fieldKey} from Pod ${namespace}/${pod} (and its controller's template)`;
  return { cause: key, kind: "pod-spec", object: { kind: "Pod", name: pod, namespace }, field: fieldKey, change, edges, blastRadius: [{ subject: objectRef("Pod", pod, namespace), loses: [fieldKey], scope: namespace }] };
}

/** What a binding's subjects lose with it: its role's rules as text (computed once per role). */
function losesOf(b: Binding, policy: CompiledPolicy, losesByRole: Map<string, readonly string[]>): readonly string[] {
  const roleKey = b.roleRef.kind === "Role" ? `Role/${b.metadata.namespace ?? ""}/${b.roleRef.name}` : `ClusterRole/${b.roleRef.name}`;
  const loses = losesByRole.get(roleKey) ?? rulesText(policy, b);
  losesByRole.set(roleKey, loses);
  return loses;
}

function subjectText(s: Binding["subjects"][number], b: Binding): string {
  return s.kind === "ServiceAccount" ? `ServiceAccount/${s.namespace || b.metadata.namespace || ""}/${s.name}` : `${s.kind}/${s.name}`;
}

function describeBindingFix(
  ref: BindingRef,
  key: string,
  edges: number,
  lookup: FixLookup,
): Fix {
  const change = `kubectl delete ${ref.kind.toLowerCase()} ${ref.name}${ref.namespace ? ` -n ${ref.namespace}` : ""} (or remove the rule that grants the step from its role)`;
  const blast: BlastRadiusEntry[] = [];
  const b = lookup.bindings.get(bindingRefText(ref));
  if (b && lookup.policy) {
    const loses = losesOf(b, lookup.policy, lookup.losesByRole);
    for (const s of b.subjects) blast.push({ subject: subjectText(s, b), loses, scope: b.kind === "RoleBinding" ? b.metadata.namespace : null });
  }
  return { cause: key, kind: "binding", object: { kind: ref.kind, name: ref.name, namespace: ref.namespace }, field: null, change, edges, blastRadius: blast };
}

/** v2 §2.8: remove one extra subject from a default binding (the binding itself is protected). */
function describeSubjectFix(
  ref: BindingRef,
  index: number,
  key: string,
  edges: number,
  lookup: FixLookup,
): Fix {
  const field = `subjects[${index}]`;
  const b = lookup.bindings.get(bindingRefText(ref));
  const s = b?.subjects[index];
  const subject = s && b ? subjectText(s, b) : field;
  const blast: BlastRadiusEntry[] = [];
  if (b && lookup.policy) {
    const loses = losesOf(b, lookup.policy, lookup.losesByRole);
    blast.push({ subject, loses, scope: b.kind === "RoleBinding" ? b.metadata.namespace : null });
  }
  const change = `Remove subject ${subject} (${field}) from default ${ref.kind} ${ref.name}${ref.namespace ? ` in ${ref.namespace}` : ""}: kubectl edit ${ref.kind.toLowerCase()} ${ref.name}${ref.namespace ? ` -n ${ref.namespace}` : ""}`;
  return { cause: key, kind: "binding", object: { kind: ref.kind, name: ref.name, namespace: ref.namespace }, field, change, edges, blastRadius: blast };
}

export function describeFixSinks(f: FixSet): string {
  return f.sinks.map(formatVertexRef).join(", ");
}
