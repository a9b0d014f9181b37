import type { Finding } from "@/lib/analysis/findings";
import { analyzeFiles, severitiesAtLeast, snapshotFindings } from "@/lib/query/escalation";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { loadClusterInput } from "../cluster-input";
import { EXIT, formatTable, printJson, type CliIO } from "../io";

const objectRef = (o: Finding["objects"][number]) => `${o.kind}/${o.namespace ? `${o.namespace}/` : ""}${o.name}`;

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...INPUT_OPTIONS, severity: { type: "string" }, rule: { type: "string" } });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  const level = severitiesAtLeast(values.severity);
  if (!level.ok) throw new UsageError(level.message);
  const input = await loadClusterInput(values, io, values.file?.length ? undefined : []);
  let findings =
    input.snapshotId !== undefined
      ? snapshotFindings((await import("@/lib/store/raw")).openRawDatabase(values.db), input.snapshotId, level.severities)
      : analyzeFiles(input.cluster).findings.filter((f) => !level.severities || level.severities.includes(f.severity as never));
  if (values.rule) findings = findings.filter((f) => f.rule === values.rule);
  if (format === "json") {
    printJson(io, { findings });
    return EXIT.ok;
  }
  if (findings.length === 0) {
    io.out("no findings");
    return EXIT.ok;
  }
  io.out(formatTable(["SEVERITY", "RULE", "OBJECT", "TITLE"], findings.map((f) => [f.severity, f.rule, f.objects[0] ? objectRef(f.objects[0]) : "", f.title])));
  return EXIT.ok;
}
