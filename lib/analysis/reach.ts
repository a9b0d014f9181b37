/**
 * Per-start reach over the escalation graph: the shortest path to each sink, how many starts reach
 * each sink, and how many Nodes / ServiceAccounts / Secrets each start reaches — without one full
 * BFS per start over a graph most of which every powerful start reaches anyway.
 *
 * - A start that reaches ClusterAdmin (with collapse on) reports only that path: the
 *   lexicographically first shortest path (first out-edge, in order, that stays on a shortest
 *   path), which is exactly the path a BFS from the start records (its queue visits vertices in
 *   that order), taken from one reverse BFS from ClusterAdmin.
 * - Counts use a hub: a vertex of the largest strongly connected component. Every start that
 *   reaches the hub reaches all of R(hub), so its reach is R(hub) plus a BFS that stops at R(hub).
 * - Other starts: one BFS each over what they reach, with arrays reused between starts.
 */
import type { EscalationGraph } from "./graph";
import { distancesTo, graphIndex, pathTo, pathViaDistances, type EscalationPath } from "./paths";

export interface StartReach {
  readonly reachesAdmin: boolean;
  readonly nodes: number;
  readonly serviceAccounts: number;
  readonly secrets: number;
}

export interface ReachResult {
  readonly paths: EscalationPath[];
  /** Sink vertex id → number of untrusted starts (other than itself) with a path to it (v2 §1.11). */
  readonly reachedBy: Map<number, number>;
  /** Start vertex id → its reach. */
  readonly reach: Map<number, StartReach>;
}

const NODE = 1, SA = 2, SECRET = 3;

/** Strongly connected components (iterative Tarjan); returns the component id of every vertex. */
export function stronglyConnected(g: EscalationGraph): { comp: Int32Array; count: number } {
  const { outStart, outEdge, to } = graphIndex(g);
  const n = g.vertices.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const callV: number[] = [];
  const callI: number[] = [];
  let next = 0, count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callV.push(root), callI.push(0);
    index[root] = low[root] = next++;
    stack.push(root), (onStack[root] = 1);
    while (callV.length > 0) {
      const top = callV.length - 1;
      const v = callV[top] as number;
      const i = callI[top] as number;
      if (i < (outStart[v + 1] as number) - (outStart[v] as number)) {
        callI[top] = i + 1;
        const w = to[outEdge[(outStart[v] as number) + i] as number] as number;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w), (onStack[w] = 1);
          callV.push(w), callI.push(0);
        } else if (onStack[w]) low[v] = Math.min(low[v] as number, index[w] as number);
        continue;
      }
      callV.pop(), callI.pop();
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      const parent = callV[callV.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent] as number, low[v] as number);
    }
  }
  return { comp, count };
}

export function computeReach(
  g: EscalationGraph,
  adminId: number | undefined,
  isSinkVertex: (id: number) => boolean,
  collapse: boolean,
): ReachResult {
  const { outStart, outEdge, to } = graphIndex(g);
  const n = g.vertices.length;
  const kind = new Uint8Array(n);
  const sink = new Uint8Array(n);
  for (const v of g.vertices) {
    kind[v.id] = v.ref.kind === "Node" ? NODE : v.ref.kind === "ServiceAccount" ? SA : v.ref.kind === "Secret" ? SECRET : 0;
    if (isSinkVertex(v.id)) sink[v.id] = 1;
  }
  const paths: EscalationPath[] = [];
  const reachedBy = new Map<number, number>();
  const reach = new Map<number, StartReach>();
  // v2 §1.11: trusted starts are walked like any other but never counted as reaching a sink.
  let counting = true;
  const bump = (t: number, by = 1) => {
    if (counting) reachedBy.set(t, (reachedBy.get(t) ?? 0) + by);
  };
  const toAdmin = adminId !== undefined ? distancesTo(g, adminId) : undefined;

  // Hub: a vertex of the largest strongly connected component, with R(hub) and who reaches it.
  const { comp, count } = stronglyConnected(g);
  const sizes = new Int32Array(count);
  for (let v = 0; v < n; v++) sizes[comp[v] as number]!++;
  let best = -1;
  for (let c = 0; c < count; c++) if ((sizes[c] as number) > 1 && (best < 0 || (sizes[c] as number) > (sizes[best] as number))) best = c;
  const hub = best < 0 ? -1 : comp.indexOf(best);
  const inHubReach = new Uint8Array(n);
  const reachesHub = hub >= 0 ? distancesTo(g, hub) : undefined;
  const hubCounts = [0, 0, 0, 0];
  const hubSinks: number[] = [];
  if (hub >= 0) {
    const q = [hub];
    inHubReach[hub] = 1;
    for (let i = 0; i < q.length; i++) {
      const u = q[i] as number;
      hubCounts[kind[u] as number]!++;
      if (sink[u]) hubSinks.push(u);
      for (let k = outStart[u] as number, end = outStart[u + 1] as number; k < end; k++) {
        const w = to[outEdge[k] as number] as number;
        if (!inHubReach[w]) (inHubReach[w] = 1), q.push(w);
      }
    }
  }
  let viaHub = 0;

  const dist = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  /** BFS from `s` (not entering R(hub) when `pruned`); leaves the visit order in `queue`. */
  const visit = (s: number, pruned: boolean) => {
    queue.length = 0;
    dist[s] = 0;
    queue.push(s);
    for (let i = 0; i < queue.length; i++) {
      const u = queue[i] as number;
      const d = (dist[u] as number) + 1;
      for (let k = outStart[u] as number, end = outStart[u + 1] as number; k < end; k++) {
        const e = outEdge[k] as number;
        const w = to[e] as number;
        if (dist[w] !== -1 || (pruned && inHubReach[w])) continue;
        dist[w] = d;
        parent[w] = e;
        queue.push(w);
      }
    }
  };
  const reset = () => {
    for (const v of queue) (dist[v] = -1), (parent[v] = -1);
  };
  /** Walks from s, adds what it reaches to counts and to the sinks' reach counts. */
  const countReached = (s: number, counts: number[], pruned: boolean) => {
    visit(s, pruned);
    for (const t of queue) {
      if (t === s) continue;
      counts[kind[t] as number]!++;
      if (sink[t]) bump(t);
    }
    reset();
  };

  for (const v of g.vertices) {
    if (!v.start) continue;
    const s = v.id;
    counting = v.trusted !== true;
    const reachesAdmin = toAdmin !== undefined && (toAdmin[s] as number) >= 0;
    const counts = [0, 0, 0, 0];
    if (collapse && reachesAdmin && adminId !== undefined && toAdmin !== undefined) {
      const p = pathViaDistances(g, s, adminId, toAdmin);
      if (p) paths.push(p);
      const useHub = reachesHub !== undefined && (reachesHub[s] as number) >= 0;
      if (useHub) {
        if (counting) viaHub++;
        for (let k = 0; k < 4; k++) counts[k] = hubCounts[k] as number;
        if (inHubReach[s]) {
          counts[kind[s] as number]!--;
          if (sink[s]) bump(s, -1);
        } else {
          countReached(s, counts, true);
        }
      } else {
        countReached(s, counts, false);
      }
    } else {
      visit(s, false);
      const reached: number[] = [];
      for (const t of queue) {
        if (t === s) continue;
        counts[kind[t] as number]!++;
        if (!sink[t]) continue;
        bump(t);
        reached.push(t);
      }
      reached.sort((a, b) => a - b);
      for (const t of reached) if (!collapse || !reachesAdmin || t === adminId) paths.push(pathTo(g, s, t, parent));
      reset();
    }
    reach.set(s, { reachesAdmin, nodes: counts[NODE] as number, serviceAccounts: counts[SA] as number, secrets: counts[SECRET] as number });
  }
  counting = true;
  if (viaHub > 0) for (const t of hubSinks) bump(t, viaHub);
  for (const [t, c] of reachedBy) if (c === 0) reachedBy.delete(t);
  return { paths, reachedBy, reach };
}
