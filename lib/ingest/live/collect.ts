/**
 * The live collector: every kept kind, all namespaces, paginated (`limit` + `continue`), a bounded
 * number of lists in flight, a timeout per request, progress per kind.
 *
 * - 403 (or 404: the API group is not served) on a kind is normal: it is recorded as unreadable
 *   and the other kinds go on. Answers that depend on it say they may be incomplete.
 * - 401, an unreachable server, a TLS error, a timeout: the whole ingest fails with one sentence.
 * - 410 Gone on a `continue` (the token expired while we paged): that kind's list restarts.
 * - Secret `data`/`stringData` are deleted from each item as its page is read; only the key names
 *   reach the engine object (as with files), and never a log or an error message.
 * Objects are validated by the same `normalizeObject` as file ingestion, so a live snapshot and a
 * dump of the same cluster give the same engine objects.
 */

import { createHash, type Hash } from "node:crypto";
import { isObj } from "@/lib/ingest/fields";
import type { IngestIssue } from "@/lib/ingest/issues";
import { normalizeObject } from "@/lib/ingest/normalize";
import { keepLastOfEach } from "@/lib/ingest/dedupe";
import type { ParsedObject, ParseSummary } from "@/lib/ingest/types";
import { KEPT_KINDS } from "@/lib/cluster/objects";
import { failureFromNetworkError, liveFailure, type LiveFailure, type Target } from "./failure";
import { loadKubeConfig, type ConnectOptions } from "./kubeconfig";
import { apiVersionOf, LIVE_RESOURCES, listPath, type LiveResource } from "./resources";
import { makeTransport, RequestAborted, RequestTimeout, type ApiResponse, type Transport } from "./transport";

export const DEFAULT_PAGE_SIZE = 500;
export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_RESTARTS = 3;
const MAX_RETRIES = 3;
const MAX_ISSUES = 50;
const MAX_WARNINGS = 100;

export interface CollectOptions extends ConnectOptions {
  /** Don't list Secrets at all (recorded as unreadable: "skipped: --no-secrets"). */
  readonly noSecrets?: boolean;
  readonly pageSize?: number;
  /** Lists in flight at once. */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly onProgress?: (event: KindProgress) => void;
  readonly signal?: AbortSignal;
  /** Base delay before retrying a 429/5xx (tests shorten it). */
  readonly retryDelayMs?: number;
}

export type KindState = "waiting" | "listing" | "done" | "unreadable";

export interface KindProgress {
  readonly kind: string;
  readonly resource: string;
  readonly state: KindState;
  readonly listed: number;
  /** listed + the server's `remainingItemCount`, when it says. */
  readonly total?: number;
  readonly pages: number;
  readonly restarts: number;
  /** Since this kind's list started (restarts included); 0 while waiting. */
  readonly elapsedMs: number;
  /** For "unreadable": "403", "404", "skipped: --no-secrets". */
  readonly reason?: string;
}

export interface Unreadable {
  /** The resource, as in the issue text: "not readable: secrets (403)". */
  readonly kind: string;
  readonly reason: string;
}

export interface LiveOrigin extends Target {
  readonly version: string;
  /** SHA-256 fingerprint of the CA the kubeconfig trusts for this server ("" when none). */
  readonly caFingerprint: string;
}

export interface LiveStats {
  readonly requests: number;
  /** Most requests in flight at once (bounded by `concurrency`). */
  readonly maxInFlight: number;
  readonly elapsedMs: number;
  readonly bytes: number;
}

export type CollectResult =
  | {
      readonly ok: true;
      readonly objects: readonly ParsedObject[];
      readonly summary: ParseSummary;
      readonly origin: LiveOrigin;
      readonly unreadable: readonly Unreadable[];
      readonly stats: LiveStats;
    }
  | { readonly ok: false; readonly failure: LiveFailure };

class Stop extends Error {
  constructor(readonly failure: LiveFailure) {
    super(failure.message);
  }
}

interface KindResult {
  readonly objects: ParsedObject[];
  readonly hash?: string;
  readonly bytes: number;
  readonly unreadable?: Unreadable;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function collectLive(options: CollectOptions): Promise<CollectResult> {
  const loaded = loadKubeConfig(options);
  if (!loaded.ok) return { ok: false, failure: loaded.failure };
  const target: Target = { context: loaded.config.context, server: loaded.config.server };
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = makeTransport(loaded.config.kubeConfig, target.server, timeoutMs);
  const inner = new AbortController();
  const onOuterAbort = () => inner.abort();
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  const ctx: Ctx = { options, target, transport, signal: inner.signal, started, timeoutMs, issues: [], warnings: [], omittedWarnings: 0 };

  try {
    const version = await readVersion(ctx);
    const resources = LIVE_RESOURCES;
    const results = new Map<LiveResource, KindResult>();
    for (const r of resources) emit(ctx, r, { state: "waiting", listed: 0, pages: 0, restarts: 0 });
    const queue = [...resources];
    // The first failure (in time) is the one reported; it cancels the lists still running.
    let firstError: { readonly error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      try {
        for (let r = queue.shift(); r !== undefined && firstError === undefined; r = queue.shift()) results.set(r, await listKind(ctx, r));
      } catch (error) {
        firstError ??= { error };
        inner.abort();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, resources.length)) }, worker));
    if (firstError !== undefined) throw firstError.error;
    if (ctx.issues.length > 0) {
      throw new Stop(liveFailure("INVALID_OBJECTS", target, `the server returned ${ctx.issues.length === MAX_ISSUES ? "at least " : ""}${ctx.issues.length} object(s) that do not validate; nothing was stored`, ctx.issues));
    }

    // Kinds in KEPT_KINDS order, whatever order the lists finished in.
    let objects: ParsedObject[] = [];
    const unreadable: Unreadable[] = [];
    const overall = createHash("sha256");
    let bytes = 0;
    for (const r of resources) {
      const result = results.get(r);
      if (result === undefined) continue;
      if (result.unreadable) unreadable.push(result.unreadable);
      for (const o of result.objects) objects.push(o);
      overall.update(`${r.resource}:${result.hash ?? "-"}\n`);
      bytes += result.bytes;
    }
    // A list that returns the same object twice: last one wins, as for files.
    const deduped = keepLastOfEach(objects);
    objects = deduped.objects;
    for (const w of deduped.warnings) {
      if (ctx.warnings.length < MAX_WARNINGS) ctx.warnings.push(w);
      else ctx.omittedWarnings++;
    }
    const counts: Record<string, number> = {};
    for (const k of KEPT_KINDS) counts[k] = 0;
    for (const o of objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
    const warnings = ctx.omittedWarnings === 0 ? ctx.warnings : [...ctx.warnings, `… and ${ctx.omittedWarnings} more warnings`];
    return {
      ok: true,
      objects,
      summary: { counts, skipped: [], warnings, sha256: overall.digest("hex"), bytes },
      origin: { ...target, version, caFingerprint: loaded.config.caFingerprint },
      unreadable,
      stats: { requests: transport.requests(), maxInFlight: transport.maxInFlight(), elapsedMs: performance.now() - started, bytes },
    };
  } catch (error) {
    inner.abort();
    if (error instanceof Stop) return { ok: false, failure: error.failure };
    if (options.signal?.aborted) return { ok: false, failure: liveFailure("CANCELLED", target, "the ingest was cancelled") };
    throw error;
  } finally {
    transport.close();
    options.signal?.removeEventListener("abort", onOuterAbort);
  }
}

interface Ctx {
  readonly options: CollectOptions;
  readonly target: Target;
  readonly transport: Transport;
  readonly signal: AbortSignal;
  readonly started: number;
  readonly timeoutMs: number;
  readonly issues: IngestIssue[];
  readonly warnings: string[];
  omittedWarnings: number;
}

/** `since`: when this kind's list started (elapsed is per kind); waiting kinds report 0. */
function emit(ctx: Ctx, r: LiveResource, p: Omit<KindProgress, "kind" | "resource" | "elapsedMs">, since?: number): void {
  const elapsedMs = since === undefined ? 0 : Math.round(performance.now() - since);
  ctx.options.onProgress?.({ kind: r.kind, resource: r.resource, elapsedMs, ...p });
}

/** GET with retries on 429/5xx; network errors and timeouts stop the ingest. */
async function get(ctx: Ctx, path: string): Promise<ApiResponse> {
  for (let attempt = 0; ; attempt++) {
    let response: ApiResponse;
    try {
      response = await ctx.transport.get(path, ctx.signal);
    } catch (error) {
      if (error instanceof RequestTimeout) {
        throw new Stop(liveFailure("TIMEOUT", ctx.target, `GET ${pathOnly(path)} got no complete answer within ${ctx.timeoutMs < 1000 ? `${ctx.timeoutMs} ms` : `${Math.round(ctx.timeoutMs / 1000)} s`}`));
      }
      if (error instanceof RequestAborted || ctx.signal.aborted) throw new Stop(liveFailure("CANCELLED", ctx.target, "the ingest was cancelled"));
      throw new Stop(failureFromNetworkError(error, ctx.target));
    }
    const retryable = response.status === 429 || response.status === 500 || response.status === 502 || response.status === 503 || response.status === 504;
    if (!retryable || attempt >= MAX_RETRIES) return response;
    const base = ctx.options.retryDelayMs ?? 500;
    await sleep(Math.min(10_000, response.retryAfterSeconds !== undefined ? response.retryAfterSeconds * 1000 : base * 2 ** attempt));
  }
}

function pathOnly(path: string): string {
  const q = path.indexOf("?");
  return q < 0 ? path : path.slice(0, q);
}

/**
 * The `reason` of a Kubernetes Status body (an enum such as Forbidden or InternalError), never its
 * `message`: the cluster's own text is not relayed (it can carry names and values the user of this
 * dashboard should not see, and it is not ours to render).
 */
function statusReason(body: Buffer): string | undefined {
  try {
    const status: unknown = JSON.parse(body.toString("utf8"));
    if (isObj(status) && typeof status.reason === "string" && /^[A-Za-z]{1,64}$/.test(status.reason)) return status.reason;
  } catch {
    // not JSON
  }
  return undefined;
}

async function readVersion(ctx: Ctx): Promise<string> {
  const response = await get(ctx, "/version");
  if (response.status === 401) throw new Stop(unauthorized(ctx));
  // Some clusters forbid /version to this user; the lists may still be readable.
  if (response.status === 403 || response.status === 404) return "unknown";
  if (response.status !== 200) throw new Stop(badStatus(ctx, "/version", response));
  try {
    const body: unknown = JSON.parse(response.body.toString("utf8"));
    if (isObj(body) && typeof body.gitVersion === "string") return body.gitVersion;
  } catch {
    // fall through
  }
  throw new Stop(liveFailure("BAD_RESPONSE", ctx.target, "GET /version did not answer like a Kubernetes API server (no gitVersion)"));
}

function unauthorized(ctx: Ctx): LiveFailure {
  return liveFailure("UNAUTHORIZED", ctx.target, "the server rejected the credentials (401 Unauthorized): the token or client certificate is invalid or expired");
}

function badStatus(ctx: Ctx, path: string, response: ApiResponse): LiveFailure {
  const reason = statusReason(response.body);
  return liveFailure("BAD_RESPONSE", ctx.target, `GET ${pathOnly(path)} answered ${response.status}${reason !== undefined ? ` (${reason})` : ""}`);
}

async function listKind(ctx: Ctx, r: LiveResource): Promise<KindResult> {
  const since = performance.now();
  if (r.kind === "Secret" && ctx.options.noSecrets) {
    const reason = "skipped: --no-secrets";
    emit(ctx, r, { state: "unreadable", listed: 0, pages: 0, restarts: 0, reason }, since);
    return { objects: [], bytes: 0, unreadable: { kind: r.resource, reason } };
  }
  const limit = ctx.options.pageSize ?? DEFAULT_PAGE_SIZE;
  const base = listPath(r);
  const apiVersion = apiVersionOf(r);
  let restarts = 0;
  restart: for (;;) {
    const objects: ParsedObject[] = [];
    const hash: Hash = createHash("sha256");
    let bytes = 0;
    let pages = 0;
    let token: string | undefined;
    emit(ctx, r, { state: "listing", listed: 0, pages, restarts }, since);
    const pagePath = (t: string | undefined) => `${base}?limit=${limit}${t !== undefined ? `&continue=${encodeURIComponent(t)}` : ""}`;
    let next: Promise<ApiResponse> | undefined;
    do {
      const path = pagePath(token);
      const response = await (next ?? get(ctx, path));
      next = undefined;
      if (response.status === 401) throw new Stop(unauthorized(ctx));
      if (response.status === 403 || (response.status === 404 && token === undefined)) {
        const reason = String(response.status);
        emit(ctx, r, { state: "unreadable", listed: 0, pages, restarts, reason }, since);
        return { objects: [], bytes: 0, unreadable: { kind: r.resource, reason } };
      }
      if (response.status === 410 && token !== undefined) {
        if (restarts >= MAX_RESTARTS) {
          throw new Stop(liveFailure("BAD_RESPONSE", ctx.target, `the list of ${r.resource} kept expiring (410 Gone) after ${MAX_RESTARTS} restarts`));
        }
        restarts++;
        continue restart;
      }
      if (response.status !== 200) throw new Stop(badStatus(ctx, path, response));
      pages++;
      bytes += response.body.length;
      hash.update(response.body);
      const page = parsePage(ctx, r, path, response.body);
      // Ask for the next page now, so the server works while this one is validated.
      if (page.continueToken !== undefined) {
        next = get(ctx, pagePath(page.continueToken));
        next.catch(() => undefined);
      }
      const items = page.items;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        items[i] = undefined;
        const result = normalizeObject(withTypeMeta(item, apiVersion, r.kind), { file: base, documentIndex: pages, itemIndex: i }, r.kind);
        if (r.kind === "Secret" && isObj(item)) dropSecretValues(item as Record<string, unknown>);
        if (!result.ok) {
          for (const issue of result.issues) if (ctx.issues.length < MAX_ISSUES) ctx.issues.push(issue);
          continue;
        }
        if ("skipped" in result) continue;
        objects.push(result.value);
        for (const w of result.warnings ?? []) {
          if (ctx.warnings.length < MAX_WARNINGS) ctx.warnings.push(w);
          else ctx.omittedWarnings++;
        }
      }
      token = page.continueToken;
      emit(ctx, r, { state: "listing", listed: objects.length, pages, restarts, ...(page.remaining !== undefined && { total: objects.length + page.remaining }) }, since);
    } while (token !== undefined);
    emit(ctx, r, { state: "done", listed: objects.length, total: objects.length, pages, restarts }, since);
    return { objects, hash: hash.digest("hex"), bytes };
  }
}

interface Page {
  readonly items: unknown[];
  readonly continueToken?: string;
  readonly remaining?: number;
}

function parsePage(ctx: Ctx, r: LiveResource, path: string, body: Buffer): Page {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new Stop(liveFailure("BAD_RESPONSE", ctx.target, `GET ${pathOnly(path)} did not return JSON`));
  }
  if (!isObj(parsed) || !(Array.isArray(parsed.items) || parsed.items === null)) {
    throw new Stop(liveFailure("BAD_RESPONSE", ctx.target, `GET ${pathOnly(path)} did not return a ${r.kind}List`));
  }
  const meta = isObj(parsed.metadata) ? parsed.metadata : {};
  const token = typeof meta.continue === "string" && meta.continue !== "" ? meta.continue : undefined;
  const remaining = typeof meta.remainingItemCount === "number" ? meta.remainingItemCount : undefined;
  return {
    items: (parsed.items as unknown[] | null) ?? [],
    ...(token !== undefined && { continueToken: token }),
    ...(remaining !== undefined && { remaining }),
  };
}

/** List items carry no apiVersion/kind; add them first, as `kubectl get -o yaml` does. */
function withTypeMeta(item: unknown, apiVersion: string, kind: string): unknown {
  if (!isObj(item)) return item;
  if (item.apiVersion !== undefined && item.kind !== undefined) return item;
  return { apiVersion, kind, ...item };
}

function dropSecretValues(item: Record<string, unknown>): void {
  delete item.data;
  delete item.stringData;
}
