import type { AnalysisResult } from "@/lib/analysis/analyze";
import type { Finding } from "@/lib/analysis/findings";
import type { EscalationGraph } from "@/lib/analysis/graph";
import type { EscalationPath } from "@/lib/analysis/paths";
import { formatVertexRef } from "@/lib/analysis/refs";
import { packJson, unpackJson } from "./packed-json";
import type { RawDatabase } from "./raw-client";

/**
 * Analysis results stored with their snapshot, so pages and `paths --to ClusterAdmin` are instant:
 * findings and shortest paths as indexed rows, the rest (sinks, exposure, fix set, graph) whole and
 * compressed (packed-json.ts: the columns keep their *Json names and hold JSON text in snapshots
 * stored before compression).
 * Replaces any earlier analysis of the same snapshot, in one transaction.
 */
export function saveAnalysis(db: RawDatabase, snapshotId: number, result: AnalysisResult, durationMs: number): void {
  const raw = db.raw;
  const insertFinding = raw.prepare(
    `INSERT INTO Finding (snapshotId, findingId, rule, severity, title, detailJson) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertPath = raw.prepare(`INSERT INTO EscalationPath (snapshotId, fromRef, toRef, hopCount, pathJson) VALUES (?, ?, ?, ?, ?)`);
  raw.transaction(() => {
    raw.prepare(`DELETE FROM Finding WHERE snapshotId = ?`).run(snapshotId);
    raw.prepare(`DELETE FROM EscalationPath WHERE snapshotId = ?`).run(snapshotId);
    raw.prepare(`DELETE FROM SnapshotAnalysis WHERE snapshotId = ?`).run(snapshotId);
    for (const f of result.findings) insertFinding.run(snapshotId, f.id, f.rule, f.severity, f.title, JSON.stringify(f));
    for (const p of result.paths) {
      insertPath.run(snapshotId, formatVertexRef(p.from), formatVertexRef(p.to), p.hops.length, JSON.stringify(p));
    }
    raw
      .prepare(
        `INSERT INTO SnapshotAnalysis (snapshotId, computedAt, durationMs, summaryJson, sinksJson, exposureJson, fixesJson, graphJson) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        snapshotId,
        Date.now(),
        Math.round(durationMs),
        packJson(result.summary),
        packJson(result.sinks),
        packJson(result.exposure),
        packJson(result.fixes),
        packJson(result.graph),
      );
    raw.prepare(`UPDATE Snapshot SET analysisState = 'ready' WHERE id = ?`).run(snapshotId);
  })();
}

/** A packed column as SQLite returns it: JSON text (stored before compression) or the compressed bytes. */
type Packed = string | Uint8Array;

export function markAnalysisFailed(db: RawDatabase, snapshotId: number): void {
  db.raw.prepare(`UPDATE Snapshot SET analysisState = 'failed' WHERE id = ?`).run(snapshotId);
}

export interface StoredAnalysis {
  readonly computedAt: string;
  readonly durationMs: number;
  readonly summary: AnalysisResult["summary"];
  readonly sinks: AnalysisResult["sinks"];
  readonly exposure: AnalysisResult["exposure"];
  readonly fixes: AnalysisResult["fixes"];
}

/** Everything but the graph (which can be large). */
export function loadAnalysis(db: RawDatabase, snapshotId: number): StoredAnalysis | undefined {
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

export function loadGraph(db: RawDatabase, snapshotId: number): EscalationGraph | undefined {
  const row = db.raw.prepare(`SELECT graphJson FROM SnapshotAnalysis WHERE snapshotId = ?`).get(snapshotId) as { graphJson: Packed } | undefined;
  return row ? unpackJson<EscalationGraph>(row.graphJson) : undefined;
}

export function listFindings(db: RawDatabase, snapshotId: number, filter: { severities?: readonly string[]; rule?: string } = {}): Finding[] {
  const clauses = ["snapshotId = ?"];
  const args: unknown[] = [snapshotId];
  if (filter.severities && filter.severities.length > 0) {
    clauses.push(`severity IN (${filter.severities.map(() => "?").join(",")})`);
    args.push(...filter.severities);
  }
  if (filter.rule) {
    clauses.push("rule = ?");
    args.push(filter.rule);
  }
  const rows = db.raw.prepare(`SELECT detailJson FROM Finding WHERE ${clauses.join(" AND ")} ORDER BY id`).all(...args) as { detailJson: string }[];
  return rows.map((row) => JSON.parse(row.detailJson) as Finding);
}

/** Stored shortest paths (one per start → sink), optionally filtered by exact endpoint refs. */
export function listStoredPaths(
  db: RawDatabase,
  snapshotId: number,
  filter: { from?: string; to?: string; maxHops?: number } = {},
): EscalationPath[] {
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
  const rows = db.raw
    .prepare(`SELECT pathJson FROM EscalationPath WHERE ${clauses.join(" AND ")} ORDER BY id`)
    .all(...args) as { pathJson: string }[];
  return rows.map((row) => JSON.parse(row.pathJson) as EscalationPath);
}
