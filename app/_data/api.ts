import { isEmptyIdentity } from "@/lib/rbac";
import { ConfigError } from "@/lib/ingest/limits";
import { AnalysisNotReadyError, StorageError, findSnapshot, noLatestReason, parseSnapshotId, type SnapshotSummary } from "@/lib/store";
import { compiledSnapshot, type CompiledSnapshot } from "@/lib/query/compiled-cache";
import { db } from "./db";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function badRequest(message: string): never {
  throw new ApiError(400, message);
}

/** `{id|latest}` → the snapshot, or a 400/404 ApiError. */
export async function snapshotFor(segment: string): Promise<SnapshotSummary> {
  // Next has already decoded the segment once; ids and "latest" need no more decoding.
  const id = parseSnapshotId(segment);
  if (id === undefined) throw new ApiError(400, `snapshot must be a positive id or "latest", got ${JSON.stringify(segment.slice(0, 40))}`);
  const snapshot = await findSnapshot(db(), id);
  if (!snapshot) throw new ApiError(404, id === "latest" ? noLatestReason(db()) : `snapshot ${id} not found`);
  return snapshot;
}

/** `{id|latest}` → the snapshot and its compiled policy. */
export async function compiledFor(segment: string): Promise<{ snapshot: SnapshotSummary; compiled: CompiledSnapshot }> {
  const snapshot = await snapshotFor(segment);
  return { snapshot, compiled: compiledSnapshot(db(), snapshot.id) };
}

/** Route handler wrapper: ApiError → its status with `{error}`; anything else → 500. */
export function handle(fn: () => Promise<Response>): Promise<Response> {
  return fn().catch((error: unknown) => {
    if (error instanceof ApiError) return Response.json({ error: error.message }, { status: error.status });
    if (error instanceof ConfigError) {
      // The server's own configuration (an environment variable): say which, not "internal error".
      return Response.json({ error: error.message }, { status: 500 });
    }
    if (error instanceof StorageError) {
      return Response.json({ error: error.message, problem: error.problem }, { status: error.problem === "DISK_FULL" ? 507 : 503 });
    }
    if (error instanceof AnalysisNotReadyError) {
      return Response.json({ error: error.message, snapshot: error.snapshotId, analysisState: error.state, rerun: error.rerun }, { status: 409 });
    }
    console.error(error);
    return Response.json({ error: "internal error" }, { status: 500 });
  });
}

export function identityParams(query: URLSearchParams): { user: string; groups: string[]; exactGroups: boolean } {
  const user = query.get("as") ?? query.get("user") ?? "";
  const groups = [...query.getAll("group"), ...query.getAll("as-group")];
  // An empty name with groups is a group-only identity, which the authorizer evaluates.
  if (isEmptyIdentity(user, groups)) badRequest('the "as" parameter (user name) or a "group" is required');
  const exact = query.get("exactGroups") ?? query.get("exact-groups");
  if (exact !== null && exact !== "true" && exact !== "false") badRequest('"exactGroups" must be true or false');
  return { user, groups, exactGroups: exact === "true" };
}
