import { formatVertexRef } from "@/lib/analysis";
import type { EscalationPath } from "@/lib/analysis/paths";
import { analyzeFiles, clusterPaths, parseRefParam, snapshotPaths } from "@/lib/query/escalation";
import { openDatabase } from "@/lib/store";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { loadClusterInput } from "../cluster-input";
import { EXIT, printJson, type CliIO } from "../io";

export function describePath(path: EscalationPath): string {
  const lines = [`${formatVertexRef(path.from)} → ${formatVertexRef(path.to)} (${path.hops.length} hop${path.hops.length === 1 ? "" : "s"})`];
  path.hops.forEach((hop, i) => lines.push(`  ${i + 1}. ${hop.technique} via ${hop.via} → ${formatVertexRef(hop.reaches)}`));
  return lines.join("\n");
}

/** Shortest escalation paths; an empty list means no path (exit 0 either way; 2 on bad input). */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...INPUT_OPTIONS,
    from: { type: "string" },
    to: { type: "string" },
    "max-hops": { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  const from = parseRefParam(values.from, "--from");
  if (!from.ok) throw new UsageError(from.message);
  const to = parseRefParam(values.to, "--to");
  if (!to.ok) throw new UsageError(to.message);
  let maxHops: number | undefined;
  if (values["max-hops"] !== undefined) {
    if (!/^[1-9][0-9]*$/.test(values["max-hops"])) throw new UsageError(`--max-hops expects a positive whole number, got "${values["max-hops"]}"`);
    maxHops = Number.parseInt(values["max-hops"], 10);
  }
  const query = { from: from.ref, to: to.ref, maxHops };
  const input = await loadClusterInput(values, io, values.file?.length ? undefined : []);
  const paths =
    input.snapshotId !== undefined ? snapshotPaths(openDatabase(values.db), input.snapshotId, query) : clusterPaths(analyzeFiles(input.cluster), query);
  if (format === "json") {
    printJson(io, { paths });
    return EXIT.ok;
  }
  for (const u of input.unreadable) io.err(`warning: the snapshot could not read ${u.kind} (${u.reason}); paths may be missing.`);
  if (paths.length === 0) io.out("no escalation path");
  else io.out(paths.map(describePath).join("\n\n"));
  return EXIT.ok;
}
