import { ReportInputError, reportFromPaths, reportFromSnapshot } from "@/lib/pipeline/report-source";
import { listAcceptedRisks, openDatabase } from "@/lib/store";
import { pickSnapshot } from "../cluster-choice";
import { parseCommandArgs, UsageError } from "../args";
import { InputError } from "../cluster-input";
import { loadTrustFile } from "../trust-input";
import { EXIT, type CliIO } from "../io";
import { outputRequest, parseFormat, readAcceptFile, REPORT_OUTPUT_OPTIONS, writeReport } from "../report-output";

/** An audit report of a stored snapshot (with the accepted risks stored beside it) or of files. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    file: { type: "string", short: "f", multiple: true },
    snapshot: { type: "string" },
    cluster: { type: "string" },
    db: { type: "string" },
    trust: { type: "string" },
    ...REPORT_OUTPUT_OPTIONS,
    output: { type: "string", short: "o" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  // `-o json` (every command's JSON switch) is `--format json` here.
  if (values.output !== undefined && values.output !== "json") throw new UsageError(`-o takes only json here; use --format for the other formats`);
  if (values.output === "json" && values.format !== undefined && values.format !== "json") throw new UsageError("-o json contradicts --format " + values.format);
  const format = parseFormat(values.format, "json")!;
  const request = outputRequest(format, values);
  const fileAcceptances = readAcceptFile(values.accept);
  const trust = loadTrustFile(values.trust);
  let model;
  try {
    if (values.file && values.file.length > 0) {
      if (values.snapshot !== undefined || values.cluster !== undefined) throw new UsageError("use either -f PATH or --snapshot ID/--cluster NAME, not both");
      model = await reportFromPaths(values.file, { acceptances: fileAcceptances, readStdin: io.readStdin, ...(trust ? { trust } : {}) });
    } else {
      const db = openDatabase(values.db);
      const wanted = (await pickSnapshot(db, values)).id;
      model = await reportFromSnapshot(db, wanted, { acceptances: [...listAcceptedRisks(db), ...fileAcceptances], ...(trust ? { trust } : {}) });
    }
  } catch (error) {
    if (error instanceof ReportInputError) throw new InputError(error.message);
    throw error;
  }
  const where = await writeReport(model, request, io);
  if (where !== "stdout") io.err(`wrote ${format} report of ${model.snapshot.name} to ${where}`);
  for (const a of model.acceptances.filter((x) => x.state === "expired")) {
    io.err(`warning: accepted risk ${a.rule} on ${a.kind} ${a.namespace}/${a.name} (owner ${a.owner}) expired on ${a.expires} and no longer applies`);
  }
  return EXIT.ok;
}
