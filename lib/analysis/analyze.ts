/**
 * `analyzeCluster`: graph → shortest paths per (start, sink) → findings → exposure ranking → fix
 * set for ClusterAdmin. Pure; the result is plain JSON-serialisable data.
 */
import type { ClusterObjects } from "@/lib/cluster/objects";
import { AnalysisContext, type AnalysisOptions } from "./context";
import { computeFindings, type Finding, type ReachLevel } from "./findings";
import { causeProtection, computeFixSet, type FixSet } from "./fixset";
import { buildGraph, type EscalationGraph } from "./graph";
import { isRunningPod } from "./pods";
import { computeReach } from "./reach";
import {
  bfsFrom,
  comparePaths,
  distancesTo,
  graphIndex,
  pathTo,
  pathViaDistances,
  vertexId,
  type EscalationPath,
} from "./paths";
import { CLUSTER_ADMIN, formatVertexRef, parseVertexRef, type VertexRef } from "./refs";
import { TECHNIQUE_IDS } from "./catalog";

export interface SinkSummary {
  readonly sink: VertexRef;
  readonly reason: "cluster-admin" | "node-root" | "secret" | "critical";
  /** Number of starts with a path to it. */
  readonly reachedBy: number;
}

export interface ExposureEntry {
  readonly serviceAccount: VertexRef;
  readonly isDefault: boolean;
  readonly reaches: { readonly clusterAdmin: boolean; readonly nodes: number; readonly serviceAccounts: number; readonly secrets: number };
  readonly level: ReachLevel;
  readonly pods: number;
  readonly nodes: number;
  readonly score: number;
}

export interface AnalysisResult {
  readonly summary: {
    readonly vertices: number;
    readonly edges: number;
    readonly starts: number;
    readonly byKind: Readonly<Record<string, number>>;
    readonly byTechnique: Readonly<Record<string, number>>;
  };
  readonly graph: EscalationGraph;
  readonly sinks: readonly SinkSummary[];
  readonly paths: readonly EscalationPath[];
  readonly findings: readonly Finding[];
  readonly exposure: readonly ExposureEntry[];
  readonly fixes: FixSet;
}

const LEVEL_WEIGHT: Record<Exclude<ReachLevel, null>, number> = { ClusterAdmin: 1000, Node: 100, ServiceAccount: 10, Secret: 1 };

function stageClock(onStage: AnalysisOptions["onStage"]): (stage: string) => void {
  if (!onStage) return () => {};
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let wall = performance.now();
  let c = cpu();
  return (stage) => {
    const w = performance.now();
    const now = cpu();
    onStage(stage, w - wall, now - c);
    wall = w;
    c = now;
  };
}

export function analyzeCluster(objects: ClusterObjects, options: AnalysisOptions = {}): AnalysisResult {
  const stage = stageClock(options.onStage);
  const ctx = new AnalysisContext(objects, options);
  stage("context");
  const { graph, findings: pending } = buildGraph(ctx);
  stage("graph");
  const critical = new Set<string>();
  for (const c of options.critical ?? []) {
    if (c.kind === "Namespace") {
      for (const sa of ctx.sasByNs.get(c.name) ?? []) critical.add(formatVertexRef({ kind: "ServiceAccount", name: sa.metadata.name, namespace: c.name }));
      for (const s of ctx.secretsByNs.get(c.name) ?? []) critical.add(formatVertexRef({ kind: "Secret", name: s.metadata.name, namespace: c.name }));
    } else {
      const p = parseVertexRef(c.namespace ? `${c.kind}/${c.namespace}/${c.name}` : `${c.kind}/${c.name}`);
      if (p.success) critical.add(formatVertexRef(p.data));
    }
  }
  const isSink = (ref: VertexRef): SinkSummary["reason"] | undefined => {
    if (ref.kind === "ClusterAdmin") return "cluster-admin";
    if (critical.has(formatVertexRef(ref))) return "critical";
    if (ref.kind === "Node") return "node-root";
    if (ref.kind === "Secret") return "secret";
    return undefined;
  };
  const collapse = options.collapseAdminPaths !== false;
  const adminId = vertexId(graph, CLUSTER_ADMIN);
  const sinkOf = graph.vertices.map((v) => isSink(v.ref));
  const { paths, reachedBy, reach } = computeReach(graph, adminId, (id) => sinkOf[id] !== undefined, collapse);
  const reachOfSa = new Map<string, ExposureEntry["reaches"]>();
  for (const [id, r] of reach) {
    const ref = graph.vertices[id]!.ref;
    if (ref.kind === "ServiceAccount") reachOfSa.set(`${ref.namespace}/${ref.name}`, { clusterAdmin: r.reachesAdmin, nodes: r.nodes, serviceAccounts: r.serviceAccounts, secrets: r.secrets });
  }
  paths.sort(comparePaths);
  stage("paths");

  const levelOf = (r: ExposureEntry["reaches"] | undefined): ReachLevel =>
    !r ? null : r.clusterAdmin ? "ClusterAdmin" : r.nodes > 0 ? "Node" : r.serviceAccounts > 0 ? "ServiceAccount" : r.secrets > 0 ? "Secret" : null;

  // Exposure: reach × running pods holding the token × distinct nodes of those pods.
  const podCount = new Map<string, number>();
  const nodeSets = new Map<string, Set<string>>();
  for (const p of objects.pods) {
    if (!isRunningPod(p.status?.phase)) continue;
    for (const t of ctx.materialisedTokensOf(p)) {
      const k = `${p.metadata.namespace}/${t.serviceAccount}`;
      podCount.set(k, (podCount.get(k) ?? 0) + 1);
      if (p.spec.nodeName) {
        let s = nodeSets.get(k);
        if (!s) nodeSets.set(k, (s = new Set()));
        s.add(p.spec.nodeName);
      }
    }
  }
  const exposure: ExposureEntry[] = [];
  for (const ns of ctx.namespaces) {
    for (const sa of ctx.sasByNs.get(ns) ?? []) {
      const k = `${ns}/${sa.metadata.name}`;
      const reaches = reachOfSa.get(k) ?? { clusterAdmin: false, nodes: 0, serviceAccounts: 0, secrets: 0 };
      const level = levelOf(reaches);
      const pods = podCount.get(k) ?? 0;
      const nodes = nodeSets.get(k)?.size ?? 0;
      exposure.push({
        serviceAccount: { kind: "ServiceAccount", name: sa.metadata.name, namespace: ns },
        isDefault: sa.metadata.name === "default",
        reaches,
        level,
        pods,
        nodes,
        score: (level ? LEVEL_WEIGHT[level] : 0) * pods * Math.max(1, nodes),
      });
    }
  }
  exposure.sort((a, b) => b.score - a.score || (b.level ? LEVEL_WEIGHT[b.level] : 0) - (a.level ? LEVEL_WEIGHT[a.level] : 0) || (formatVertexRef(a.serviceAccount) < formatVertexRef(b.serviceAccount) ? -1 : 1));

  stage("exposure");
  const findings = computeFindings(ctx, pending, (ns, name) => levelOf(reachOfSa.get(`${ns}/${name}`)));
  stage("findings");

  const sinks: SinkSummary[] = [];
  for (const v of graph.vertices) {
    const reason = sinkOf[v.id];
    if (reason && v.owner === null) sinks.push({ sink: v.ref, reason, reachedBy: reachedBy.get(v.id) ?? 0 });
  }
  const byKind: Record<string, number> = {};
  for (const v of graph.vertices) byKind[v.ref.kind] = (byKind[v.ref.kind] ?? 0) + 1;
  const byTechnique: Record<string, number> = {};
  const techniqueCounts = new Array<number>(TECHNIQUE_IDS.length).fill(0);
  for (let i = 0; i < graph.edges.count; i++) techniqueCounts[graph.edges.technique[i] as number]!++;
  for (let t = 0; t < TECHNIQUE_IDS.length; t++) if ((techniqueCounts[t] as number) > 0) byTechnique[TECHNIQUE_IDS[t] as string] = techniqueCounts[t] as number;
  graphIndex(graph);
  const fixes = computeFixSet(graph, ["ClusterAdmin"], objects, ctx.policy, causeProtection(ctx.trust, objects, (p) => ctx.ownerOf(p)));
  stage("fixset");
  return {
    summary: { vertices: graph.vertices.length, edges: graph.edges.count, starts: graph.vertices.filter((v) => v.start).length, byKind, byTechnique },
    graph,
    sinks,
    paths,
    findings,
    exposure,
    fixes,
  };
}

/**
 * Shortest paths between any pair. `from` omitted = every start; `to` omitted = every sink kind
 * reached (ClusterAdmin, Node, Secret); `maxHops` bounds the path length. Shortest first.
 */
export function findPaths(
  source: AnalysisResult | EscalationGraph,
  from?: VertexRef,
  to?: VertexRef | "ClusterAdmin",
  maxHops = Infinity,
): EscalationPath[] {
  const graph = "graph" in source ? source.graph : source;
  const target = to === "ClusterAdmin" ? CLUSTER_ADMIN : to;
  const out: EscalationPath[] = [];
  if (target) {
    const t = vertexId(graph, target);
    if (t === undefined) return [];
    if (from) {
      // One pair: a forward BFS that stops when it meets the target records the same (first shortest) path.
      const s = vertexId(graph, from);
      if (s === undefined || s === t) return [];
      const { dist, parent } = bfsFrom(graph, s, maxHops, t);
      return dist[t] === -1 ? [] : [pathTo(graph, s, t, parent)];
    }
    const dist = distancesTo(graph, t, maxHops);
    const starts = from ? [vertexId(graph, from)].filter((x): x is number => x !== undefined) : graph.vertices.filter((v) => v.start).map((v) => v.id);
    for (const s of starts) {
      if (s === t || (dist[s] ?? -1) < 0) continue;
      const p = pathViaDistances(graph, s, t, dist);
      if (p) out.push(p);
    }
  } else {
    const starts = from ? [vertexId(graph, from)].filter((x): x is number => x !== undefined) : graph.vertices.filter((v) => v.start).map((v) => v.id);
    for (const s of starts) {
      const { dist, parent } = bfsFrom(graph, s, maxHops);
      for (let t = 0; t < graph.vertices.length; t++) {
        if (t === s || dist[t] === -1) continue;
        const k = graph.vertices[t]!.ref.kind;
        if (k === "ClusterAdmin" || k === "Node" || k === "Secret") out.push(pathTo(graph, s, t, parent));
      }
    }
  }
  return out.sort(comparePaths);
}
