/**
 * Clusters: every snapshot belongs to one, and a cluster's default snapshot is its newest *ready*
 * one (a pending, failed or partial ingest is only ever reached by its id). Scheduled runs are kept
 * per cluster, failures included, so a cluster that stopped answering is visible.
 *
 * SQL here is portable (quoted identifiers, no SQLite-only functions) so it runs on PostgreSQL too.
 */
import { timestampParam, type Dialect, type SqlHandle } from "./sql-handle";
import type { RawDatabase } from "./raw-client";
import { withStorage } from "./storage-error";
import { driftCounts, type DriftCounts } from "./drift";
import { DEFAULT_ELIGIBLE, deleteSnapshot } from "./snapshots";

export type ClusterKind = "live" | "files" | "demo";


/** Who a snapshot is of: a live API server (URL + CA fingerprint), or a name for files and the demo. */
export type ClusterRef =
  | { readonly kind: "live"; readonly name: string; readonly server: string; readonly caFingerprint: string }
  | { readonly kind: "files" | "demo"; readonly name: string };

/** Headline risk of one analysed snapshot: control plane excluded (v2 §1.11). */
export interface RiskCounts {
  /** Principals (control plane excluded) with an escalation path to cluster-admin: one shortest path each. */
  readonly pathsToClusterAdmin: number;
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
}

/** A live cluster whose server is not known (its kubeconfig did not load) is known by name until an ingest reads it. */
export function clusterIdentity(ref: ClusterRef): string {
  return ref.kind === "live" && ref.server !== "" ? `live:${ref.server}#${ref.caFingerprint}` : `name:${ref.name}`;
}

interface ClusterRow {
  id: number;
  name: string;
  identity: string;
  kind: string;
  server: string;
  caFingerprint: string;
}

const CLUSTER_COLUMNS = `"id", "name", "identity", "kind", "server", "caFingerprint"`;

/**
 * The id of the cluster `ref` names, created when new. A live cluster first stored by name (before
 * clusters existed, or when its kubeconfig could not be read) is adopted by the first ingest that
 * knows its server and CA. Call inside the transaction that writes the snapshot.
 */
export function resolveCluster(raw: SqlHandle, dialect: Dialect, ref: ClusterRef): number {
  const identity = clusterIdentity(ref);
  if (ref.kind !== "live") {
    // Files and the demo name their cluster: whatever cluster has that name (a live one too) is it.
    const named = raw.prepare(`SELECT "id" FROM "Cluster" WHERE "name" = ?`).get(ref.name) as { id: number } | undefined;
    if (named) return named.id;
  }
  const known = raw.prepare(`SELECT "id" FROM "Cluster" WHERE "identity" = ?`).get(identity) as { id: number } | undefined;
  if (known) return known.id;
  if (ref.kind === "live" && ref.server !== "") {
    const named = raw.prepare(`SELECT ${CLUSTER_COLUMNS} FROM "Cluster" WHERE "name" = ?`).get(ref.name) as ClusterRow | undefined;
    if (named && named.identity === `name:${named.name}` && named.kind === "live") {
      raw.prepare(`UPDATE "Cluster" SET "identity" = ?, "server" = ?, "caFingerprint" = ? WHERE "id" = ?`).run(identity, ref.server, ref.caFingerprint, named.id);
      return named.id;
    }
  }
  const name = freeName(raw, ref.name);
  const server = ref.kind === "live" ? ref.server : "";
  const caFingerprint = ref.kind === "live" ? ref.caFingerprint : "";
  raw
    .prepare(`INSERT INTO "Cluster" ("name", "identity", "kind", "server", "caFingerprint", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`)
    .run(name, identity, ref.kind, server, caFingerprint, timestampParam(dialect, Date.now()));
  return (raw.prepare(`SELECT "id" FROM "Cluster" WHERE "identity" = ?`).get(identity) as { id: number }).id;
}

/** Two clusters behind one context name (a rebuilt cluster, another CA) get "name (2)", "name (3)"… */
function freeName(raw: SqlHandle, wanted: string): string {
  const taken = (name: string) => raw.prepare(`SELECT 1 AS "x" FROM "Cluster" WHERE "name" = ?`).get(name) !== undefined;
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken(`${wanted} (${n})`)) return `${wanted} (${n})`;
}

/** Stored with the analysis (same transaction): what the overview and the timeline read. */
export function saveRiskCounts(raw: SqlHandle, snapshotId: number, risk: RiskCounts | null): void {
  raw
    .prepare(`UPDATE "Snapshot" SET "riskAdminPrincipals" = ?, "riskCritical" = ?, "riskHigh" = ?, "riskMedium" = ?, "riskLow" = ? WHERE "id" = ?`)
    .run(risk?.pathsToClusterAdmin ?? null, risk?.critical ?? null, risk?.high ?? null, risk?.medium ?? null, risk?.low ?? null, snapshotId);
}

export interface ClusterSummary {
  readonly id: number;
  readonly name: string;
  readonly kind: ClusterKind;
  /** API server URL (live clusters), else "". */
  readonly server: string;
  /** SHA-256 fingerprint of the API server's CA certificate (live clusters), else "". */
  readonly caFingerprint: string;
}

function toCluster(row: ClusterRow): ClusterSummary {
  return { id: row.id, name: row.name, kind: toKind(row.kind), server: row.server, caFingerprint: row.caFingerprint };
}

function toKind(value: string): ClusterKind {
  return value === "live" || value === "demo" ? value : "files";
}

export function findClusterByName(db: RawDatabase, name: string): ClusterSummary | undefined {
  const row = db.raw.prepare(`SELECT ${CLUSTER_COLUMNS} FROM "Cluster" WHERE "name" = ?`).get(name) as ClusterRow | undefined;
  return row ? toCluster(row) : undefined;
}

export function findClusterById(db: RawDatabase, id: number): ClusterSummary | undefined {
  const row = db.raw.prepare(`SELECT ${CLUSTER_COLUMNS} FROM "Cluster" WHERE "id" = ?`).get(id) as ClusterRow | undefined;
  return row ? toCluster(row) : undefined;
}

export function listClusterNames(db: RawDatabase): string[] {
  return (db.raw.prepare(`SELECT "name" FROM "Cluster" ORDER BY "name"`).all() as { name: string }[]).map((r) => r.name);
}

export type RunState = "running" | "ok" | "partial" | "failed";

export interface SnapshotRunRecord {
  readonly id: number;
  readonly clusterId: number;
  readonly context: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly state: RunState;
  readonly snapshotId: number | null;
  readonly error: string;
}

interface RunRow {
  id: number;
  clusterId: number;
  context: string;
  startedAt: number | string;
  finishedAt: number | string | null;
  state: string;
  snapshotId: number | null;
  error: string;
}

function toRun(row: RunRow): SnapshotRunRecord {
  const state = row.state === "ok" || row.state === "partial" || row.state === "failed" ? row.state : "running";
  return {
    id: row.id,
    clusterId: row.clusterId,
    context: row.context,
    startedAt: new Date(row.startedAt).toISOString(),
    finishedAt: row.finishedAt === null ? null : new Date(row.finishedAt).toISOString(),
    state,
    snapshotId: row.snapshotId,
    error: row.error,
  };
}

/** Records a run's outcome (a run is written once, when it ends: a killed run leaves no row claiming to be running). */
export function recordRun(
  db: RawDatabase,
  run: { readonly cluster: ClusterRef; readonly context: string; readonly startedAt: number; readonly finishedAt: number; readonly state: Exclude<RunState, "running">; readonly snapshotId?: number; readonly error?: string },
): SnapshotRunRecord {
  return withStorage(db.file, () =>
    db.raw.transaction(() => {
      const clusterId = resolveCluster(db.raw, db.dialect, run.cluster);
      const inserted = db.raw
        .prepare(`INSERT INTO "SnapshotRun" ("clusterId", "context", "startedAt", "finishedAt", "state", "snapshotId", "error") VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(clusterId, run.context, timestampParam(db.dialect, run.startedAt), timestampParam(db.dialect, run.finishedAt), run.state, run.snapshotId ?? null, run.error ?? "");
      // Read once, right after the INSERT: on PostgreSQL it is only known until the next statement.
      const runId = Number(inserted.lastInsertRowid);
      // Runs are a log, not history: keep the last few hundred per cluster.
      db.raw.prepare(`DELETE FROM "SnapshotRun" WHERE "clusterId" = ? AND "id" <= ?`).run(clusterId, runId - MAX_RUNS_KEPT);
      const row = db.raw.prepare(`SELECT * FROM "SnapshotRun" WHERE "id" = ?`).get(runId) as RunRow;
      return toRun(row);
    })(),
  );
}

const MAX_RUNS_KEPT = 500;

export function listRuns(db: RawDatabase, clusterId: number, limit = 50): SnapshotRunRecord[] {
  const rows = db.raw.prepare(`SELECT * FROM "SnapshotRun" WHERE "clusterId" = ? ORDER BY "id" DESC LIMIT ?`).all(clusterId, limit) as RunRow[];
  return rows.map(toRun);
}

/** One snapshot of a cluster's history, with its stored risk counts (null unless analysed). */
export interface ClusterSnapshotPoint {
  readonly id: number;
  readonly name: string;
  readonly createdAt: string;
  readonly analysisState: "pending" | "ready" | "failed";
  /** Marked by a scheduled run that could not read everything the previous snapshot had: never the default. */
  readonly incomplete: boolean;
  readonly risk: RiskCounts | null;
  /** What changed since the cluster's previous analysed snapshot (stored after the analysis), null when first or not analysed. */
  readonly drift: DriftCounts | null;
}

interface PointRow {
  id: number;
  name: string;
  createdAt: number | string;
  analysisState: string;
  riskAdminPrincipals: number | null;
  riskCritical: number | null;
  riskHigh: number | null;
  riskMedium: number | null;
  riskLow: number | null;
  driftJson: string | null;
  incomplete: number | boolean;
}

function riskOf(row: Pick<PointRow, "riskAdminPrincipals" | "riskCritical" | "riskHigh" | "riskMedium" | "riskLow">): RiskCounts | null {
  if (row.riskAdminPrincipals === null || row.riskCritical === null || row.riskHigh === null || row.riskMedium === null || row.riskLow === null) return null;
  return { pathsToClusterAdmin: row.riskAdminPrincipals, critical: row.riskCritical, high: row.riskHigh, medium: row.riskMedium, low: row.riskLow };
}

const POINT_COLUMNS = `"id", "name", "createdAt", "analysisState", "riskAdminPrincipals", "riskCritical", "riskHigh", "riskMedium", "riskLow", "driftJson", "incomplete"`;

/** Every snapshot of a cluster, newest first. */
export function listClusterSnapshots(db: RawDatabase, clusterId: number): ClusterSnapshotPoint[] {
  const rows = db.raw.prepare(`SELECT ${POINT_COLUMNS} FROM "Snapshot" WHERE "clusterId" = ? ORDER BY "id" DESC`).all(clusterId) as PointRow[];
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: new Date(row.createdAt).toISOString(),
    analysisState: row.analysisState === "ready" || row.analysisState === "failed" ? row.analysisState : "pending",
    incomplete: Boolean(row.incomplete),
    risk: riskOf(row),
    drift: row.driftJson === null || row.analysisState !== "ready" ? null : (JSON.parse(row.driftJson) as DriftCounts),
  }));
}

/**
 * Stores what changed since the cluster's previous analysed snapshot (paths, grants, findings
 * counted), so the history shows drift per snapshot without diffing on every view. Call once the
 * snapshot's analysis is stored.
 */
export function storeDriftSummary(db: RawDatabase, snapshotId: number): DriftCounts | null {
  const row = db.raw.prepare(`SELECT "clusterId" FROM "Snapshot" WHERE "id" = ?`).get(snapshotId) as { clusterId: number | null } | undefined;
  const previous = row?.clusterId == null ? undefined : previousReadySnapshotId(db, row.clusterId, snapshotId);
  const drift = previous === undefined ? null : driftCounts(db, previous, snapshotId);
  withStorage(db.file, () => db.raw.prepare(`UPDATE "Snapshot" SET "driftJson" = ? WHERE "id" = ?`).run(drift === null ? null : JSON.stringify(drift), snapshotId));
  return drift;
}

/** A scheduled run read less than the cluster's previous snapshot had: keep it, but never as a default. */
export function markIncomplete(db: RawDatabase, snapshotId: number): void {
  withStorage(db.file, () => db.raw.prepare(`UPDATE "Snapshot" SET "incomplete" = ? WHERE "id" = ?`).run(1, snapshotId));
}

/** Ready snapshots whose risk counts are missing (analysed before the counts were stored). */
export function snapshotsMissingRisk(db: RawDatabase): number[] {
  return (
    db.raw.prepare(`SELECT "id" FROM "Snapshot" WHERE "analysisState" = 'ready' AND "riskAdminPrincipals" IS NULL ORDER BY "id"`).all() as { id: number }[]
  ).map((r) => r.id);
}

export interface ClusterOverviewRow extends ClusterSummary {
  /** The default snapshot: the newest ready one; null when the cluster has none. */
  readonly snapshot: { readonly id: number; readonly name: string; readonly createdAt: string } | null;
  readonly risk: RiskCounts | null;
  readonly snapshots: number;
  readonly lastRun: Pick<SnapshotRunRecord, "state" | "startedAt" | "finishedAt" | "error" | "snapshotId"> | null;
}

interface OverviewRow extends ClusterRow, Omit<PointRow, "id" | "name" | "createdAt" | "analysisState" | "driftJson" | "incomplete"> {
  snapshotId: number | null;
  snapshotName: string | null;
  snapshotCreatedAt: number | string | null;
  snapshotCount: number;
  runState: string | null;
  runStartedAt: number | string | null;
  runFinishedAt: number | string | null;
  runError: string | null;
  runSnapshotId: number | null;
}

/**
 * Every cluster with its default snapshot's stored risk counts and its last run, in three indexed
 * queries (no analysis is read): cheap at hundreds of clusters.
 */
export function listClusterOverview(db: RawDatabase): ClusterOverviewRow[] {
  const rows = db.raw
    .prepare(
      `SELECT c."id", c."name", c."identity", c."kind", c."server", c."caFingerprint",
              s."id" AS "snapshotId", s."name" AS "snapshotName", s."createdAt" AS "snapshotCreatedAt",
              s."riskAdminPrincipals", s."riskCritical", s."riskHigh", s."riskMedium", s."riskLow",
              (SELECT count(*) FROM "Snapshot" n WHERE n."clusterId" = c."id") AS "snapshotCount",
              r."state" AS "runState", r."startedAt" AS "runStartedAt", r."finishedAt" AS "runFinishedAt", r."error" AS "runError", r."snapshotId" AS "runSnapshotId"
       FROM "Cluster" c
       LEFT JOIN "Snapshot" s ON s."id" = (SELECT max(x."id") FROM "Snapshot" x WHERE x."clusterId" = c."id" AND x."analysisState" = 'ready' AND NOT x."incomplete")
       LEFT JOIN "SnapshotRun" r ON r."id" = (SELECT max(y."id") FROM "SnapshotRun" y WHERE y."clusterId" = c."id")`,
    )
    .all() as OverviewRow[];
  return rows.map((row) => ({
    ...toCluster(row),
    snapshot:
      row.snapshotId === null ? null : { id: row.snapshotId, name: row.snapshotName ?? "", createdAt: new Date(row.snapshotCreatedAt ?? 0).toISOString() },
    risk: row.snapshotId === null ? null : riskOf(row),
    snapshots: Number(row.snapshotCount),
    lastRun:
      row.runState === null
        ? null
        : {
            state: toRun({ id: 0, clusterId: row.id, context: "", startedAt: row.runStartedAt ?? 0, finishedAt: row.runFinishedAt, state: row.runState, snapshotId: row.runSnapshotId, error: row.runError ?? "" }).state,
            startedAt: new Date(row.runStartedAt ?? 0).toISOString(),
            finishedAt: row.runFinishedAt === null ? null : new Date(row.runFinishedAt).toISOString(),
            error: row.runError ?? "",
            snapshotId: row.runSnapshotId,
          },
  }));
}

/** The cluster's newest analysed snapshot older than `beforeId` (what a snapshot is compared with). */
export function previousReadySnapshotId(db: RawDatabase, clusterId: number, beforeId: number): number | undefined {
  const row = db.raw
    .prepare(`SELECT max("id") AS "id" FROM "Snapshot" WHERE "clusterId" = ? AND ${DEFAULT_ELIGIBLE} AND "id" < ?`)
    .get(clusterId, beforeId) as { id: number | null } | undefined;
  return row?.id ?? undefined;
}

/** The cluster's newest analysed snapshot taken at or before `at` ("the state yesterday"). */
export function readySnapshotIdAt(db: RawDatabase, clusterId: number, at: Date): number | undefined {
  const row = db.raw
    .prepare(`SELECT max("id") AS "id" FROM "Snapshot" WHERE "clusterId" = ? AND ${DEFAULT_ELIGIBLE} AND "createdAt" <= ?`)
    .get(clusterId, timestampParam(db.dialect, at.getTime())) as { id: number | null } | undefined;
  return row?.id ?? undefined;
}

/** Forgets a cluster: its snapshots (with everything stored with them), its runs, and itself. */
export async function deleteCluster(db: RawDatabase, clusterId: number): Promise<number> {
  const ids = (db.raw.prepare(`SELECT "id" FROM "Snapshot" WHERE "clusterId" = ? ORDER BY "id"`).all(clusterId) as { id: number }[]).map((r) => r.id);
  for (const id of ids) await deleteSnapshot(db, id);
  withStorage(db.file, () =>
    db.raw.transaction(() => {
      db.raw.prepare(`DELETE FROM "SnapshotRun" WHERE "clusterId" = ?`).run(clusterId);
      db.raw.prepare(`DELETE FROM "Cluster" WHERE "id" = ?`).run(clusterId);
    })(),
  );
  return ids.length;
}
