/**
 * Escalation queries shared by the CLI and the HTTP API: paths between any pair, findings, fix
 * sets — from a stored snapshot (instant: rows written at ingest) or from files (analysed now).
 */
import { analyzeCluster, computeFixSet, findPaths, formatVertexRef, parseVertexRef, type AnalysisOptions } from "@/lib/analysis";
import type { AnalysisResult } from "@/lib/analysis/analyze";
import type { Finding } from "@/lib/analysis/findings";
import type { FixSet } from "@/lib/analysis/fixset";
import type { EscalationGraph } from "@/lib/analysis/graph";
import { hopCauses, vertexId, type EscalationPath } from "@/lib/analysis/paths";
import type { Cause } from "@/lib/analysis/cause";
import type { VertexRef } from "@/lib/analysis/refs";
import { bundledBootstrapPolicy } from "@/lib/pipeline/analyze-snapshot";
import { causeProtection } from "@/lib/analysis/fixset";
import { ownerOfPod } from "@/lib/analysis/owners";
import { TrustModel, type TrustSpec } from "@/lib/analysis/trust";
import type { ClusterObjects } from "@/lib/cluster/objects";
import { analysisStamp, listFindings, listStoredPaths, loadAnalysis, loadGraph, storedHopCauses } from "@/lib/store/analysis";
import { reanalyzeCommand, requireReadyAnalysis } from "@/lib/store/analysis-state";
import { loadClusterObjects, RBAC_KINDS } from "@/lib/store/cluster";
import { listCritical } from "@/lib/store/critical";
import type { RawDatabase as Database } from "@/lib/store/raw";

export const SEVERITIES = ["Critical", "High", "Medium", "Low"] as const;
export type SeverityName = (typeof SEVERITIES)[number];

export type RefParse = { readonly ok: true; readonly ref: VertexRef | undefined } | { readonly ok: false; readonly message: string };

/** `Kind/name`, `Kind/namespace/name` or `ClusterAdmin`; undefined/empty = not given. */
export function parseRefParam(value: string | undefined | null, flag: string): RefParse {
  if (value === undefined || value === null || value === "") return { ok: true, ref: undefined };
  const parsed = parseVertexRef(value);
  return parsed.success ? { ok: true, ref: parsed.data } : { ok: false, message: `${flag}: ${parsed.error}` };
}

/** `--severity High` means High and above. */
export function severitiesAtLeast(level: string | undefined | null): { ok: true; severities: SeverityName[] | undefined } | { ok: false; message: string } {
  if (level === undefined || level === null || level === "") return { ok: true, severities: undefined };
  const index = SEVERITIES.findIndex((s) => s.toLowerCase() === level.toLowerCase());
  if (index < 0) return { ok: false, message: `unknown severity "${level}" (use ${SEVERITIES.join(", ")})` };
  return { ok: true, severities: SEVERITIES.slice(0, index + 1) };
}

export interface PathQuery {
  readonly from?: VertexRef | undefined;
  readonly to?: VertexRef | undefined;
  readonly maxHops?: number | undefined;
}

const graphCache = new Map<string, EscalationGraph>();

export function storedGraph(db: Database, snapshotId: number): EscalationGraph | undefined {
  // Keyed by the analysis stamp: a re-analysis (crown jewels changed) is never answered from the old graph.
  const key = analysisStamp(db, snapshotId) ?? `${db.cacheKey}#${snapshotId}`;
  const hit = graphCache.get(key);
  if (hit) return hit;
  const graph = loadGraph(db, snapshotId);
  if (!graph) return undefined;
  graphCache.set(key, graph);
  while (graphCache.size > 2) {
    const oldest = graphCache.keys().next().value;
    if (oldest === undefined) break;
    graphCache.delete(oldest);
  }
  return graph;
}

/** A `ready` snapshot without a graph row: stored by a version that kept none. */
export class AnalysisMissingError extends Error {
  constructor(snapshotId: number) {
    super(`snapshot ${snapshotId} has no stored escalation graph (stored by an older version); run ${reanalyzeCommand(snapshotId)}`);
    this.name = "AnalysisMissingError";
  }
}

/**
 * A User that no binding names is not a vertex, but it still holds what its implicit groups hold
 * (system:authenticated; system:unauthenticated for system:anonymous) — and group membership is not
 * a hop. So its paths are its group's paths, reported from the user.
 */
function implicitGroupOf(from: VertexRef | undefined, graph: EscalationGraph): VertexRef | undefined {
  if (!from || from.kind !== "User" || vertexId(graph, from) !== undefined) return undefined;
  const group: VertexRef = {
    kind: "Group",
    name: from.name === "system:anonymous" ? "system:unauthenticated" : "system:authenticated",
    namespace: null,
  };
  return vertexId(graph, group) !== undefined ? group : undefined;
}

function fromUser(paths: EscalationPath[], user: VertexRef): EscalationPath[] {
  return paths.map((p) => ({ ...p, from: user }));
}

function graphPaths(graph: EscalationGraph, query: PathQuery): EscalationPath[] {
  const maxHops = query.maxHops ?? Infinity;
  const group = implicitGroupOf(query.from, graph);
  if (group && query.from) return fromUser(findPaths(graph, group, query.to, maxHops), query.from);
  return findPaths(graph, query.from, query.to, maxHops);
}

/**
 * Paths of a stored snapshot. Without `to`: the shortest path of every (start, sink) pair stored at
 * ingest (sinks: ClusterAdmin, nodes, secrets, crown jewels; a start that reaches ClusterAdmin keeps
 * only that path, §2.3). `--to ClusterAdmin` is answered from the same rows; anything else, and a
 * `from` that is no start (a Pod, a Node, a User no binding names), walks the stored graph.
 */
export function snapshotPaths(db: Database, snapshotId: number, query: PathQuery): EscalationPath[] {
  requireReadyAnalysis(db, snapshotId);
  const maxHops = query.maxHops ?? Infinity;
  if (!query.to || query.to.kind === "ClusterAdmin") {
    const rows = listStoredPaths(db, snapshotId, {
      ...(query.to ? { to: "ClusterAdmin" } : {}),
      ...(query.from ? { from: formatVertexRef(query.from) } : {}),
      ...(Number.isFinite(maxHops) ? { maxHops } : {}),
    });
    if (rows.length > 0 || !query.from) return rows;
  }
  const graph = storedGraph(db, snapshotId);
  if (!graph) throw new AnalysisMissingError(snapshotId);
  return graphPaths(graph, query);
}

/**
 * Each path's hop causes (typed, worded at the edge by `describeCause`): kept with the stored path,
 * else found in the stored graph (a path answered on the graph, or a snapshot analysed before causes
 * were kept) unless `fromGraph` is false (a page that must not load the graph for words); undefined
 * when the causes are unknown.
 */
export function snapshotPathCauses(
  db: Database,
  snapshotId: number,
  paths: readonly EscalationPath[],
  options: { readonly fromGraph: boolean } = { fromGraph: true },
): (Cause[][] | undefined)[] {
  const stored = storedHopCauses(db, snapshotId, paths);
  if (!options.fromGraph || stored.every((c) => c !== undefined)) return stored;
  const graph = storedGraph(db, snapshotId);
  return stored.map((c, i) => c ?? (graph ? pathCausesInGraph(graph, paths[i] as EscalationPath) : undefined));
}

/** `snapshotPathCauses` as a lookup by path, for pages that pass paths and their causes apart; unknown causes are absent. */
export function hopCausesByPath(
  db: Database,
  snapshotId: number,
  paths: readonly EscalationPath[],
  options: { readonly fromGraph: boolean },
): ReadonlyMap<EscalationPath, readonly (readonly Cause[])[]> {
  const causes = snapshotPathCauses(db, snapshotId, paths, options);
  return new Map(paths.flatMap((p, i) => (causes[i] ? [[p, causes[i]] as const] : [])));
}

/** A path's hop causes found in the graph; a User no binding names walks from its implicit group, as its paths do. */
export function pathCausesInGraph(graph: EscalationGraph, path: EscalationPath): Cause[][] {
  return hopCauses(graph, { from: implicitGroupOf(path.from, graph) ?? path.from, hops: path.hops });
}

/** The same questions answered on an analysis made in memory (files given with -f). */
export function clusterPaths(analysis: AnalysisResult, query: PathQuery): EscalationPath[] {
  const maxHops = query.maxHops ?? Infinity;
  if (!query.to || query.to.kind === "ClusterAdmin") {
    const from = query.from ? formatVertexRef(query.from) : undefined;
    const rows = analysis.paths.filter(
      (p) => (!query.to || p.to.kind === "ClusterAdmin") && (!from || formatVertexRef(p.from) === from) && p.hops.length <= maxHops,
    );
    if (rows.length > 0 || !query.from) return rows;
  }
  return graphPaths(analysis.graph, query);
}

/** Files given with -f are analysed exactly like a stored snapshot is at ingest. */
export function analyzeFiles(cluster: ClusterObjects, options: AnalysisOptions = {}): AnalysisResult {
  return analyzeCluster(cluster, { bootstrapPolicy: bundledBootstrapPolicy(), ...options });
}

/**
 * A stored snapshot analysed again in memory with another trust file (`--trust FILE`): the stored
 * analysis used the trust kept with the database. Its crown jewels are those marked in the database.
 */
export function reanalyzeWithTrust(db: Database, snapshotId: number, trust: TrustSpec): AnalysisResult {
  return analyzeFiles(loadClusterObjects(db, snapshotId), { trust, critical: listCritical(db) });
}

/** The fix set for the given sinks on an analysis made in memory, with its protected causes (v2 §1.11). */
export function fixSetOf(analysis: AnalysisResult, sinks: readonly (VertexRef | "ClusterAdmin")[], cluster: ClusterObjects, trust?: TrustSpec): FixSet {
  const onlyAdmin = sinks.length === 0 || (sinks.length === 1 && (sinks[0] === "ClusterAdmin" || (typeof sinks[0] === "object" && sinks[0].kind === "ClusterAdmin")));
  if (onlyAdmin) return analysis.fixes;
  return computeFixSet(analysis.graph, sinks, cluster, undefined, protectionFor(cluster, trust));
}

/** Protected causes of a snapshot (default bindings, mirror pods, the trust file's `protect`). */
export function protectionFor(cluster: ClusterObjects, trust?: TrustSpec) {
  const nodes = new Set([...cluster.nodes.map((n) => n.metadata.name), ...cluster.pods.map((p) => p.spec.nodeName).filter((n): n is string => !!n)]);
  const model = new TrustModel(cluster, bundledBootstrapPolicy(), trust, nodes);
  const workloads = new Map(cluster.workloads.map((w) => [`${w.kind}/${w.metadata.namespace}/${w.metadata.name}`, w]));
  return causeProtection(model, cluster, (p) => ownerOfPod(p, (k, ns, n) => workloads.get(`${k}/${ns}/${n}`)));
}

export function snapshotFindings(db: Database, snapshotId: number, severities?: readonly string[]): Finding[] {
  return listFindings(db, snapshotId, severities ? { severities } : {});
}

/** The fix set for ClusterAdmin is stored at ingest; other sinks are computed on the stored graph. */
export function snapshotFixes(db: Database, snapshotId: number, sinks: readonly (VertexRef | "ClusterAdmin")[]): FixSet {
  requireReadyAnalysis(db, snapshotId);
  const onlyAdmin = sinks.length === 1 && (sinks[0] === "ClusterAdmin" || (typeof sinks[0] === "object" && sinks[0].kind === "ClusterAdmin"));
  if (onlyAdmin) {
    const stored = loadAnalysis(db, snapshotId);
    if (stored) return stored.fixes;
  }
  const graph = storedGraph(db, snapshotId);
  if (!graph) throw new AnalysisMissingError(snapshotId);
  const cluster = loadClusterObjects(db, snapshotId, [...RBAC_KINDS, "ServiceAccount", "Pod", "Node", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController"]);
  return computeFixSet(graph, sinks, cluster, undefined, protectionFor(cluster));
}

export function pathsJson(paths: readonly EscalationPath[]) {
  return { paths };
}

/** A crown jewel: a Namespace stands for its ServiceAccounts and Secrets. */
export function expandCritical(
  marks: readonly { readonly kind: string; readonly name: string; readonly namespace: string | null }[],
  members: (namespace: string) => readonly VertexRef[],
): VertexRef[] {
  const out = new Map<string, VertexRef>();
  for (const mark of marks) {
    const refs: VertexRef[] =
      mark.kind === "Namespace"
        ? [...members(mark.name)]
        : [{ kind: mark.kind as VertexRef["kind"], name: mark.name, namespace: mark.namespace }];
    for (const ref of refs) out.set(formatVertexRef(ref), ref);
  }
  return [...out.values()];
}

/** Shortest paths from every start to each of the given targets (e.g. crown jewels named on the command line). */
export function pathsToTargets(
  paths: (query: PathQuery) => EscalationPath[],
  targets: readonly VertexRef[],
  query: Omit<PathQuery, "to">,
): EscalationPath[] {
  return targets.flatMap((to) => paths({ ...query, to }));
}
