/**
 * Scheduled snapshots: read each target cluster with the live ingest, record the run per cluster
 * (ok, partial or failed), then apply retention to that cluster. A failed run stores nothing; a
 * partial one is stored but either its analysis failed (never `ready`) or it could not read kinds
 * the previous snapshot had (marked incomplete): neither ever replaces the cluster's last good
 * snapshot as its default. Used by `rbac-atlas schedule` (a CronJob) and `serve --every`.
 */
import { loadKubeConfig } from "@/lib/ingest/live";
import type { CollectOptions, KindProgress } from "@/lib/ingest/live";
import {
  deleteSnapshot,
  findClusterById,
  findClusterByName,
  findSnapshot,
  markIncomplete,
  previousReadySnapshotId,
  listClusterSnapshots,
  recordRun,
  type ClusterRef,
  type Database,
  type RunState,
  type SnapshotSummary,
} from "@/lib/store";
import { importLive } from "./import-live";
import { snapshotsToDelete, type RetentionPolicy } from "./retention";

export interface ScheduleTarget {
  /** A kubeconfig context; undefined = the kubeconfig's current context (or in-cluster). */
  readonly context?: string;
}

export interface ScheduleOptions extends Pick<CollectOptions, "kubeconfig" | "inCluster" | "inClusterRoot" | "noSecrets" | "timeoutMs" | "retryDelayMs"> {
  readonly targets: readonly ScheduleTarget[];
  /** Cluster name for a new cluster (needed in-cluster, where the context is only "in-cluster"). */
  readonly clusterName?: string;
  readonly retention: RetentionPolicy;
  readonly now?: () => Date;
  readonly onProgress?: (context: string, event: KindProgress) => void;
}

export interface RunOutcome {
  readonly cluster: string;
  readonly context: string;
  readonly state: Exclude<RunState, "running">;
  readonly snapshotId: number | null;
  readonly error: string;
  /** Snapshots retention deleted after this run (ids, oldest first). */
  readonly deleted: readonly number[];
  readonly elapsedMs: number;
}

export async function runScheduledSnapshots(db: Database, options: ScheduleOptions): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  // One cluster at a time: the dashboard shares the machine, and each ingest already runs a few requests in parallel.
  for (const target of options.targets) outcomes.push(await runOne(db, target, options));
  return outcomes;
}

async function runOne(db: Database, target: ScheduleTarget, options: ScheduleOptions): Promise<RunOutcome> {
  const clock = options.now ?? (() => new Date());
  const startedAt = clock().getTime();
  const started = performance.now();
  const connect = {
    ...(options.kubeconfig !== undefined && { kubeconfig: options.kubeconfig }),
    ...(target.context !== undefined && { context: target.context }),
    ...(options.inCluster === true && { inCluster: true }),
    ...(options.inClusterRoot !== undefined && { inClusterRoot: options.inClusterRoot }),
  };
  const cluster = clusterRefOf(db, connect, target, options.clusterName);
  const context = target.context ?? (options.inCluster ? "in-cluster" : cluster.name);
  let state: RunOutcome["state"];
  let snapshotId: number | null = null;
  let error = "";
  try {
    const result = await importLive(db, {
      ...connect,
      name: cluster.name,
      cluster: cluster.name,
      ...(options.noSecrets !== undefined && { noSecrets: options.noSecrets }),
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      ...(options.retryDelayMs !== undefined && { retryDelayMs: options.retryDelayMs }),
      ...(options.onProgress && { onProgress: (event: KindProgress) => options.onProgress?.(context, event) }),
    });
    if (!result.ok) {
      state = "failed";
      error = result.failure.message;
    } else {
      snapshotId = result.snapshot.id;
      const lost = await kindsNoLongerRead(db, result.snapshot);
      if (result.analysisError !== undefined) {
        state = "partial";
        error = `snapshot ${snapshotId} is stored but its escalation analysis failed: ${result.analysisError}`;
      } else if (lost.length > 0) {
        // Read less than last time (a 403 after a change to the reader role, say): answers from it
        // would silently miss objects, so the last complete snapshot stays the default.
        markIncomplete(db, snapshotId);
        state = "partial";
        error = `snapshot ${snapshotId} is incomplete: not readable this time, readable before: ${lost.map((u) => `${u.kind} (${u.reason})`).join(", ")}`;
      } else {
        state = "ok";
      }
    }
  } catch (cause) {
    state = "failed";
    error = `cannot snapshot ${cluster.name}: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
  const run = recordRun(db, { cluster, context, startedAt, finishedAt: clock().getTime(), state, ...(snapshotId !== null && { snapshotId }), error });
  // Only a good run prunes: a streak of failures never eats into the history that is left.
  const deleted = state === "ok" ? await applyRetention(db, run.clusterId, clock(), options.retention) : [];
  return { cluster: findClusterById(db, run.clusterId)?.name ?? cluster.name, context, state, snapshotId, error, deleted, elapsedMs: performance.now() - started };
}

/** Kinds the new snapshot could not read that the cluster's previous default snapshot did read (a --no-secrets skip is a choice, not a loss). */
async function kindsNoLongerRead(db: Database, snapshot: SnapshotSummary): Promise<SnapshotSummary["unreadable"]> {
  const cluster = snapshot.cluster === null ? undefined : findClusterByName(db, snapshot.cluster);
  const previousId = cluster === undefined ? undefined : previousReadySnapshotId(db, cluster.id, snapshot.id);
  const previous = previousId === undefined ? undefined : await findSnapshot(db, previousId);
  if (!previous) return [];
  const unreadableBefore = new Set(previous.unreadable.map((u) => u.kind));
  return snapshot.unreadable.filter((u) => !unreadableBefore.has(u.kind) && !u.reason.startsWith("skipped"));
}

/**
 * The cluster a run belongs to, known before reading it (a failed run must be recorded somewhere):
 * server and CA from the kubeconfig when it loads, else the cluster of that name.
 */
function clusterRefOf(db: Database, connect: Parameters<typeof loadKubeConfig>[0], target: ScheduleTarget, clusterName: string | undefined): ClusterRef {
  const loaded = loadKubeConfig(connect);
  if (loaded.ok) {
    return { kind: "live", name: clusterName ?? loaded.config.context, server: loaded.config.server, caFingerprint: loaded.config.caFingerprint };
  }
  const name = clusterName ?? target.context ?? "in-cluster";
  const existing = findClusterByName(db, name);
  if (existing?.kind === "live" && existing.server !== "") return { kind: "live", name, server: existing.server, caFingerprint: existing.caFingerprint };
  return { kind: "live", name, server: "", caFingerprint: "" };
}

/** Deletes what the retention policy lets go of, for one cluster. */
export async function applyRetention(db: Database, clusterId: number, now: Date, policy: RetentionPolicy): Promise<number[]> {
  const candidates = listClusterSnapshots(db, clusterId).map((s) => ({ id: s.id, createdAt: s.createdAt, ready: s.analysisState === "ready" && !s.incomplete }));
  const doomed = snapshotsToDelete(candidates, now, policy);
  for (const id of doomed) await deleteSnapshot(db, id);
  return doomed;
}

/**
 * Runs `task` now and then every `intervalMs` (measured from the end of a run: runs never overlap),
 * until `signal` aborts. Errors are reported, never fatal: the next tick tries again.
 */
export async function repeatEvery(intervalMs: number, task: () => Promise<void>, signal: AbortSignal, onError: (error: unknown) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      await task();
    } catch (error) {
      onError(error);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }
}
