import { fixSetOf } from "@/lib/query/escalation";
import { analyzeFiles, parseRefParam, snapshotFixes } from "@/lib/query/escalation";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { analysisOverrides, loadClusterInput, needsFreshAnalysis } from "../cluster-input";
import { EXIT, printJson, type CliIO } from "../io";

/** The smallest set of bindings / pod-spec fields whose removal cuts every path to the sinks. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...INPUT_OPTIONS, to: { type: "string", multiple: true } });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  const sinks = [];
  for (const value of values.to ?? ["ClusterAdmin"]) {
    const parsed = parseRefParam(value, "--to");
    if (!parsed.ok) throw new UsageError(parsed.message);
    if (parsed.ref) sinks.push(parsed.ref);
  }
  const input = await loadClusterInput(values, io, values.file?.length ? undefined : [...["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ServiceAccount"] as const]);
  const fixes =
    input.snapshotId !== undefined && !needsFreshAnalysis(input)
      ? snapshotFixes((await import("@/lib/store/raw")).openRawDatabase(values.db), input.snapshotId, sinks)
      : fixSetOf(analyzeFiles(input.cluster, analysisOverrides(input)), sinks, input.cluster, input.trust);
  if (format === "json") {
    printJson(io, fixes);
    return EXIT.ok;
  }
  if (fixes.affectedStarts === 0) {
    io.out("nothing reaches the chosen sinks: no fix needed");
    return EXIT.ok;
  }
  io.out(`${fixes.fixes.length} change${fixes.fixes.length === 1 ? "" : "s"} cut every path of ${fixes.affectedStarts} principal${fixes.affectedStarts === 1 ? "" : "s"}${fixes.possible ? "" : " (some paths cannot be cut without touching protected causes)"}:`);
  const trusted = fixes.trustedStarts?.length ?? 0;
  if (trusted > 0) io.out(`(${trusted} trusted control-plane principal${trusted === 1 ? " reaches" : "s reach"} the sinks too; ${trusted === 1 ? "it is" : "they are"} not cut)`);
  if ((fixes.uncuttable ?? []).length > 0) io.out(`protected causes left in place: ${fixes.uncuttable?.join(", ")}`);
  for (const fix of fixes.fixes) {
    io.out(`\n• ${fix.change}   [${fix.cause}, enables ${fix.edges} hop${fix.edges === 1 ? "" : "s"}]`);
    for (const b of fix.blastRadius.slice(0, 10)) io.out(`    ${b.subject} loses ${b.loses.join(", ")}${b.scope ? ` in ${b.scope}` : ""}`);
    if (fix.blastRadius.length > 10) io.out(`    … and ${fix.blastRadius.length - 10} more subjects`);
  }
  return EXIT.ok;
}
