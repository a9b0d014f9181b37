import { parseSources, readSourcePaths, toClusterObjects, formatIssue, maxBytesFromEnv } from "@/lib/ingest";
import { formatVertexRef } from "@/lib/analysis";
import { applyChange, hasObject, parseObjectRef, whatIf, type ObjectRefText } from "@/lib/query/whatif";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { analysisOverrides, InputError, loadClusterInput } from "../cluster-input";
import { EXIT, printJson, type CliIO } from "../io";

/** Paths and findings gained and lost when objects are added (e.g. a pull request's RoleBinding) or removed. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...INPUT_OPTIONS,
    add: { type: "string", multiple: true },
    remove: { type: "string", multiple: true },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  if (!values.add?.length && !values.remove?.length) throw new UsageError("name the change: --add FILE... and/or --remove Kind/[namespace/]name...");
  const removed: ObjectRefText[] = [];
  for (const r of values.remove ?? []) {
    const parsed = parseObjectRef(r);
    if (!parsed) throw new UsageError(`--remove: malformed reference "${r}" (expected Kind/name or Kind/namespace/name)`);
    removed.push(parsed);
  }
  let added = toClusterObjects([]);
  if (values.add?.length) {
    const read = await readSourcePaths(values.add, { maxBytes: maxBytesFromEnv(), stdin: io.readStdin });
    if (!read.ok) throw new InputError(read.issues.map(formatIssue).join("\n"));
    const parsed = parseSources(read.files, { maxBytes: maxBytesFromEnv() });
    if (!parsed.ok) throw new InputError(parsed.issues.map(formatIssue).join("\n"));
    added = toClusterObjects(parsed.objects);
  }
  const input = await loadClusterInput(values, io);
  for (const r of removed) if (!hasObject(input.cluster, r)) throw new InputError(`--remove: ${r.kind}/${r.namespace ? `${r.namespace}/` : ""}${r.name} is not in ${input.label}`);
  const result = whatIf(input.cluster, applyChange(input.cluster, added, removed), analysisOverrides(input));
  if (format === "json") {
    printJson(io, result);
    return EXIT.ok;
  }
  const line = (p: (typeof result.paths.gained)[number]) => `${formatVertexRef(p.from)} → ${formatVertexRef(p.to)} (${p.hops.map((h) => h.technique).join(" → ")})${p.trusted ? " [trusted]" : ""}`;
  io.out(`principals reaching cluster admin: ${result.before.adminStarts} → ${result.after.adminStarts}; findings: ${result.before.findings} → ${result.after.findings}; fix-set size: ${result.before.fixes} → ${result.after.fixes}`);
  io.out(`\npaths gained (${result.paths.gained.length}):`);
  for (const p of result.paths.gained) io.out(`  + ${line(p)}`);
  io.out(`paths lost (${result.paths.lost.length}):`);
  for (const p of result.paths.lost) io.out(`  - ${line(p)}`);
  io.out(`findings gained (${result.findings.gained.length}):`);
  for (const f of result.findings.gained) io.out(`  + [${f.severity}] ${f.rule} ${f.title}`);
  io.out(`findings lost (${result.findings.lost.length}):`);
  for (const f of result.findings.lost) io.out(`  - [${f.severity}] ${f.rule} ${f.title}`);
  return EXIT.ok;
}
