export { openDatabase, closeDatabase } from "./client";
export type { Database_ as Database } from "./client";
export { openRawDatabase } from "./raw-client";
export type { RawDatabase } from "./raw-client";
export { migrateDatabase, MigrationError } from "./migrate";
export { resolveDatabaseFile, userWorkingDirectory, projectRoot } from "./paths";
export { writeSnapshot } from "./write-snapshot";
export type { NewSnapshot, StoredObject, SnapshotSource } from "./write-snapshot";
export { listSnapshots, findSnapshot, parseSnapshotId, deleteSnapshot, countSnapshots } from "./snapshots";
export type { SnapshotSummary } from "./snapshots";
export { AnalysisNotReadyError, analysisStateOf, noLatestReason, reanalyzeCommand, requireReadyAnalysis, toAnalysisState } from "./analysis-state";
export type { AnalysisState } from "./analysis-state";
export { StorageError, storageProblemOf, asStorageError, withStorage } from "./storage-error";
export type { StorageProblem } from "./storage-error";
export { loadClusterObjects, listServiceAccountNames, namespaceMembers, findObject, listObjects, listNamespaces, RBAC_KINDS, collectionOf } from "./cluster";
export type { StoredObjectView, ObjectListItem } from "./cluster";
export { listSubjects, listBindings, listRoles, listPodMounts } from "./subjects";
export type { SubjectListItem, BindingListItem, RoleListItem, PodMountItem } from "./subjects";
export { effectiveServiceAccountName, effectiveAutomount } from "./pod-mounts";
export { saveAnalysis, markAnalysisFailed, loadAnalysis, loadGraph, listFindings, listStoredPaths, analysisStamp, backfillRiskCounts, riskCountsOf } from "./analysis";
export type { StoredAnalysis } from "./analysis";
export { pageRoles, pageBindings, pageSubjects, pagePodMounts, PAGE_SIZE, ROLE_SORTS, BINDING_SORTS, SUBJECT_SORTS, POD_SORTS } from "./pages";
export type { ListSort, SortDirection } from "./list-sort";
export type { ListQuery, Page } from "./pages";
export { listCritical, markCritical, unmarkCritical, CRITICAL_KINDS } from "./critical";
export type { CriticalMark, CriticalKind } from "./critical";
export { listAcceptedRisks, saveAcceptedRisk, deleteAcceptedRisk, replaceAcceptedRisks, listObjectOrigins } from "./accepted";
export type { AcceptedRiskRecord } from "./accepted";
export { loadTrustYaml, saveTrustYaml } from "./trust";
export { bindingsNaming, subjectsOfBinding, findBinding, findRole, bindingsOfRole, podsRunningAs, podsOnNode, findPod, namespaceMembersOfKind, objectKnown, searchObjects, similarNameCandidates } from "./graph";
export type { Limited, NamedRow, BindingRow, PodRow, SearchHit } from "./graph";
export { pageFindings, tallyFindings, FINDINGS_PAGE_SIZE, findingSorts } from "./findings-page";
export type { FindingQuery, FindingTally } from "./findings-page";
export { diffRows } from "./drift";
export type { DriftRows } from "./drift";
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
export type { Dialect, SqlHandle } from "./sql-handle";
