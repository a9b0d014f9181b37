/**
 * Loads what a report needs — from a stored snapshot (its stored analysis) or from files (analysed
 * now, nothing stored) — and builds the report model.
 */
import { createHash } from "node:crypto";
import { formatIssue, maxBytesFromEnv, parseSources, readSourcePaths, toClusterObjects, type IngestIssue, type SourceFile } from "@/lib/ingest";
import { analyzeFiles, reanalyzeWithTrust, snapshotPathCauses } from "@/lib/query/escalation";
import { compileCluster, compiledSnapshot } from "@/lib/query/compiled-cache";
import type { Acceptance } from "@/lib/report/accept";
import { buildReport, withGraphCauses, type ReportAnalysis } from "@/lib/report/build";
import type { ReportModel, ReportSource } from "@/lib/report/model";
import type { TrustSpec } from "@/lib/analysis/trust";
import { findSnapshot, listFindings, listObjectOrigins, listStoredPaths, loadAnalysis, type Database, type SnapshotSummary } from "@/lib/store";
import packageJson from "@/package.json";

export const TOOL_VERSION: string = packageJson.version;

export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportInputError";
  }
}

export function sha256Of(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}

function originKey(kind: string, namespace: string | null, name: string): string {
  return `${kind}/${namespace ?? ""}/${name}`;
}

/** Files (or stdin "-") analysed in memory, like `scan` and `report -f` do. Throws ReportInputError on bad input. */
export async function reportFromPaths(
  paths: readonly string[],
  options: { readonly acceptances: readonly Acceptance[]; readonly now?: Date; readonly readStdin?: (maxBytes: number) => Promise<string>; readonly trust?: TrustSpec },
): Promise<ReportModel> {
  const read = await readSourcePaths(paths, { maxBytes: maxBytesFromEnv(), ...(options.readStdin ? { stdin: options.readStdin } : {}) });
  if (!read.ok) throw new ReportInputError(read.issues.map(formatIssue).join("\n"));
  return reportFromSources(read.files, { ...options, name: paths.join(" ") });
}

export function reportFromSources(
  files: readonly SourceFile[],
  options: { readonly acceptances: readonly Acceptance[]; readonly now?: Date; readonly name: string; readonly trust?: TrustSpec },
): ReportModel {
  const parsed = parseSources(files, { maxBytes: maxBytesFromEnv() });
  if (!parsed.ok) throw new ReportInputError(parsed.issues.map((i: IngestIssue) => formatIssue(i)).join("\n"));
  const origins = new Map<string, { file: string; line: number }>();
  for (const o of parsed.objects) {
    const meta = o.object.metadata as { name: string; namespace?: string };
    origins.set(originKey(o.kind, meta.namespace ?? null, meta.name), { file: o.origin.file, line: o.origin.line ?? 0 });
  }
  const cluster = toClusterObjects(parsed.objects);
  // v2 §2.9: a trust file changes which starts and findings are the trusted control plane.
  const analysis = analyzeFiles(cluster, options.trust ? { trust: options.trust } : {});
  const compiled = compileCluster(cluster);
  const now = options.now ?? new Date();
  const source: ReportSource = { type: "files", files: files.map((f) => ({ path: f.path, sha256: sha256Of(f.content) })), sha256: parsed.summary.sha256 };
  return buildReport({
    toolVersion: TOOL_VERSION,
    now,
    snapshot: {
      id: null,
      name: options.name,
      createdAt: now.toISOString(),
      source,
      kubernetesVersion: null,
      objectsByKind: nonZero(parsed.summary.counts),
      skippedKinds: parsed.summary.skipped,
      unreadableKinds: [],
    },
    analysis: withGraphCauses(analysis),
    policy: compiled.policy,
    serviceAccounts: compiled.serviceAccounts,
    origins: (kind, namespace, name) => origins.get(originKey(kind, namespace, name)),
    acceptances: options.acceptances,
  });
}

function nonZero(counts: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

function snapshotSource(s: SnapshotSummary): ReportSource {
  const origin = s.origin as { files?: unknown; fileSha256?: unknown; server?: unknown; context?: unknown };
  if (s.source === "live") {
    return { type: "cluster", server: typeof origin.server === "string" ? origin.server : null, context: typeof origin.context === "string" ? origin.context : null };
  }
  const files = Array.isArray(origin.files) ? origin.files.filter((f): f is string => typeof f === "string") : [];
  const hashes = Array.isArray(origin.fileSha256) ? origin.fileSha256 : [];
  return { type: "files", files: files.map((path, i) => ({ path, sha256: typeof hashes[i] === "string" ? (hashes[i] as string) : null })), sha256: s.sha256 };
}

/** A stored snapshot's report, from the analysis stored at ingest. */
export async function reportFromSnapshot(
  db: Database,
  snapshotId: number | "latest",
  options: { readonly acceptances: readonly Acceptance[]; readonly now?: Date; readonly trust?: TrustSpec },
): Promise<ReportModel> {
  const snapshot = await findSnapshot(db, snapshotId);
  if (!snapshot) throw new ReportInputError(snapshotId === "latest" ? `no snapshot in ${db.file}: ingest one first or pass -f PATH` : `snapshot ${snapshotId} does not exist in ${db.file}`);
  const stored = loadAnalysis(db, snapshot.id);
  if (!stored) throw new ReportInputError(`snapshot ${snapshot.id} has no stored analysis (it failed or predates it); re-ingest it`);
  const compiled = compiledSnapshot(db, snapshot.id);
  const origins = listObjectOrigins(db, snapshot.id);
  const origin = snapshot.origin as { version?: unknown };
  return buildReport({
    toolVersion: TOOL_VERSION,
    now: options.now ?? new Date(),
    snapshot: {
      id: snapshot.id,
      name: snapshot.name,
      createdAt: snapshot.createdAt,
      source: snapshotSource(snapshot),
      kubernetesVersion: typeof origin.version === "string" ? origin.version : null,
      objectsByKind: nonZero(snapshot.counts),
      skippedKinds: snapshot.skipped,
      unreadableKinds: snapshot.unreadable,
    },
    analysis: options.trust ? withGraphCauses(reanalyzeWithTrust(db, snapshot.id, options.trust)) : storedReportAnalysis(db, snapshot.id, stored),
    policy: compiled.policy,
    serviceAccounts: compiled.serviceAccounts,
    origins: (kind, namespace, name) => origins.get(originKey(kind, namespace, name)),
    acceptances: options.acceptances,
  });
}

/** The stored analysis, its hop causes read with its paths (the graph is never loaded for a report). */
function storedReportAnalysis(db: Database, snapshotId: number, stored: NonNullable<ReturnType<typeof loadAnalysis>>): ReportAnalysis {
  const paths = listStoredPaths(db, snapshotId);
  const causes = snapshotPathCauses(db, snapshotId, paths);
  const causesOf = new Map(paths.map((p, i) => [p, causes[i] ?? []]));
  return {
    findings: listFindings(db, snapshotId),
    paths,
    exposure: stored.exposure,
    sinks: stored.sinks,
    fixes: stored.fixes,
    hopCauses: (p) => causesOf.get(p) ?? [],
  };
}
