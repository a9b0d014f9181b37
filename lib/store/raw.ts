/**
 * The store without Prisma (better-sqlite3 alone): what the CLI needs to answer from a stored
 * snapshot. Code that must start fast (the compiled CLI's can-i, who-can, paths…) imports from here,
 * not from the index, so Prisma's client is never loaded for it. Everything here is also exported by
 * the index. Modules that must not load the database driver at all (questions about -f files) import
 * the submodule they need (cluster, paths, analysis, critical): only client, raw-client, migrate and
 * write-snapshot load a driver (better-sqlite3; PostgreSQL's `pg` loads in a worker thread, on use).
 */
export { openRawDatabase } from "./raw-client";
export { migrateDatabase, MigrationError } from "./migrate";
export type { RawDatabase } from "./raw-client";
export { resolveDatabaseFile, userWorkingDirectory, projectRoot } from "./paths";
export { findSnapshot, listSnapshots, parseSnapshotId, deleteSnapshot, countSnapshots } from "./snapshots";
export type { SnapshotSummary } from "./snapshots";
export { loadClusterObjects, listServiceAccountNames, namespaceMembers, RBAC_KINDS, collectionOf } from "./cluster";
export { AnalysisNotReadyError, analysisStateOf, noLatestReason, reanalyzeCommand, requireReadyAnalysis, toAnalysisState } from "./analysis-state";
export type { AnalysisState } from "./analysis-state";
export { StorageError, storageProblemOf, asStorageError, withStorage } from "./storage-error";
export { saveAnalysis, markAnalysisFailed, analysisStamp, loadAnalysis, loadGraph, listFindings, listStoredPaths, backfillRiskCounts } from "./analysis";
export type { StoredAnalysis } from "./analysis";
export { listCritical, markCritical, unmarkCritical, CRITICAL_KINDS } from "./critical";
export type { CriticalMark, CriticalKind } from "./critical";
export {
  clusterIdentity,
  deleteCluster,
  findClusterById,
  findClusterByName,
  listClusterNames,
  listClusterOverview,
  listClusterSnapshots,
  listRuns,
  markIncomplete,
  previousReadySnapshotId,
  readySnapshotIdAt,
  recordRun,
  snapshotsMissingRisk,
  storeDriftSummary,
} from "./clusters";
export { driftCounts } from "./drift";
export type { DriftCounts } from "./drift";
export type { ClusterKind, ClusterOverviewRow, ClusterRef, ClusterSnapshotPoint, ClusterSummary, RiskCounts, RunState, SnapshotRunRecord } from "./clusters";
export { resolveDatabaseLocation, isPostgresUrl, redactPostgresUrl } from "./location";
export type { DatabaseLocation } from "./location";
export { migratePostgres } from "./migrate";
export { openConnection } from "./raw-client";
