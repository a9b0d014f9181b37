import type { RawDatabase } from "./raw-client";

/**
 * Whether a snapshot's escalation analysis is stored. Only `ready` snapshots answer questions that
 * depend on the analysis (paths, findings, fixes, escalations); a `pending` one (analysis running,
 * or its process died) or a `failed` one refuses rather than answering "nothing found".
 */
export type AnalysisState = "pending" | "ready" | "failed";

export function toAnalysisState(value: string): AnalysisState {
  return value === "ready" || value === "failed" ? value : "pending";
}

/** The command that (re-)runs a snapshot's analysis. */
export function reanalyzeCommand(snapshotId: number): string {
  return `rbac-atlas analyze --snapshot ${snapshotId}`;
}

const REASON: Readonly<Record<Exclude<AnalysisState, "ready">, string>> = {
  pending: "has not been completed (still running, or the process stopped before storing it)",
  failed: "failed",
};

/** Asked for something that needs the analysis of a snapshot that has none: CLI exit 2, HTTP 409. */
export class AnalysisNotReadyError extends Error {
  readonly rerun: string;
  constructor(
    readonly snapshotId: number,
    readonly state: Exclude<AnalysisState, "ready">,
  ) {
    const rerun = reanalyzeCommand(snapshotId);
    super(`the escalation analysis of snapshot ${snapshotId} ${REASON[state]}; nothing is answered from it until it is stored: run ${rerun}`);
    this.name = "AnalysisNotReadyError";
    this.rerun = rerun;
  }
}

export function analysisStateOf(db: RawDatabase, snapshotId: number): AnalysisState | undefined {
  const row = db.raw.prepare(`SELECT analysisState FROM Snapshot WHERE id = ?`).get(snapshotId) as { analysisState: string } | undefined;
  return row ? toAnalysisState(row.analysisState) : undefined;
}

/** Throws AnalysisNotReadyError unless the snapshot's analysis is stored. */
export function requireReadyAnalysis(db: RawDatabase, snapshotId: number): void {
  const state = analysisStateOf(db, snapshotId);
  if (state === undefined || state === "ready") return;
  throw new AnalysisNotReadyError(snapshotId, state);
}

/** Why there is no `latest` snapshot: none at all, or only unanalysed ones (named, with the fix). */
export function noLatestReason(db: RawDatabase, cluster?: { readonly id: number; readonly name: string }): string {
  const newest = (
    cluster === undefined
      ? db.raw.prepare(`SELECT "id", "analysisState", "incomplete" FROM "Snapshot" ORDER BY "id" DESC LIMIT 1`).get()
      : db.raw.prepare(`SELECT "id", "analysisState", "incomplete" FROM "Snapshot" WHERE "clusterId" = ? ORDER BY "id" DESC LIMIT 1`).get(cluster.id)
  ) as { id: number; analysisState: string; incomplete: number | boolean } | undefined;
  const where = cluster === undefined ? `in ${db.file}` : `of cluster "${cluster.name}" in ${db.file}`;
  if (!newest) return `no snapshot ${where}: ingest one first (rbac-atlas ingest PATH) or pass -f PATH`;
  const state = toAnalysisState(newest.analysisState);
  if (state === "ready" && newest.incomplete) {
    return `no complete snapshot ${where}: the newest, snapshot ${newest.id}, could not read kinds its cluster's previous snapshot had (see rbac-atlas clusters); pass --snapshot ${newest.id} to read it anyway`;
  }
  return `no analysed snapshot ${where}: the newest, snapshot ${newest.id}, is ${state} (run ${reanalyzeCommand(newest.id)}, or pass --snapshot ${newest.id} for questions that do not need the analysis)`;
}
