/**
 * lib/ingest/live — the live-cluster collector (kubeconfig or in-cluster, through
 * @kubernetes/client-node). Produces the same ParsedObjects as file ingestion; never touches the
 * database (lib/pipeline/import-live.ts stores the result).
 */

export { collectLive, DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS } from "./collect";
export { loadKubeConfig, listContexts, defaultKubeconfigFiles, IN_CLUSTER_CONTEXT } from "./kubeconfig";
export { LIVE_RESOURCES, listPath, apiVersionOf, findLiveResource } from "./resources";
export { liveFailure } from "./failure";
export { formatProgressLine, ProgressBoard, progressPrinter } from "./progress";
export type { ProgressPrinter } from "./progress";

export type { CollectOptions, CollectResult, KindProgress, KindState, LiveOrigin, LiveStats, Unreadable } from "./collect";
export type { ConnectOptions, ContextInfo, ContextList, LoadedConfig } from "./kubeconfig";
export type { LiveResource } from "./resources";
export type { LiveFailure, LiveFailureCode } from "./failure";
