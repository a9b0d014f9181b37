import type { AnalysisResult } from "@/lib/analysis/analyze";
import type { Finding } from "@/lib/analysis/findings";
import type { EscalationGraph } from "@/lib/analysis/graph";
import { hopCauses, type EscalationPath } from "@/lib/analysis/paths";
import type { Cause } from "@/lib/analysis/cause";
import { formatVertexRef } from "@/lib/analysis/refs";
import { requireReadyAnalysis } from "./analysis-state";
import { packJson, unpackJson } from "./packed-json";
import type { RawDatabase } from "./raw-client";
import { refreshPlannerStatistics, timestampParam } from "./sql-handle";
import { withStorage } from "./storage-error";
import { Recent } from "@/lib/recent";
import { saveRiskCounts, snapshotsMissingRisk, type RiskCounts } from "./clusters";
import { insertEscalationVertices } from "./escalation-vertices";

/**
 * Analysis results stored with their snapshot, so pages and `paths --to ClusterAdmin` are instant:
 * findings and shortest paths as indexed rows, the rest (sinks, exposure, fix set, graph) whole.
 * Replaces any earlier analysis of the same snapshot, in one transaction.
 */
export function saveAnalysis(db: RawDatabase, snapshotId: number, result: AnalysisResult, durationMs: number): void {
  const raw = db.raw;
  const insertFinding = raw.prepare(
    `INSERT INTO Finding (snapshotId, findingId, rule, severity, title, detailJson, namespace, subject, trusted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPath = raw.prepare(`INSERT INTO EscalationPath (snapshotId, fromRef, toRef, hopCount, pathJson, hopCausesJson) VALUES (?, ?, ?, ?, ?, ?)`);
  const save = raw.transaction(() => {
    raw.prepare(`DELETE FROM Finding WHERE snapshotId = ?`).run(snapshotId);
    raw.prepare(`DELETE FROM EscalationPath WHERE snapshotId = ?`).run(snapshotId);
    raw.prepare(`DELETE FROM SnapshotAnalysis WHERE snapshotId = ?`).run(snapshotId);
    raw.prepare(`DELETE FROM EscalationVertex WHERE snapshotId = ?`).run(snapshotId);
    for (const f of result.findings) {
      // the subject columns the findings page filters and sorts by (lib/store/findings-page.ts)
      const subject = f.objects[0];
      insertFinding.run(snapshotId, f.id, f.rule, f.severity, f.title, JSON.stringify(f), subject?.namespace ?? "", subject?.name ?? "", f.trusted ? 1 : 0);
    }
    for (const p of result.paths) {
      // each hop's causes, found in the graph now so that readers of a path never load the graph
      insertPath.run(snapshotId, formatVertexRef(p.from), formatVertexRef(p.to), p.hops.length, JSON.stringify(p), JSON.stringify(hopCauses(result.graph, p)));
    }
    raw
      .prepare(
        `INSERT INTO SnapshotAnalysis (snapshotId, computedAt, durationMs, summaryJson, sinksJson, exposureJson, fixesJson, graphJson) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        snapshotId,
        timestampParam(db.dialect, Date.now()),
        Math.round(durationMs),
        packJson(result.summary, db.dialect),
        packJson(result.sinks, db.dialect),
        packJson(result.exposure, db.dialect),
        packJson(result.fixes, db.dialect),
        packJson(result.graph, db.dialect),
      );
    insertEscalationVertices(raw, db.dialect, snapshotId, result.graph);
    raw.prepare(`UPDATE Snapshot SET analysisState = 'ready' WHERE id = ?`).run(snapshotId);
    saveRiskCounts(raw, snapshotId, riskCountsOf(result));
  });
  withStorage(db.file, () => {
    save();
    refreshPlannerStatistics(db, ["Finding", "EscalationPath", "EscalationVertex"]);
  });
}

/** The overview's headline numbers, as the snapshot overview counts them (control plane excluded). */
export function riskCountsOf(result: Pick<AnalysisResult, "sinks" | "findings">): RiskCounts {
  const open = { Critical: 0, High: 0, Medium: 0, Low: 0 };
  for (const f of result.findings) if (!f.trusted) open[f.severity]++;
  const admin = result.sinks.find((s) => s.sink.kind === "ClusterAdmin");
  return { pathsToClusterAdmin: admin?.reachedBy ?? 0, critical: open.Critical, high: open.High, medium: open.Medium, low: open.Low };
}

/** A failed analysis leaves nothing of an earlier one behind to be read as current. */
export function markAnalysisFailed(db: RawDatabase, snapshotId: number): void {
  const raw = db.raw;
  const mark = raw.transaction(() => {
    for (const table of ["Finding", "EscalationPath", "SnapshotAnalysis", "EscalationVertex"]) raw.prepare(`DELETE FROM ${table} WHERE snapshotId = ?`).run(snapshotId);
    raw.prepare(`UPDATE Snapshot SET analysisState = 'failed' WHERE id = ?`).run(snapshotId);
    saveRiskCounts(raw, snapshotId, null);
  });
  withStorage(db.file, mark);
}

/** A packed column as SQLite returns it: JSON text (stored before compression) or the compressed bytes. */
type Packed = string | Uint8Array;

export interface StoredAnalysis {
  readonly computedAt: string;
  readonly durationMs: number;
  readonly summary: AnalysisResult["summary"];
  readonly sinks: AnalysisResult["sinks"];
  readonly exposure: AnalysisResult["exposure"];
  readonly fixes: AnalysisResult["fixes"];
}

/**
 * Parsed analyses of the last few snapshots read, keyed by when the analysis was computed: on L the
 * fix set alone is 23 MB of JSON and the findings 7,870 rows, and the escalation and findings pages
 * read them on every request. A re-analysis gets a new key, so nothing stale is served.
 */
const MAX_CACHED = 2;
interface ParsedEntry {
  analysis?: StoredAnalysis;
  findings?: Finding[];
  /** Stored paths by filter (the escalation page reads the same ~6,000 paths to ClusterAdmin on every request). */
  paths?: Map<string, EscalationPath[]>;
}
const parsedCache = new Recent<ParsedEntry>(MAX_CACHED);
const MAX_CACHED_PATHS = 20_000;

/** `file#inode#snapshot@computedAt`, or undefined unless the analysis is ready and stored. */
export function analysisStamp(db: RawDatabase, snapshotId: number): string | undefined {
  const row = db.raw
    .prepare(`SELECT a.computedAt AS computedAt FROM Snapshot s JOIN SnapshotAnalysis a ON a.snapshotId = s.id WHERE s.id = ? AND s.analysisState = 'ready'`)
    .get(snapshotId) as { computedAt: number } | undefined;
  return row ? `${db.cacheKey}#${snapshotId}@${row.computedAt}` : undefined;
}

function cached(stamp: string): ParsedEntry {
  return parsedCache.getOrMake(stamp, () => ({}));
}

/** Everything but the graph (which can be large); undefined unless the snapshot's analysis is `ready`. */
export function loadAnalysis(db: RawDatabase, snapshotId: number): StoredAnalysis | undefined {
  const stamp = analysisStamp(db, snapshotId);
  if (stamp === undefined) return undefined;
  const entry = cached(stamp);
  entry.analysis ??= readAnalysis(db, snapshotId);
  return entry.analysis;
}

function readAnalysis(db: RawDatabase, snapshotId: number): StoredAnalysis | undefined {
  const row = db.raw
    .prepare(`SELECT computedAt, durationMs, summaryJson, sinksJson, exposureJson, fixesJson FROM SnapshotAnalysis WHERE snapshotId = ?`)
    .get(snapshotId) as
    | { computedAt: number; durationMs: number; summaryJson: Packed; sinksJson: Packed; exposureJson: Packed; fixesJson: Packed }
    | undefined;
  if (!row) return undefined;
  return {
    computedAt: new Date(row.computedAt).toISOString(),
    durationMs: row.durationMs,
    summary: unpackJson<StoredAnalysis["summary"]>(row.summaryJson),
    sinks: unpackJson<StoredAnalysis["sinks"]>(row.sinksJson),
    exposure: unpackJson<StoredAnalysis["exposure"]>(row.exposureJson),
    fixes: unpackJson<StoredAnalysis["fixes"]>(row.fixesJson),
  };
}

// The readers below throw AnalysisNotReadyError for a pending or failed snapshot: an empty list
// from them would read as "nothing found".

export function loadGraph(db: RawDatabase, snapshotId: number): EscalationGraph | undefined {
  requireReadyAnalysis(db, snapshotId);
  const row = db.raw.prepare(`SELECT graphJson FROM SnapshotAnalysis WHERE snapshotId = ?`).get(snapshotId) as { graphJson: Packed } | undefined;
  if (!row) return undefined;
  const graph = unpackJson<EscalationGraph>(row.graphJson);
  // Graphs stored before causes were typed values index strings instead of `causeTable`: such a
  // graph is treated as absent (readers ask for a re-analysis), never read back from strings.
  return Array.isArray(graph.edges.causeTable) ? graph : undefined;
}

/** Findings in stored order, filtered by severity and rule (the parsed list is cached per analysis). */
export function listFindings(db: RawDatabase, snapshotId: number, filter: { severities?: readonly string[]; rule?: string } = {}): Finding[] {
  requireReadyAnalysis(db, snapshotId);
  const stamp = analysisStamp(db, snapshotId);
  let all: Finding[];
  if (stamp === undefined) {
    all = readFindings(db, snapshotId);
  } else {
    const entry = cached(stamp);
    entry.findings ??= readFindings(db, snapshotId);
    all = entry.findings;
  }
  const severities = filter.severities && filter.severities.length > 0 ? new Set<string>(filter.severities) : undefined;
  if (!severities && !filter.rule) return all.slice();
  return all.filter((f) => (!severities || severities.has(f.severity)) && (!filter.rule || f.rule === filter.rule));
}

function readFindings(db: RawDatabase, snapshotId: number): Finding[] {
  const rows = db.raw.prepare(`SELECT detailJson FROM Finding WHERE snapshotId = ? ORDER BY id`).all(snapshotId) as { detailJson: string }[];
  return rows.map((row) => JSON.parse(row.detailJson) as Finding);
}

/** Stored shortest paths (one per start → sink), optionally filtered by exact endpoint refs. */
export function listStoredPaths(
  db: RawDatabase,
  snapshotId: number,
  filter: { from?: string; to?: string; maxHops?: number } = {},
): EscalationPath[] {
  requireReadyAnalysis(db, snapshotId);
  const clauses = ["snapshotId = ?"];
  const args: unknown[] = [snapshotId];
  if (filter.from) {
    clauses.push("fromRef = ?");
    args.push(filter.from);
  }
  if (filter.to) {
    clauses.push("toRef = ?");
    args.push(filter.to);
  }
  if (filter.maxHops !== undefined) {
    clauses.push("hopCount <= ?");
    args.push(filter.maxHops);
  }
  const read = () =>
    (db.raw.prepare(`SELECT pathJson FROM EscalationPath WHERE ${clauses.join(" AND ")} ORDER BY id`).all(...args) as { pathJson: string }[]).map(
      (row) => JSON.parse(row.pathJson) as EscalationPath,
    );
  const stamp = analysisStamp(db, snapshotId);
  if (stamp === undefined) return read();
  const entry = cached(stamp);
  entry.paths ??= new Map();
  const key = JSON.stringify([filter.from ?? null, filter.to ?? null, filter.maxHops ?? null]);
  let paths = entry.paths.get(key);
  if (!paths) {
    paths = read();
    // a few filters per analysis (the page's unfiltered and per-sink lists): keep the last ones, and
    // never a list too large to keep around (a report reading every path of an XL snapshot)
    if (paths.length > MAX_CACHED_PATHS) return paths;
    if (entry.paths.size >= 8) entry.paths.delete(entry.paths.keys().next().value as string);
    entry.paths.set(key, paths);
  }
  return paths.slice();
}

/**
 * The typed causes of each hop of these stored paths (v2 evidence as data), from the row that holds
 * the same path; undefined for a path not stored as such (a query answered on the graph) or one
 * analysed before causes were kept.
 */
export function storedHopCauses(db: RawDatabase, snapshotId: number, paths: readonly EscalationPath[]): (Cause[][] | undefined)[] {
  const rowsOf = pathRowsReader(db, snapshotId);
  return paths.map((p) => {
    const rows = rowsOf(formatVertexRef(p.from), formatVertexRef(p.to));
    const same = JSON.stringify(p);
    const row = rows.find((r) => r.pathJson === same);
    return row?.hopCausesJson ? (JSON.parse(row.hopCausesJson) as Cause[][]) : undefined;
  });
}

/**
 * Which of these paths (by start and sink) and findings (by id) the snapshot's stored analysis marked
 * as the trusted control plane (v2 §1.11); findings stored before the `trusted` column say it in their JSON.
 */
export function storedTrustMarks(
  db: RawDatabase,
  snapshotId: number,
  paths: readonly { readonly from: string; readonly to: string }[],
  findingIds: readonly string[],
): { readonly paths: ReadonlySet<string>; readonly findings: ReadonlySet<string> } {
  const rowsOf = pathRowsReader(db, snapshotId);
  const findingRow = db.raw.prepare(`SELECT trusted, detailJson FROM Finding WHERE snapshotId = ? AND findingId = ?`);
  const trustedPaths = new Set<string>();
  for (const p of paths) {
    const rows = rowsOf(p.from, p.to);
    if (rows.some((r) => (JSON.parse(r.pathJson) as EscalationPath).trusted === true)) trustedPaths.add(pathMarkKey(p.from, p.to));
  }
  const trustedFindings = new Set<string>();
  for (const id of findingIds) {
    const row = findingRow.get(snapshotId, id) as { trusted: number | null; detailJson: string } | undefined;
    if (row && (row.trusted ?? ((JSON.parse(row.detailJson) as Finding).trusted ? 1 : 0)) === 1) trustedFindings.add(id);
  }
  return { paths: trustedPaths, findings: trustedFindings };
}

/** The stored rows of a snapshot's path from one start to one sink (by their references), read by index. */
function pathRowsReader(db: RawDatabase, snapshotId: number): (from: string, to: string) => { pathJson: string; hopCausesJson: string | null }[] {
  const read = db.raw.prepare(`SELECT pathJson, hopCausesJson FROM EscalationPath WHERE snapshotId = ? AND fromRef = ? AND toRef = ?`);
  return (from, to) => read.all(snapshotId, from, to) as { pathJson: string; hopCausesJson: string | null }[];
}

/** The key `storedTrustMarks` gives a path: its start and sink references. */
export function pathMarkKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/**
 * Stores the risk counts of snapshots analysed before they were kept with the analysis (databases
 * from before clusters existed). Reads each such analysis once; afterwards this is one indexed query.
 */
export function backfillRiskCounts(db: RawDatabase): number {
  const missing = snapshotsMissingRisk(db);
  for (const snapshotId of missing) {
    const analysis = loadAnalysis(db, snapshotId);
    if (!analysis) continue;
    const risk = riskCountsOf({ sinks: analysis.sinks, findings: readFindings(db, snapshotId) });
    withStorage(db.file, () => saveRiskCounts(db.raw, snapshotId, risk));
  }
  return missing.length;
}
