/**
 * Everything the escalation page shows, read from the analysis stored at ingest (plus a graph
 * walk for an arbitrary from/to pair, and a fix set computed for a sink other than ClusterAdmin).
 */
import type { ExposureEntry, SinkSummary } from "@/lib/analysis/analyze";
import type { FixSet } from "@/lib/analysis/fixset";
import type { EscalationPath } from "@/lib/analysis/paths";
import { formatVertexRef, type VertexRef } from "@/lib/analysis/refs";
import { AnalysisMissingError, parseRefParam, hopCausesByPath, snapshotFixes, snapshotPaths } from "@/lib/query/escalation";
import type { Cause } from "@/lib/analysis/cause";
import { analysisStamp, listStoredPaths, loadAnalysis, type Database } from "@/lib/store";
import { groupByPrincipal, namespacesOf, pathMatches, techniquesOf, type EscalationFilter, type PrincipalPaths } from "./escalation-model";
import { pathGraphElements, type GraphElements } from "./graph-elements";
import { Recent } from "@/lib/recent";

/** Principal cards per page: each card is a few KB of HTML, and an L cluster has ~1,300 principals. */
export const PRINCIPALS_PAGE_SIZE = 25;
/** Suggestions in each From/To datalist; any reference can still be typed (200 of each were ~30 KB of an XL page, sent twice). */
export const MAX_SUGGESTIONS = 60;
/** Above this many stored paths the unfiltered page loads only the paths to ClusterAdmin (pick a sink for the rest). */
export const MAX_LOADED_PATHS = 5000;

export interface EscalationView {
  readonly sinks: readonly SinkSummary[];
  readonly critical: ReadonlySet<string>;
  readonly exposure: readonly ExposureEntry[];
  readonly fixes: FixSet | undefined;
  readonly fixesError: string | undefined;
  /** Set when from and/or to were given and valid. */
  readonly pair: { readonly from: VertexRef | undefined; readonly to: VertexRef | undefined } | undefined;
  readonly error: string | undefined;
  /** Set when only the paths to ClusterAdmin were loaded because the snapshot holds too many; the number stored in all. */
  readonly onlyAdminOf: number | undefined;
  readonly totalPaths: number;
  readonly matchingPaths: number;
  /** The principals of the current page. */
  readonly groups: readonly PrincipalPaths[];
  /** Principals matching the filters, over all pages. */
  readonly totalGroups: number;
  /** The typed causes of each hop of the paths on the current page (absent: unknown). */
  readonly hopCauses: ReadonlyMap<EscalationPath, readonly (readonly Cause[])[]>;
  readonly page: number;
  readonly pages: number;
  readonly graph: GraphElements;
  readonly graphLabel: string;
  readonly namespaces: readonly string[];
  readonly techniques: readonly string[];
  /** Datalist suggestions (at most MAX_SUGGESTIONS each: the most severe starts, the sinks). */
  readonly starts: readonly string[];
  readonly targets: readonly string[];
}

/** Distinct start principals, most severe reach first (the order the cards are listed in). */
function startSuggestions(groups: readonly PrincipalPaths[], stored: readonly EscalationPath[]): string[] {
  const seen = new Set(groups.slice(0, MAX_SUGGESTIONS).map((g) => formatVertexRef(g.from)));
  for (const p of stored) {
    if (seen.size >= MAX_SUGGESTIONS) break;
    seen.add(formatVertexRef(p.from));
  }
  return [...seen];
}

/** Recent views by analysis stamp and filter: what the page shows is a function of the two. */
const views = new Recent<EscalationView | undefined>(16);

/**
 * The page's view: grouping, graph and suggestions over the ~6,000 stored paths to cluster admin
 * of an XL snapshot took most of a request, for a view that only changes with the analysis (a
 * re-analysis gets a new stamp) or the filters; the last few are kept.
 */
export function loadEscalationView(db: Database, snapshotId: number, filter: EscalationFilter): EscalationView | undefined {
  const stamp = analysisStamp(db, snapshotId);
  if (stamp === undefined) return undefined;
  return views.getOrMake(`${stamp}|${JSON.stringify(filter)}`, () => computeEscalationView(db, snapshotId, filter));
}

function computeEscalationView(db: Database, snapshotId: number, filter: EscalationFilter): EscalationView | undefined {
  const analysis = loadAnalysis(db, snapshotId);
  if (!analysis) return undefined;
  const critical = new Set(analysis.sinks.filter((s) => s.reason === "critical").map((s) => formatVertexRef(s.sink)));
  // every stored path ends in a sink, so the sinks' reach counts bound the number of rows
  const storedCount = analysis.sinks.reduce((n, s) => n + s.reachedBy, 0);
  const onlyAdminOf = storedCount > MAX_LOADED_PATHS ? storedCount : undefined;
  const stored = onlyAdminOf === undefined ? listStoredPaths(db, snapshotId) : listStoredPaths(db, snapshotId, { to: "ClusterAdmin" });

  const from = parseRefParam(filter.from, "From");
  const to = parseRefParam(filter.to, "To");
  let error: string | undefined;
  let pair: EscalationView["pair"];
  let paths: readonly EscalationPath[] = stored;
  if (!from.ok || !to.ok) {
    error = [from, to].flatMap((r) => (r.ok ? [] : [r.message])).join("; ");
    paths = [];
  } else if (from.ref || to.ref) {
    pair = { from: from.ref, to: to.ref };
    try {
      paths = snapshotPaths(db, snapshotId, { from: from.ref, to: to.ref });
    } catch (e) {
      if (!(e instanceof AnalysisMissingError)) throw e;
      error = e.message;
      paths = [];
    }
  }

  const matching = paths.filter((p) => pathMatches(p, filter, critical));
  const allGroups = groupByPrincipal(matching, critical);
  const pages = Math.max(1, Math.ceil(allGroups.length / PRINCIPALS_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const groups = allGroups.slice((page - 1) * PRINCIPALS_PAGE_SIZE, page * PRINCIPALS_PAGE_SIZE);
  // causes of the shown paths only; the graph is read for them only when a pair query walked it anyway
  const hopCauses = hopCausesByPath(db, snapshotId, groups.flatMap((g) => g.paths), { fromGraph: pair !== undefined });
  const toAdmin = matching.filter((p) => p.to.kind === "ClusterAdmin");
  const graphPaths = pair ? matching : toAdmin;

  let fixes: FixSet | undefined = analysis.fixes;
  let fixesError: string | undefined;
  if (pair?.to && pair.to.kind !== "ClusterAdmin") {
    try {
      fixes = snapshotFixes(db, snapshotId, [pair.to]);
    } catch (e) {
      fixes = undefined;
      fixesError = e instanceof Error ? e.message : String(e);
    }
  }

  return {
    sinks: analysis.sinks,
    critical,
    exposure: analysis.exposure,
    fixes,
    fixesError,
    pair,
    error,
    onlyAdminOf: pair ? undefined : onlyAdminOf,
    totalPaths: paths.length,
    matchingPaths: matching.length,
    groups,
    totalGroups: allGroups.length,
    hopCauses,
    page,
    pages,
    graph: pathGraphElements(graphPaths, 50),
    graphLabel: pair ? "Graph of the paths shown" : "Graph of every path to cluster admin",
    namespaces: namespacesOf(stored),
    techniques: techniquesOf(stored),
    starts: startSuggestions(allGroups, stored),
    targets: ["ClusterAdmin", ...analysis.sinks.filter((s) => s.reachedBy > 0 && s.sink.kind !== "ClusterAdmin").sort((a, b) => b.reachedBy - a.reachedBy).map((s) => formatVertexRef(s.sink))].slice(0, MAX_SUGGESTIONS),
  };
}
