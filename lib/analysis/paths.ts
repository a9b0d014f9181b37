/**
 * Shortest paths over the escalation graph (BFS; every hop costs 1). ClusterAdmin has no
 * out-edges, so paths stop there (§2.3). Private vertices are only reachable from their owner,
 * because only the owner has edges to them.
 *
 * Edges are numbered (see `EdgeTable`); the index gives, per vertex, its out-edges and in-edges
 * in edge order (CSR arrays), so a BFS walks integers, never edge objects.
 */
import { causesOfEdge, containerOf, type EscalationGraph } from "./graph";
import { podFieldPath, type Cause } from "./cause";
import type { WorkloadRef } from "./owners";
import { TECHNIQUE_IDS } from "./catalog";
import { formatVertexRef, sameRef, type VertexRef } from "./refs";

export interface Hop {
  readonly technique: string;
  readonly via: string;
  readonly reaches: VertexRef;
  /** v2 §2.6: on hops whose `reaches` or `via` is a Pod — its workload owner (null: none); else null. */
  readonly owner?: WorkloadRef | null;
  /** v2 §2.6: pods of that owner for which the hop holds as well (1 without owner); null when no Pod is involved. */
  readonly podCount?: number | null;
  /** v2 §2.6: the one container the technique was evaluated on, or null. */
  readonly container?: string | null;
  /** v2 §2.6: short references to the pod-spec fields that enable the hop (absent when the via object is the evidence). */
  readonly evidence?: readonly string[];
}

export interface EscalationPath {
  readonly from: VertexRef;
  readonly to: VertexRef;
  readonly hops: readonly Hop[];
  /** v2 §1.11: `from` is in the trusted set T. */
  readonly trusted?: boolean;
}

export interface GraphIndex {
  readonly n: number;
  readonly from: ArrayLike<number>;
  readonly to: ArrayLike<number>;
  /** Out-edges of `v`: `outEdge[outStart[v]] .. outEdge[outStart[v + 1] - 1]`. */
  readonly outStart: Int32Array;
  readonly outEdge: Int32Array;
  /** In-edges of `v`, the same way. */
  readonly inStart: Int32Array;
  readonly inEdge: Int32Array;
  readonly byKey: ReadonlyMap<string, number>;
}

const indexCache = new WeakMap<EscalationGraph, GraphIndex>();

function csr(n: number, key: ArrayLike<number>, count: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < count; i++) start[(key[i] as number) + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v] as number;
  const fill = start.slice(0, n);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[fill[key[i] as number]!++] = i;
  return { start, order };
}

export function graphIndex(g: EscalationGraph): GraphIndex {
  let ix = indexCache.get(g);
  if (ix) return ix;
  const n = g.vertices.length;
  if (typeof g.edges?.count !== "number") throw new Error("stored escalation graph predates the columnar edge format; re-ingest the snapshot");
  const { from, to, count } = g.edges;
  const out = csr(n, from, count);
  const inc = csr(n, to, count);
  const byKey = new Map<string, number>();
  for (const v of g.vertices) if (v.owner === null) byKey.set(formatVertexRef(v.ref), v.id);
  ix = { n, from, to, outStart: out.start, outEdge: out.order, inStart: inc.start, inEdge: inc.order, byKey };
  indexCache.set(g, ix);
  return ix;
}

export function vertexId(g: EscalationGraph, ref: VertexRef): number | undefined {
  return graphIndex(g).byKey.get(formatVertexRef(ref));
}

/** Pod vertices and Container vertices per workload owner (`Kind/ns/name`), for podCount. */
interface OwnerIndex {
  readonly podVertices: Map<string, number[]>;
  readonly containerVertices: Map<string, number[]>;
}
const ownerIndexCache = new WeakMap<EscalationGraph, OwnerIndex>();

function ownerKey(o: WorkloadRef): string {
  return `${o.kind}/${o.namespace}/${o.name}`;
}

function ownerIndex(g: EscalationGraph): OwnerIndex {
  let ix = ownerIndexCache.get(g);
  if (ix) return ix;
  ix = { podVertices: new Map(), containerVertices: new Map() };
  const owners = g.podOwners ?? {};
  for (const v of g.vertices) {
    if (v.ref.kind !== "Pod" && v.ref.kind !== "Container") continue;
    const pod = (v.ref.name ?? "").split("/")[0] ?? "";
    const o = owners[`${v.ref.namespace}/${pod}`];
    if (!o) continue;
    const m = v.ref.kind === "Pod" ? ix.podVertices : ix.containerVertices;
    const k = ownerKey(o);
    const l = m.get(k);
    if (l) l.push(v.id);
    else m.set(k, [v.id]);
  }
  ownerIndexCache.set(g, ix);
  return ix;
}

const outKeyCache = new WeakMap<EscalationGraph, Map<number, Set<number>>>();

/** Does `from` have an edge to `to` with that technique? Vertices with many out-edges are indexed once. */
function hasEdge(g: EscalationGraph, from: number, to: number, technique: number): boolean {
  const { outStart, outEdge } = graphIndex(g);
  const degree = (outStart[from + 1] as number) - (outStart[from] as number);
  if (degree > 32) {
    let byFrom = outKeyCache.get(g);
    if (!byFrom) outKeyCache.set(g, (byFrom = new Map()));
    let keys = byFrom.get(from);
    if (!keys) {
      keys = new Set();
      for (let k = outStart[from] as number, end = outStart[from + 1] as number; k < end; k++) {
        const e = outEdge[k] as number;
        keys.add((g.edges.to[e] as number) * 64 + (g.edges.technique[e] as number));
      }
      byFrom.set(from, keys);
      // Paths are built start by start: a few recent vertices are all that is worth keeping.
      if (byFrom.size > 8) byFrom.delete(byFrom.keys().next().value as number);
    }
    return keys.has(to * 64 + technique);
  }
  for (let k = outStart[from] as number, end = outStart[from + 1] as number; k < end; k++) {
    const e = outEdge[k] as number;
    if (g.edges.to[e] === to && g.edges.technique[e] === technique) return true;
  }
  return false;
}

/** `Pod/ns/name` → `ns/name`, or undefined for another kind. */
function podKeyOfVia(via: string): string | undefined {
  return via.startsWith("Pod/") ? via.slice(4) : undefined;
}

/** v2 §2.6: owner and podCount of one hop. */
function podGrouping(g: EscalationGraph, e: number): { owner: WorkloadRef | null; podCount: number | null } {
  const t = g.edges;
  const fromId = t.from[e] as number, toId = t.to[e] as number, tech = t.technique[e] as number;
  const reaches = (g.vertices[toId] as { ref: VertexRef }).ref;
  const fromRef = (g.vertices[fromId] as { ref: VertexRef }).ref;
  const owners = g.podOwners ?? {};
  if (reaches.kind === "Pod") {
    const owner = owners[`${reaches.namespace}/${reaches.name}`] ?? null;
    if (!owner) return { owner: null, podCount: 1 };
    const peers = ownerIndex(g).podVertices.get(ownerKey(owner)) ?? [];
    return { owner, podCount: Math.max(1, peers.filter((p) => hasEdge(g, fromId, p, tech)).length) };
  }
  const viaPod = podKeyOfVia(t.strings[t.via[e] as number] as string);
  if (viaPod === undefined) return { owner: null, podCount: null };
  const owner = owners[viaPod] ?? null;
  if (!owner) return { owner: null, podCount: 1 };
  if (fromRef.kind === "Pod" || fromRef.kind === "Container") {
    const ix = ownerIndex(g);
    const suffix = fromRef.kind === "Container" ? (fromRef.name ?? "").slice((fromRef.name ?? "").indexOf("/")) : "";
    const peers = fromRef.kind === "Pod" ? (ix.podVertices.get(ownerKey(owner)) ?? []) : (ix.containerVertices.get(ownerKey(owner)) ?? []).filter((v) => (g.vertices[v]?.ref.name ?? "").endsWith(suffix));
    return { owner, podCount: Math.max(1, peers.filter((p) => hasEdge(g, p, toId, tech)).length) };
  }
  // From a Node / node principal: the owner's pods among the hop's causes (`Pod/ns/name#field`).
  const pods = new Set<string>();
  for (const c of causesOfEdge(g, e)) {
    if (c.type !== "podField") continue;
    const key = `${c.namespace}/${c.pod}`;
    if (owners[key] && ownerKey(owners[key]) === ownerKey(owner)) pods.add(key);
  }
  return { owner, podCount: Math.max(1, pods.size) };
}

/** v2 §2.6: the pod-spec fields among the hop's causes, as short field references. */
function evidenceOf(g: EscalationGraph, e: number): { evidence?: readonly string[] } {
  const fields: string[] = [];
  for (const c of causesOfEdge(g, e)) {
    if (c.type !== "podField") continue;
    const f = podFieldPath(c.field);
    if (!fields.includes(f)) fields.push(f);
  }
  return fields.length > 0 ? { evidence: fields } : {};
}

/** The hop an edge makes, as reported in paths. */
export function hopOf(g: EscalationGraph, e: number): Hop {
  const t = g.edges;
  return {
    technique: TECHNIQUE_IDS[t.technique[e] as number] as string,
    via: t.strings[t.via[e] as number] as string,
    reaches: (g.vertices[t.to[e] as number] as { ref: VertexRef }).ref,
    ...podGrouping(g, e),
    container: containerOf(g, e),
    ...evidenceOf(g, e),
  };
}

export function isTrustedStart(g: EscalationGraph, id: number): boolean {
  return g.vertices[id]?.trusted === true;
}

/** BFS from one vertex: parent edge of every reached vertex (-1 for the source); stops once `stopAt` is reached. */
export function bfsFrom(g: EscalationGraph, source: number, maxHops = Infinity, stopAt?: number): { dist: Int32Array; parent: Int32Array } {
  const { outStart, outEdge, to } = graphIndex(g);
  const dist = new Int32Array(g.vertices.length).fill(-1);
  const parent = new Int32Array(g.vertices.length).fill(-1);
  dist[source] = 0;
  const queue = [source];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as number;
    const d = dist[u] as number;
    if (d >= maxHops) continue;
    for (let k = outStart[u] as number, end = outStart[u + 1] as number; k < end; k++) {
      const e = outEdge[k] as number;
      const w = to[e] as number;
      if (dist[w] !== -1) continue;
      dist[w] = d + 1;
      parent[w] = e;
      if (w === stopAt) return { dist, parent };
      queue.push(w);
    }
  }
  return { dist, parent };
}

export function pathTo(g: EscalationGraph, source: number, target: number, parent: ArrayLike<number>): EscalationPath {
  const { from } = g.edges;
  const hops: Hop[] = [];
  let cur = target;
  while (cur !== source) {
    const e = parent[cur] as number;
    if (e < 0) break;
    hops.push(hopOf(g, e));
    cur = from[e] as number;
  }
  hops.reverse();
  return { from: (g.vertices[source] as { ref: VertexRef }).ref, to: (g.vertices[target] as { ref: VertexRef }).ref, hops, trusted: isTrustedStart(g, source) };
}

export function comparePaths(a: EscalationPath, b: EscalationPath): number {
  if (a.hops.length !== b.hops.length) return a.hops.length - b.hops.length;
  const fa = formatVertexRef(a.from), fb = formatVertexRef(b.from);
  if (fa !== fb) return fa < fb ? -1 : 1;
  const ta = formatVertexRef(a.to), tb = formatVertexRef(b.to);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** Reverse BFS distances to `target` (hops), for many-sources-one-target queries. */
export function distancesTo(g: EscalationGraph, target: number, maxHops = Infinity): Int32Array {
  const { inStart, inEdge, from } = graphIndex(g);
  const dist = new Int32Array(g.vertices.length).fill(-1);
  dist[target] = 0;
  const queue = [target];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as number;
    const d = dist[u] as number;
    if (d >= maxHops) continue;
    for (let k = inStart[u] as number, end = inStart[u + 1] as number; k < end; k++) {
      const w = from[inEdge[k] as number] as number;
      if (dist[w] !== -1) continue;
      dist[w] = d + 1;
      queue.push(w);
    }
  }
  return dist;
}

/** One shortest path from `source` to `target` using reverse distances (deterministic: first edge in order). */
export function pathViaDistances(g: EscalationGraph, source: number, target: number, dist: Int32Array): EscalationPath | undefined {
  const { outStart, outEdge, to } = graphIndex(g);
  if ((dist[source] ?? -1) < 0) return undefined;
  const hops: Hop[] = [];
  let cur = source;
  while (cur !== target) {
    const d = dist[cur] as number;
    let next = -1;
    for (let k = outStart[cur] as number, end = outStart[cur + 1] as number; k < end; k++) {
      const e = outEdge[k] as number;
      if (dist[to[e] as number] === d - 1) {
        next = e;
        break;
      }
    }
    if (next < 0) return undefined;
    hops.push(hopOf(g, next));
    cur = to[next] as number;
  }
  return { from: (g.vertices[source] as { ref: VertexRef }).ref, to: (g.vertices[target] as { ref: VertexRef }).ref, hops, trusted: isTrustedStart(g, source) };
}

/**
 * The typed causes of each hop of a path (evidence as data, for reports): the hop is the graph's
 * one edge from the previous vertex to `reaches` with the hop's technique. A hop the graph does not
 * hold (a path stored with another analysis) gets an empty list.
 */
export function hopCauses(g: EscalationGraph, path: Pick<EscalationPath, "from" | "hops">): Cause[][] {
  const { outStart, outEdge, to } = graphIndex(g);
  const out: Cause[][] = [];
  let cur = vertexId(g, path.from);
  for (const hop of path.hops) {
    let found = -1;
    if (cur !== undefined) {
      const target = vertexId(g, hop.reaches);
      for (let k = outStart[cur] as number, end = outStart[cur + 1] as number; k < end && found < 0; k++) {
        const e = outEdge[k] as number;
        const w = to[e] as number;
        if (target !== undefined ? w !== target : !sameRef((g.vertices[w] as { ref: VertexRef }).ref, hop.reaches)) continue;
        if (TECHNIQUE_IDS[g.edges.technique[e] as number] === hop.technique) found = e;
      }
    }
    out.push(found < 0 ? [] : causesOfEdge(g, found));
    cur = found < 0 ? undefined : (to[found] as number);
  }
  return out;
}
