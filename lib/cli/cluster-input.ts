import fs from "node:fs";
import path from "node:path";
import { parseSources, readSourcePaths, toClusterObjects, formatIssue, maxBytesFromEnv } from "@/lib/ingest";
import { parseTrustFile, TrustFileError } from "@/lib/ingest/trust-file";
import type { TrustSpec } from "@/lib/analysis/trust";
import { userWorkingDirectory } from "@/lib/store";
import type { ClusterObjects, KeptKind } from "@/lib/rbac/objects";
import { findSnapshot, loadClusterObjects, openDatabase, parseSnapshotId } from "@/lib/store";
import { UsageError } from "./args";
import type { CliIO } from "./io";

export interface ClusterInput {
  readonly cluster: ClusterObjects;
  /** "snapshot 3 (demo)" or "2 files" — for human output. */
  readonly label: string;
  readonly snapshotId?: number;
  /** Kinds the snapshot could not read (live clusters): answers depending on them may be incomplete. */
  readonly unreadable: readonly { readonly kind: string; readonly reason: string }[];
  /** `--trust FILE`, parsed (v2 §2.9). */
  readonly trust?: TrustSpec;
}

/** Reads and validates `--trust FILE`; a bad file is an InputError (exit 2) naming the file and entry. */
export function loadTrustFile(file: string | undefined): TrustSpec | undefined {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(userWorkingDirectory(), file), "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read the trust file: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseTrustFile(text, file);
  } catch (error) {
    if (error instanceof TrustFileError) throw new InputError(error.message);
    throw error;
  }
}

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/**
 * `-f PATH...` (evaluated in memory, nothing stored) or a stored snapshot (`--snapshot ID`, default
 * the latest, `--db FILE`). Errors are InputError (bad files) or UsageError (bad flags): both exit 2.
 */
export async function loadClusterInput(
  values: { file?: string[] | undefined; snapshot?: string | undefined; db?: string | undefined; trust?: string | undefined },
  io: CliIO,
  kinds?: readonly KeptKind[],
): Promise<ClusterInput> {
  const trust = loadTrustFile(values.trust);
  const input = await loadClusterData(values, io, trust ? undefined : kinds);
  return trust ? { ...input, trust } : input;
}

async function loadClusterData(
  values: { file?: string[] | undefined; snapshot?: string | undefined; db?: string | undefined },
  io: CliIO,
  kinds?: readonly KeptKind[],
): Promise<ClusterInput> {
  if (values.file && values.file.length > 0) {
    if (values.snapshot !== undefined) throw new UsageError("use either -f PATH or --snapshot ID, not both");
    const read = await readSourcePaths(values.file, { maxBytes: maxBytesFromEnv(), stdin: io.readStdin });
    if (!read.ok) throw new InputError(read.issues.map(formatIssue).join("\n"));
    const parsed = parseSources(read.files, { maxBytes: maxBytesFromEnv() });
    if (!parsed.ok) throw new InputError(parsed.issues.map(formatIssue).join("\n"));
    const files = read.files.length;
    return { cluster: toClusterObjects(parsed.objects), label: `${files} file${files === 1 ? "" : "s"}`, unreadable: [] };
  }
  const wanted = parseSnapshotId(values.snapshot ?? "latest");
  if (wanted === undefined) throw new UsageError(`--snapshot expects a snapshot id or "latest", got "${values.snapshot}"`);
  const db = openDatabase(values.db);
  const snapshot = await findSnapshot(db, wanted);
  if (!snapshot) {
    throw new InputError(
      wanted === "latest"
        ? `no snapshot in ${db.file}: ingest one first (rbac-atlas ingest PATH) or pass -f PATH`
        : `snapshot ${wanted} does not exist in ${db.file}`,
    );
  }
  return {
    cluster: loadClusterObjects(db, snapshot.id, kinds),
    label: `snapshot ${snapshot.id} (${snapshot.name})`,
    snapshotId: snapshot.id,
    unreadable: snapshot.unreadable,
  };
}
