import type { TrustSpec } from "@/lib/analysis/trust";
import { parseAnalysisSettings, type AnalysisSettings } from "@/lib/query/analysis-settings";
import type { ClusterObjects, KeptKind } from "@/lib/cluster/objects";
import { subjectsConcerning, type Identity } from "@/lib/rbac";
import { loadBindingsConcerning, type ConcerningOptions } from "@/lib/store/rbac-subset";
import type { RawDatabase } from "@/lib/store/raw-client";
import { UsageError } from "./args";
import { InputError } from "./input-error";
import type { CliIO } from "./io";

export interface ClusterInput {
  readonly cluster: ClusterObjects;
  /** "snapshot 3 (demo)" or "2 files" — for human output. */
  readonly label: string;
  readonly snapshotId?: number;
  /** Kinds the snapshot could not read (live clusters): answers depending on them may be incomplete. */
  readonly unreadable: readonly { readonly kind: string; readonly reason: string }[];
  /** The open database, for a stored snapshot (questions that read more of it later). */
  readonly store?: { readonly db: RawDatabase; readonly snapshotId: number };
  /** `--trust FILE`, parsed (v2 §2.9). */
  readonly trust?: TrustSpec;
  /** `--setting NAME=VALUE`, parsed (v2 §1.13). */
  readonly settings?: AnalysisSettings;
}

/** Does the input ask for an analysis other than the stored one (a trust file or a setting)? */
export function needsFreshAnalysis(input: ClusterInput): boolean {
  return input.trust !== undefined || input.settings !== undefined;
}

/** The analysis options the input asks for (trust file and settings). */
export function analysisOverrides(input: ClusterInput): AnalysisSettings & { trust?: TrustSpec } {
  return { ...(input.settings ?? {}), ...(input.trust ? { trust: input.trust } : {}) };
}

/** Reads `--setting NAME=VALUE...`; a bad one is a usage error (exit 2). */
export function loadSettings(entries: readonly string[] | undefined): AnalysisSettings | undefined {
  if (!entries || entries.length === 0) return undefined;
  const parsed = parseAnalysisSettings(entries);
  if (!parsed.ok) throw new UsageError(parsed.message);
  return parsed.settings;
}

/**
 * Reads the part of a stored snapshot a question needs, through the store's indexes; undefined when
 * the snapshot cannot be read that way (then the `kinds` are read whole).
 */
export type SnapshotSelector = (db: RawDatabase, snapshotId: number) => ClusterObjects | undefined;

/**
 * For questions about one identity: only the bindings that apply to it (in `scope`, when that is all
 * the question reads) and the roles they name, plus (`lookalikesIn`) the bindings whose subjects only
 * resemble it, which can-i's near misses name.
 */
export function concerningIdentity(identity: Identity, options: ConcerningOptions = {}): SnapshotSelector {
  return (db, snapshotId) => loadBindingsConcerning(db, snapshotId, subjectsConcerning(identity), options);
}

export { InputError };

/**
 * `-f PATH...` (evaluated in memory, nothing stored) or a stored snapshot (`--snapshot ID`, default
 * the latest, `--db FILE`). Errors are InputError (bad files) or UsageError (bad flags): both exit 2.
 */
export async function loadClusterInput(
  values: { file?: string[] | undefined; snapshot?: string | undefined; cluster?: string | undefined; db?: string | undefined; trust?: string | undefined; setting?: string[] | undefined },
  io: CliIO,
  kinds?: readonly KeptKind[],
  select?: SnapshotSelector,
): Promise<ClusterInput> {
  // The trust file's reader (and its YAML parser) is loaded only when one is given.
  const trust = values.trust === undefined ? undefined : (await import("./trust-input")).loadTrustFile(values.trust);
  const settings = loadSettings(values.setting);
  // A trust file or a setting means a fresh analysis, which reads the whole snapshot.
  const fresh = trust !== undefined || settings !== undefined;
  const input = await loadClusterData(values, io, fresh ? undefined : kinds, fresh ? undefined : select);
  return { ...input, ...(trust ? { trust } : {}), ...(settings ? { settings } : {}) };
}

async function loadClusterData(
  values: { file?: string[] | undefined; snapshot?: string | undefined; cluster?: string | undefined; db?: string | undefined },
  io: CliIO,
  kinds?: readonly KeptKind[],
  select?: SnapshotSelector,
): Promise<ClusterInput> {
  if (values.file && values.file.length > 0) {
    if (values.snapshot !== undefined || values.cluster !== undefined) throw new UsageError("use either -f PATH or --snapshot ID/--cluster NAME, not both");
    // Loaded only here: stored-snapshot questions never load the parsers.
    const { parseSources, readSourcePaths, toClusterObjects, formatIssue, maxBytesFromEnv } = await import("@/lib/ingest");
    const read = await readSourcePaths(values.file, { maxBytes: maxBytesFromEnv(), stdin: io.readStdin });
    if (!read.ok) throw new InputError(read.issues.map(formatIssue).join("\n"));
    const parsed = parseSources(read.files, { maxBytes: maxBytesFromEnv() });
    if (!parsed.ok) throw new InputError(parsed.issues.map(formatIssue).join("\n"));
    const files = read.files.length;
    return { cluster: toClusterObjects(parsed.objects), label: `${files} file${files === 1 ? "" : "s"}`, unreadable: [] };
  }
  // Loaded only here: `-f` questions never open SQLite.
  const { loadClusterObjects, openRawDatabase } = await import("@/lib/store/raw");
  const { pickSnapshot } = await import("./cluster-choice");
  const db = openRawDatabase(values.db);
  const snapshot = await pickSnapshot(db, values);
  return {
    cluster: select?.(db, snapshot.id) ?? loadClusterObjects(db, snapshot.id, kinds),
    label: `snapshot ${snapshot.id} (${snapshot.name})`,
    snapshotId: snapshot.id,
    unreadable: snapshot.unreadable,
    store: { db, snapshotId: snapshot.id },
  };
}
