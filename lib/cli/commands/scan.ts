import { ReportInputError, reportFromPaths } from "@/lib/pipeline/report-source";
import { parseBaseline, scanVerdict, THRESHOLDS, type Threshold } from "@/lib/report/verdict";
import { outputFormat, parseCommandArgs, UsageError } from "../args";
import { InputError } from "../cluster-input";
import { loadTrustFile } from "../trust-input";
import { EXIT, paint, printJson, type CliIO } from "../io";
import { outputRequest, parseFormat, readAcceptFile, readUserFile, REPORT_OUTPUT_OPTIONS, writeReport } from "../report-output";

export const DEFAULT_THRESHOLD: Threshold = "high";

/**
 * CI mode: analyse manifests or a dump in memory (no database), optionally write a report, and
 * exit 1 when an open finding or path at or above --fail-on remains (with --baseline: a new one).
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...REPORT_OUTPUT_OPTIONS,
    "fail-on": { type: "string" },
    baseline: { type: "string" },
    trust: { type: "string" },
    output: { type: "string", short: "o" },
  });
  if (positionals.length === 0) throw new UsageError("expected at least one PATH (file, directory, or - for stdin)");
  const verdictFormat = outputFormat(values.output);
  const threshold = (values["fail-on"] ?? DEFAULT_THRESHOLD).toLowerCase();
  if (!(THRESHOLDS as readonly string[]).includes(threshold)) throw new UsageError(`unknown --fail-on "${values["fail-on"]}" (use ${THRESHOLDS.join(", ")})`);
  const format = parseFormat(values.format, undefined);
  const request = format ? outputRequest(format, values) : undefined;
  if (request && !request.out && verdictFormat === "json") throw new UsageError("-o json prints the verdict on stdout: write the --format report to a file with --out");
  const acceptances = readAcceptFile(values.accept);
  const trust = loadTrustFile(values.trust);
  let baseline;
  if (values.baseline !== undefined) {
    const parsed = parseBaseline(readUserFile(values.baseline, "baseline report"), values.baseline);
    if (!parsed.ok) throw new InputError(parsed.error);
    baseline = parsed.baseline;
  }
  let model;
  try {
    model = await reportFromPaths(positionals, { acceptances, readStdin: io.readStdin, ...(trust ? { trust } : {}) });
  } catch (error) {
    if (error instanceof ReportInputError) throw new InputError(error.message);
    throw error;
  }
  const verdict = scanVerdict(model, threshold as Threshold, baseline);
  const reportOnStdout = request !== undefined && !request.out;
  if (request) await writeReport(model, request, io);
  const say = reportOnStdout ? io.err : io.out;
  if (verdictFormat === "json") {
    printJson(io, verdict);
  } else {
    for (const a of verdict.expiredAcceptances) say(`${paint(io, "yellow", "EXPIRED")} accepted risk ${a.rule} on ${a.pattern} (owner ${a.owner}) expired on ${a.expires}: it no longer applies`);
    for (const item of verdict.failing.slice(0, 50)) say(`${paint(io, "red", "FAIL")} ${item.severity.padEnd(8)} ${item.type.padEnd(7)} ${item.identity} — ${item.title}`);
    if (verdict.failing.length > 50) say(`… ${verdict.failing.length - 50} more`);
    const f = model.summary.findingsBySeverity;
    const summary = `${verdict.pass ? paint(io, "green", "PASS") : paint(io, "red", "FAIL")}: ${verdict.failing.length} ${verdict.baseline.used ? "new " : ""}finding(s)/path(s) at or above ${threshold}` +
      `${verdict.baseline.used ? ` (${verdict.baseline.known} already in the baseline)` : ""}; findings ${f.Critical} critical, ${f.High} high, ${f.Medium} medium, ${f.Low} low; ` +
      `${model.paths.length} paths; ${verdict.accepted.findings + verdict.accepted.paths} accepted; ${verdict.trusted.findings + verdict.trusted.paths} control plane (trusted, never failing)`;
    say(summary);
  }
  return verdict.pass ? EXIT.ok : EXIT.no;
}
