import { createHash } from "node:crypto";
import { parseSources, type IngestIssue, type ParsedObject, type ParseSummary, type SourceFile } from "@/lib/ingest";
import { analyzeSnapshot } from "./analyze-snapshot";
import { findSnapshot, StorageError, writeSnapshot, type ClusterRef, type Database, type SnapshotSource, type SnapshotSummary } from "@/lib/store";

export type ImportResult =
  | { readonly ok: true; readonly snapshot: SnapshotSummary; readonly analysisError?: string }
  | { readonly ok: false; readonly issues: readonly IngestIssue[] };

export interface ImportOptions {
  readonly name: string;
  readonly source: SnapshotSource;
  readonly origin?: Readonly<Record<string, unknown>>;
  readonly maxBytes?: number;
  readonly unreadable?: readonly { readonly kind: string; readonly reason: string }[];
  /** The cluster it was read from; default the cluster named like the snapshot. */
  readonly cluster?: ClusterRef;
}

/**
 * The ingest pipeline shared by the CLI, the upload page and the demo loader:
 * parse + validate every file, and only if all of it is valid, store it as one snapshot
 * (one transaction), then analyse it. Bad input stores nothing.
 */
export async function importFiles(db: Database, files: readonly SourceFile[], options: ImportOptions): Promise<ImportResult> {
  const stored = storeFiles(db, files, options);
  if (!stored.ok) return stored;
  return analyzeStored(db, stored.snapshotId);
}

/**
 * The first half of importFiles: parse and store, without the analysis. Parsed objects live only
 * inside this call, so the analysis that follows does not hold them too; a caller that drops the
 * files after it (the CLI: hundreds of MB of text at XL) lets the analysis run without them.
 */
export function storeFiles(db: Database, files: readonly SourceFile[], options: ImportOptions): { ok: true; snapshotId: number } | { ok: false; issues: readonly IngestIssue[] } {
  const parsed = parseSources(files, options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {});
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const snapshotId = writeParsed(db, parsed.objects, parsed.summary, {
    ...options,
    // Per-file hashes let audit reports name exactly which manifests were analysed.
    origin: {
      files: files.map((file) => file.path),
      ...options.origin,
      fileSha256: files.map((file) => createHash("sha256").update(file.content, "utf8").digest("hex")),
    },
  });
  return { ok: true, snapshotId };
}

/** Stores parsed objects as one snapshot, without analysing it. */
export function writeParsed(db: Database, objects: readonly ParsedObject[], summary: ParseSummary, options: ImportOptions): number {
  return writeSnapshot(db, {
    name: options.name,
    source: options.source,
    sha256: summary.sha256,
    inputBytes: summary.bytes,
    counts: summary.counts,
    skipped: summary.skipped,
    warnings: summary.warnings,
    origin: options.origin ?? {},
    unreadable: options.unreadable ?? [],
    ...(options.cluster !== undefined && { cluster: options.cluster }),
    objects,
  });
}

/** Stores objects read elsewhere (a live cluster) as one snapshot, then analyses it. */
export async function storeParsed(
  db: Database,
  objects: readonly ParsedObject[],
  summary: ParseSummary,
  options: ImportOptions,
): Promise<ImportResult> {
  return analyzeStored(db, writeParsed(db, objects, summary, options));
}

/**
 * Analysis results are stored with the snapshot so that pages and path queries are instant.
 * A failing analysis is our bug, not bad input: the snapshot stays, marked "failed".
 */
export async function analyzeStored(db: Database, snapshotId: number): Promise<ImportResult> {
  let analysisError: string | undefined;
  try {
    analyzeSnapshot(db, snapshotId);
  } catch (error) {
    // The database refusing (disk full, read-only) fails the whole ingest; the snapshot is left
    // pending or failed, which is never `latest` and never answered from.
    if (error instanceof StorageError) throw error;
    analysisError = error instanceof Error ? error.message : String(error);
  }
  const snapshot = await findSnapshot(db, snapshotId);
  if (!snapshot) throw new Error(`snapshot ${snapshotId} vanished right after it was written`);
  return analysisError ? { ok: true, snapshot, analysisError } : { ok: true, snapshot };
}
