/**
 * Live cluster → snapshot: collect every kept kind (lib/ingest/live), then store it like a file
 * ingest (one transaction). A failure (401, unreachable, TLS, invalid objects) stores nothing.
 *
 * Also the in-process job registry the web Connect page polls: one job per started ingest, holding
 * progress per kind and, at the end, the snapshot id or the failure sentence.
 */

import { collectLive, ProgressBoard, type CollectOptions, type KindProgress, type LiveFailure } from "@/lib/ingest/live";
import type { Database, SnapshotSummary } from "@/lib/store";
import { storeParsed } from "./import-snapshot";

export interface LiveImportOptions extends CollectOptions {
  /** Snapshot name; default the context name. */
  readonly name?: string;
  /** Name of the cluster when it is new; default the context name (an existing cluster keeps its name). */
  readonly cluster?: string;
}

export type LiveImportResult =
  | {
      readonly ok: true;
      readonly snapshot: SnapshotSummary;
      readonly requests: number;
      /** Reading the cluster and storing the snapshot. */
      readonly elapsedMs: number;
      /** The snapshot is stored; only its escalation analysis failed (our bug, see storeParsed). */
      readonly analysisError?: string;
    }
  | { readonly ok: false; readonly failure: LiveFailure };

export async function importLive(db: Database, options: LiveImportOptions): Promise<LiveImportResult> {
  const started = performance.now();
  const collected = await collectLive(options);
  if (!collected.ok) return { ok: false, failure: collected.failure };
  const { origin } = collected;
  const stored = await storeParsed(db, collected.objects, collected.summary, {
    name: options.name ?? origin.context,
    source: "live",
    // Where it came from, never how we authenticated.
    origin: { server: origin.server, context: origin.context, version: origin.version, caFingerprint: origin.caFingerprint },
    unreadable: collected.unreadable,
    cluster: { kind: "live", name: options.cluster ?? origin.context, server: origin.server, caFingerprint: origin.caFingerprint },
  });
  if (!stored.ok) throw new Error("storing a validated live snapshot failed");
  return {
    ok: true,
    snapshot: stored.snapshot,
    requests: collected.stats.requests,
    elapsedMs: performance.now() - started,
    ...(stored.analysisError !== undefined && { analysisError: stored.analysisError }),
  };
}

// ---------------------------------------------------------------------------------------------
// Jobs (the web page starts one and polls it)

export type LiveJobState = "running" | "done" | "failed";

/** Plain data, safe to send to the browser: no credentials, no object contents. */
export interface LiveJob {
  readonly id: string;
  readonly context: string;
  readonly state: LiveJobState;
  readonly startedAt: string;
  readonly elapsedMs: number;
  readonly kinds: readonly KindProgress[];
  readonly snapshotId?: number;
  readonly error?: string;
}

interface JobRecord {
  readonly id: string;
  readonly context: string;
  readonly started: number;
  readonly board: ProgressBoard;
  state: LiveJobState;
  finished?: number;
  snapshotId?: number;
  error?: string;
}

const MAX_KEPT_JOBS = 20;
const registry: Map<string, JobRecord> = ((globalThis as { __rbacAtlasLiveJobs?: Map<string, JobRecord> }).__rbacAtlasLiveJobs ??= new Map());
let sequence = 0;

function view(job: JobRecord): LiveJob {
  const end = job.finished ?? Date.now();
  return {
    id: job.id,
    context: job.context,
    state: job.state,
    startedAt: new Date(job.started).toISOString(),
    elapsedMs: end - job.started,
    kinds: job.board.all(),
    ...(job.snapshotId !== undefined && { snapshotId: job.snapshotId }),
    ...(job.error !== undefined && { error: job.error }),
  };
}

/**
 * Starts an ingest of one context in the background and returns its job at once. A context that
 * already has a running job gets that job back (a double click does not read the cluster twice).
 */
export function startLiveJob(db: Database, options: LiveImportOptions & { readonly context: string }): LiveJob {
  for (const job of registry.values()) if (job.context === options.context && job.state === "running") return view(job);
  const id = `${Date.now().toString(36)}-${(++sequence).toString(36)}`;
  const job: JobRecord = { id, context: options.context, started: Date.now(), board: new ProgressBoard(), state: "running" };
  registry.set(id, job);
  while (registry.size > MAX_KEPT_JOBS) {
    const oldest = [...registry.values()].find((j) => j.state !== "running");
    if (oldest === undefined) break;
    registry.delete(oldest.id);
  }
  importLive(db, { ...options, onProgress: (event) => job.board.update(event) })
    .then((result) => {
      if (result.ok) {
        job.snapshotId = result.snapshot.id;
        job.state = "done";
      } else {
        job.error = result.failure.message;
        job.state = "failed";
      }
    })
    .catch((error: unknown) => {
      job.error = `cannot ingest from context "${options.context}": ${error instanceof Error ? error.message : String(error)}`;
      job.state = "failed";
    })
    .finally(() => {
      job.finished = Date.now();
    });
  return view(job);
}

export function getLiveJob(id: string): LiveJob | undefined {
  const job = registry.get(id);
  return job === undefined ? undefined : view(job);
}
