/** Public surface of lib/analysis (escalation paths, findings, exposure, fix sets). */
export { analyzeCluster, findPaths } from "./analyze";
export { computeFixSet } from "./fixset";
export { compareDefaultRoles, computeFindings } from "./findings";
export { parseVertexRef, formatVertexRef, CLUSTER_ADMIN } from "./refs";
export { buildGraph } from "./graph";
export { AnalysisContext } from "./context";
export { TECHNIQUES } from "./techniques";
export { TECHNIQUE_IDS, CANONICAL_ORDER } from "./catalog";
export { causeKey, causeObject, describeCause, podFieldPath } from "./cause";

export type { AnalysisResult, ExposureEntry, SinkSummary } from "./analyze";
export type { AnalysisOptions, CriticalObject } from "./context";
export type { Finding, FindingObject } from "./findings";
export type { Fix, FixSet, BlastRadiusEntry } from "./fixset";
export type { EscalationGraph, GraphEdge, GraphVertex } from "./graph";
export type { EscalationPath, Hop } from "./paths";
export type { VertexRef, VertexKind, ParseResult } from "./refs";
export type { TechniqueId, Severity } from "./technique";
export type { BindingRef, Cause, PodField, RoleRef } from "./cause";
