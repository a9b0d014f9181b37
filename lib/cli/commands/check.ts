import { RBAC_KINDS } from "@/lib/store/cluster";
import { decodeText, maxBytesFromEnv } from "@/lib/ingest/read";
import fs from "node:fs";
import path from "node:path";
import { compileCluster } from "@/lib/query/compiled-cache";
import { checkAssertions, parseAssertions } from "@/lib/query/assertions";
import { describeRequest } from "@/lib/rbac";
import { assertionRequest } from "@/lib/query/assertions";
import { userWorkingDirectory } from "@/lib/store/paths";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { InputError, loadClusterInput } from "../cluster-input";
import { EXIT, paint, printJson, type CliIO } from "../io";

/** CI assertions: exit 0 when all pass, 1 when any fails, 2 on bad input. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, INPUT_OPTIONS);
  const format = outputFormat(values.output);
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError("expected the assertions FILE");
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  let source: string;
  try {
    source = file === "-" ? await io.readStdin(maxBytesFromEnv()) : decodeText(fs.readFileSync(path.resolve(userWorkingDirectory(), file)));
  } catch (error) {
    throw new InputError(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseAssertions(source, file);
  if (!parsed.ok) throw new InputError(parsed.errors.join("\n"));
  const input = await loadClusterInput(values, io, RBAC_KINDS);
  const report = checkAssertions(compileCluster(input.cluster).policy, parsed.assertions);
  if (format === "json") {
    printJson(io, report);
  } else {
    for (const [index, result] of report.results.entries()) {
      const assertion = parsed.assertions[index];
      const what = assertion ? `${assertion.user}: ${describeRequest(assertionRequest(assertion))}` : "";
      const mark = result.pass ? paint(io, "green", "PASS") : paint(io, "red", "FAIL");
      io.out(`${mark} ${result.id} — ${what} — expected ${result.expect}, got ${result.actual}`);
      if (!result.pass) {
        for (const g of result.grants) io.out(`       ${g.description}`);
        for (const m of result.misses.slice(0, 3)) io.out(`       ${m.description}`);
      }
    }
    io.out(`${report.passed} passed, ${report.failed} failed (${input.label})`);
  }
  return report.failed === 0 ? EXIT.ok : EXIT.no;
}
