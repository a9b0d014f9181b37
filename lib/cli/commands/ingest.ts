import { formatIssue, maxBytesFromEnv, parseByteSize, readSourcePaths } from "@/lib/ingest";
import { progressPrinter } from "@/lib/ingest/live";
import { importLive } from "@/lib/pipeline/import-live";
import { analyzeStored, storeFiles } from "@/lib/pipeline/import-snapshot";
import { openDatabase, reanalyzeCommand, userWorkingDirectory, type SnapshotSummary } from "@/lib/store";
import path from "node:path";
import { outputFormat, parseCommandArgs, UsageError } from "../args";
import { EXIT, formatTable, printJson, type CliIO } from "../io";
import { keepTrustFile } from "../trust-input";

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    name: { type: "string" },
    cluster: { type: "string" },
    db: { type: "string" },
    output: { type: "string", short: "o" },
    file: { type: "string", short: "f", multiple: true },
    kubeconfig: { type: "string" },
    context: { type: "string" },
    "in-cluster": { type: "boolean" },
    "no-secrets": { type: "boolean" },
    "max-bytes": { type: "string" },
    trust: { type: "string" },
  });
  const format = outputFormat(values.output);
  if (values.trust !== undefined) keepTrustFile(openDatabase(values.db), values.trust);
  const paths = [...positionals, ...(values.file ?? [])];
  const live = values.kubeconfig !== undefined || values.context !== undefined || values["in-cluster"] === true || values["no-secrets"] === true;
  if (live) {
    if (paths.length > 0) throw new UsageError("ingest either files (PATH...) or a cluster (--kubeconfig/--context/--in-cluster), not both");
    if (values["in-cluster"] && (values.kubeconfig !== undefined || values.context !== undefined)) throw new UsageError("--in-cluster takes no --kubeconfig or --context");
    const db = openDatabase(values.db);
    const progress = progressPrinter(io.err, io.isTTY);
    const result = await importLive(db, {
      ...(values.kubeconfig !== undefined && { kubeconfig: path.resolve(userWorkingDirectory(), values.kubeconfig) }),
      ...(values.context !== undefined && { context: values.context }),
      ...(values.name !== undefined && { name: values.name }),
      ...(values.cluster !== undefined && { cluster: values.cluster }),
      inCluster: values["in-cluster"] === true,
      noSecrets: values["no-secrets"] === true,
      onProgress: progress.onProgress,
    });
    progress.finish();
    if (!result.ok) {
      const issues = (result.failure.issues ?? []).map(formatIssue);
      if (format === "json") printJson(io, { error: result.failure.message, code: result.failure.code, issues });
      io.err(`rbac-atlas ingest: ${result.failure.message}${issues.map((m) => `\n  ${m}`).join("")}`);
      return result.failure.code === "CONFIG" ? EXIT.usage : EXIT.failure;
    }
    return report(io, format, db.file, result.snapshot, result.elapsedMs, result.analysisError);
  }
  if (paths.length === 0) throw new UsageError("name at least one file, directory or - (stdin), or a cluster with --kubeconfig FILE, --context NAME or --in-cluster");
  const maxBytes = maxBytesOption(values["max-bytes"]);
  let read: Awaited<ReturnType<typeof readSourcePaths>> | undefined = await readSourcePaths(paths, { maxBytes, stdin: io.readStdin });
  if (!read.ok) return reportIssues(io, format, read.issues.map(formatIssue));
  const db = openDatabase(values.db);
  const started = performance.now();
  const stored = storeFiles(db, read.files, {
    name: values.name ?? defaultName(paths),
    source: "files",
    maxBytes,
    origin: { files: read.files.map((file) => file.path) },
    // Files name their cluster: --cluster NAME, else the snapshot's name.
    ...(values.cluster !== undefined && { cluster: { kind: "files" as const, name: values.cluster } }),
  });
  // The input text (272 MB for the XL dump) is not needed by the analysis: let it go first.
  read = undefined;
  if (!stored.ok) return reportIssues(io, format, stored.issues.map(formatIssue));
  const result = await analyzeStored(db, stored.snapshotId);
  if (!result.ok) return reportIssues(io, format, result.issues.map(formatIssue));
  return report(io, format, db.file, result.snapshot, performance.now() - started, result.analysisError);
}

/** Exit 0 when the snapshot and its analysis are stored; 3 when the analysis failed (our bug: the snapshot is kept, marked failed). */
function report(io: CliIO, format: "human" | "json", file: string, snapshot: SnapshotSummary, elapsedMs: number, analysisError?: string): number {
  const exit = analysisError === undefined ? EXIT.ok : EXIT.failure;
  if (analysisError !== undefined) {
    io.err(
      `rbac-atlas ingest: snapshot ${snapshot.id} is stored but its escalation analysis failed (${analysisError}); paths, findings and fixes refuse to answer from it until ${reanalyzeCommand(snapshot.id)} succeeds`,
    );
  }
  if (format === "json") {
    printJson(io, { snapshot });
    return exit;
  }
  const seconds = (elapsedMs / 1000).toFixed(2);
  io.out(`snapshot ${snapshot.id} "${snapshot.name}" stored in ${file} (${seconds} s)`);
  const rows = Object.entries(snapshot.counts)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => [kind, String(count)]);
  io.out(formatTable(["KIND", "COUNT"], rows));
  if (snapshot.skipped.length > 0) {
    io.out(`skipped (not kept): ${snapshot.skipped.map((s) => `${s.kind} ×${s.count}`).join(", ")}`);
  }
  for (const u of snapshot.unreadable) io.out(`not readable: ${u.kind} (${u.reason}): answers that depend on it may be incomplete`);
  for (const warning of snapshot.warnings) io.err(`warning: ${warning}`);
  return exit;
}

function reportIssues(io: CliIO, format: "human" | "json", messages: readonly string[]): number {
  if (format === "json") printJson(io, { error: "invalid input: nothing was stored", issues: messages });
  io.err(`rbac-atlas ingest: invalid input, nothing was stored:\n${messages.map((m) => `  ${m}`).join("\n")}`);
  return EXIT.usage;
}

/** --max-bytes SIZE, else RBAC_ATLAS_MAX_BYTES, else the default limit. */
function maxBytesOption(value: string | undefined): number {
  if (value === undefined) return maxBytesFromEnv();
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new UsageError(`--max-bytes expects a size such as 500000000, 500MB or 1GiB, got "${value}"`);
  return bytes;
}

function defaultName(paths: readonly string[]): string {
  const first = paths[0] === "-" ? "stdin" : (paths[0] ?? "input").split("/").filter(Boolean).pop() ?? "input";
  return paths.length > 1 ? `${first} +${paths.length - 1}` : first;
}
