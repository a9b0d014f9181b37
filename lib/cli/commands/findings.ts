import type { Finding } from "@/lib/analysis/findings";
import { analyzeFiles, severitiesAtLeast, snapshotFindings } from "@/lib/query/escalation";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { analysisOverrides, loadClusterInput, needsFreshAnalysis } from "../cluster-input";
import { EXIT, formatTable, printJson, type CliIO } from "../io";

const objectRef = (o: Finding["objects"][number]) => `${o.kind}/${o.namespace ? `${o.namespace}/` : ""}${o.name}`;

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...INPUT_OPTIONS,
    severity: { type: "string" },
    rule: { type: "string" },
    "include-trusted": { type: "boolean" },
    "exclude-trusted": { type: "boolean" },
  });
  if (values["exclude-trusted"] && values["include-trusted"]) throw new UsageError("use either --include-trusted or --exclude-trusted");
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  const level = severitiesAtLeast(values.severity);
  if (!level.ok) throw new UsageError(level.message);
  const input = await loadClusterInput(values, io, values.file?.length ? undefined : []);
  let findings =
    input.snapshotId !== undefined && !needsFreshAnalysis(input)
      ? snapshotFindings((await import("@/lib/store/raw")).openRawDatabase(values.db), input.snapshotId, level.severities)
      : analyzeFiles(input.cluster, analysisOverrides(input)).findings.filter((f) => !level.severities || level.severities.includes(f.severity as never));
  if (values.rule) findings = findings.filter((f) => f.rule === values.rule);
  // v2 §2.6: trusted findings are listed (marked) unless --exclude-trusted.
  if (values["exclude-trusted"]) findings = findings.filter((f) => !f.trusted);
  if (format === "json") {
    printJson(io, { findings });
    return EXIT.ok;
  }
  if (findings.length === 0) {
    io.out("no findings");
    return EXIT.ok;
  }
  io.out(formatTable(["SEVERITY", "RULE", "OBJECT", "PODS", "TITLE"], findings.map((f) => [f.severity, f.rule, `${f.objects[0] ? objectRef(f.objects[0]) : ""}${f.trusted ? " (trusted)" : ""}`, f.podCount === null || f.podCount === undefined ? "" : String(f.podCount), f.title])));
  return EXIT.ok;
}
