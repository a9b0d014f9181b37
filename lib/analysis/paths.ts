/**
 * Shortest paths over the escalation graph (BFS; every hop costs 1). ClusterAdmin has no
 * out-edges, so paths stop there (§2.3). Private vertices are only reachable from their owner,
 * because only the owner has edges to them.
 */
import type { EscalationGraph, GraphEdge } from "./graph";
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

interface Index {
  readonly out: readonly (readonly GraphEdge[])[];
  readonly inc: readonly (readonly GraphEdge[])[];
  readonly byKey: ReadonlyMap<string, number>;
}

const indexCache = new WeakMap<EscalationGraph, Index>();

export function graphIndex(g: EscalationGraph): Index {
  let ix = indexCache.get(g);
  if (ix) return ix;
  const out: GraphEdge[][] = g.vertices.map(() => []);
  const inc: GraphEdge[][] = g.vertices.map(() => []);
  for (const e of g.edges) {
    out[e.from]?.push(e);
    inc[e.to]?.push(e);
  }
  const byKey = new Map<string, number>();
  for (const v of g.vertices) if (v.owner === null) byKey.set(formatVertexRef(v.ref), v.id);
  ix = { out, inc, byKey };
  indexCache.set(g, ix);
  return ix;
}

export function vertexId(g: EscalationGraph, ref: VertexRef): number | undefined {
  return graphIndex(g).byKey.get(formatVertexRef(ref));
}

/** BFS from one vertex: parent edge of every reached vertex (undefined for the source); stops once `stopAt` is reached. */
export function bfsFrom(
  g: EscalationGraph,
  source: number,
  maxHops = Infinity,
  blocked?: (e: GraphEdge) => boolean,
  stopAt?: number,
): { dist: Int32Array; parent: (GraphEdge | undefined)[] } {
  const { out } = graphIndex(g);
  const dist = new Int32Array(g.vertices.length).fill(-1);
  const parent: (GraphEdge | undefined)[] = new Array(g.vertices.length);
  dist[source] = 0;
  const queue = [source];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as number;
    const d = dist[u] as number;
    if (d >= maxHops) continue;
    for (const e of out[u] ?? []) {
      if (dist[e.to] !== -1) continue;
      if (blocked && blocked(e)) continue;
      dist[e.to] = d + 1;
      parent[e.to] = e;
      if (e.to === stopAt) return { dist, parent };
      queue.push(e.to);
    }
  }
  return { dist, parent };
}

export function pathTo(g: EscalationGraph, source: number, target: number, parent: readonly (GraphEdge | undefined)[]): EscalationPath {
  const hops: Hop[] = [];
  let cur = target;
  while (cur !== source) {
    const e = parent[cur];
    if (!e) break;
    hops.push({ technique: e.technique, via: e.via, reaches: (g.vertices[e.to] as { ref: VertexRef }).ref });
    cur = e.from;
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
  const { inc } = graphIndex(g);
  const dist = new Int32Array(g.vertices.length).fill(-1);
  dist[target] = 0;
  const queue = [target];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as number;
    const d = dist[u] as number;
    if (d >= maxHops) continue;
    for (const e of inc[u] ?? []) {
      if (dist[e.from] !== -1) continue;
      dist[e.from] = d + 1;
      queue.push(e.from);
    }
  }
  return dist;
}

/** One shortest path from `source` to `target` using reverse distances (deterministic: first edge in order). */
export function pathViaDistances(g: EscalationGraph, source: number, target: number, dist: Int32Array): EscalationPath | undefined {
  const { out } = graphIndex(g);
  if ((dist[source] ?? -1) < 0) return undefined;
  const hops: Hop[] = [];
  let cur = source;
  while (cur !== target) {
    const d = dist[cur] as number;
    const next = (out[cur] ?? []).find((e) => dist[e.to] === d - 1);
    if (!next) return undefined;
    hops.push({ technique: next.technique, via: next.via, reaches: (g.vertices[next.to] as { ref: VertexRef }).ref });
    cur = next.to;
  }
  return { from: (g.vertices[source] as { ref: VertexRef }).ref, to: (g.vertices[target] as { ref: VertexRef }).ref, hops };
}
