/**
 * Shortest paths over the escalation graph (BFS; every hop costs 1). ClusterAdmin has no
 * out-edges, so paths stop there (§2.3). Private vertices are only reachable from their owner,
 * because only the owner has edges to them.
 *
 * Edges are numbered (see `EdgeTable`); the index gives, per vertex, its out-edges and in-edges
 * in edge order (CSR arrays), so a BFS walks integers, never edge objects.
 */
import type { EscalationGraph } from "./graph";
import { TECHNIQUE_IDS } from "./technique";
import { formatVertexRef, type VertexRef } from "./refs";

export interface Hop {
  readonly technique: string;
  readonly via: string;
  readonly reaches: VertexRef;
}

export interface EscalationPath {
  readonly from: VertexRef;
  readonly to: VertexRef;
  readonly hops: readonly Hop[];
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

/** The hop an edge makes, as reported in paths. */
export function hopOf(g: EscalationGraph, e: number): Hop {
  const t = g.edges;
  return {
    technique: TECHNIQUE_IDS[t.technique[e] as number] as string,
    via: t.strings[t.via[e] as number] as string,
    reaches: (g.vertices[t.to[e] as number] as { ref: VertexRef }).ref,
  };
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
  return { from: (g.vertices[source] as { ref: VertexRef }).ref, to: (g.vertices[target] as { ref: VertexRef }).ref, hops };
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
  return { from: (g.vertices[source] as { ref: VertexRef }).ref, to: (g.vertices[target] as { ref: VertexRef }).ref, hops };
}
