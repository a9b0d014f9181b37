import { formatIssue, maxBytesFromEnv, readSourcePaths } from "@/lib/ingest";
import { importFiles } from "@/lib/pipeline/import-snapshot";
import { openDatabase } from "@/lib/store";
import { outputFormat, parseCommandArgs, UsageError } from "../args";
import { EXIT, formatTable, printJson, type CliIO } from "../io";

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    name: { type: "string" },
    db: { type: "string" },
    output: { type: "string", short: "o" },
    file: { type: "string", short: "f", multiple: true },
  });
  const format = outputFormat(values.output);
  const paths = [...positionals, ...(values.file ?? [])];
  if (paths.length === 0) throw new UsageError("name at least one file, directory or - (stdin)");
  const maxBytes = maxBytesFromEnv();
  const read = await readSourcePaths(paths, { maxBytes, stdin: io.readStdin });
  if (!read.ok) return reportIssues(io, format, read.issues.map(formatIssue));
  const db = openDatabase(values.db);
  const started = performance.now();
  const result = await importFiles(db, read.files, {
    name: values.name ?? defaultName(paths),
    source: "files",
    maxBytes,
    origin: { files: read.files.map((file) => file.path) },
  });
  if (!result.ok) return reportIssues(io, format, result.issues.map(formatIssue));
  const { snapshot } = result;
  if (result.analysisError) io.err(`warning: the escalation analysis failed; the snapshot is stored without it:\n${result.analysisError}`);
  if (format === "json") {
    printJson(io, { snapshot });
    return EXIT.ok;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  io.out(`snapshot ${snapshot.id} "${snapshot.name}" stored in ${db.file} (${seconds} s)`);
  const rows = Object.entries(snapshot.counts)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => [kind, String(count)]);
  io.out(formatTable(["KIND", "COUNT"], rows));
  if (snapshot.skipped.length > 0) {
    io.out(`skipped (not kept): ${snapshot.skipped.map((s) => `${s.kind} ×${s.count}`).join(", ")}`);
  }
  for (const warning of snapshot.warnings) io.err(`warning: ${warning}`);
  return EXIT.ok;
}

function reportIssues(io: CliIO, format: "human" | "json", messages: readonly string[]): number {
  if (format === "json") printJson(io, { error: "invalid input: nothing was stored", issues: messages });
  io.err(`rbac-atlas ingest: invalid input, nothing was stored:\n${messages.map((m) => `  ${m}`).join("\n")}`);
  return EXIT.usage;
}

function defaultName(paths: readonly string[]): string {
  const first = paths[0] === "-" ? "stdin" : (paths[0] ?? "input").split("/").filter(Boolean).pop() ?? "input";
  return paths.length > 1 ? `${first} +${paths.length - 1}` : first;
}
