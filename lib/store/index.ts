// The whole store: the Prisma-free part (raw.ts, what the fast CLI path imports) plus what only pages,
// the pipeline and writes need. raw.ts is re-exported as a whole so no export is listed twice.
export * from "./raw";
export { openDatabase, closeDatabase } from "./client";
export type { Database_ as Database } from "./client";
export { writeSnapshot } from "./write-snapshot";
export type { NewSnapshot, StoredObject, SnapshotSource } from "./write-snapshot";
export type { StorageProblem } from "./storage-error";
export { findObject, listObjects, listNamespaces } from "./cluster";
export type { StoredObjectView, ObjectListItem } from "./cluster";
export { listSubjects, listBindings, listRoles, listPodMounts } from "./subjects";
export type { SubjectListItem, BindingListItem, RoleListItem, PodMountItem } from "./subjects";
export { effectiveServiceAccountName, effectiveAutomount } from "./pod-mounts";
export { riskCountsOf } from "./analysis";
export { pageRoles, pageBindings, pageSubjects, pagePodMounts, PAGE_SIZE, ROLE_SORTS, BINDING_SORTS, SUBJECT_SORTS, POD_SORTS } from "./pages";
export type { ListSort, SortDirection } from "./list-sort";
export type { ListQuery, Page } from "./pages";
export { listAcceptedRisks, saveAcceptedRisk, deleteAcceptedRisk, replaceAcceptedRisks, listObjectOrigins } from "./accepted";
export type { AcceptedRiskRecord } from "./accepted";
export { loadTrustYaml, saveTrustYaml } from "./trust";
export { bindingsNaming, subjectsOfBinding, findBinding, findRole, bindingsOfRole, podsRunningAs, podsOnNode, findPod, namespaceMembersOfKind, objectKnown, searchObjects, similarNameCandidates } from "./graph";
export type { Limited, NamedRow, BindingRow, PodRow, SearchHit } from "./graph";
export { STORED_HOPS, hasEscalationVertices, escalationVertexByRef, escalationVerticesById, escalationHops } from "./escalation-vertices";
export type { StoredVertex, StoredHop } from "./escalation-vertices";
export { pageFindings, tallyFindings, FINDINGS_PAGE_SIZE, findingSorts } from "./findings-page";
export type { FindingQuery, FindingTally } from "./findings-page";
export { diffRows } from "./drift";
export type { DriftRows } from "./drift";
export type { Dialect, SqlHandle } from "./sql-handle";
