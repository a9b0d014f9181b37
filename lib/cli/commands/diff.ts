import { snapshotDrift } from "@/lib/query/drift";
import { findSnapshot, openDatabase, parseSnapshotId } from "@/lib/store";
import { outputFormat, parseCommandArgs, UsageError } from "../args";
import { EXIT, printJson, type CliIO } from "../io";

/** `rbac-atlas diff --from ID --to ID [-o json]`: drift between two stored snapshots. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { from: { type: "string" }, to: { type: "string" }, db: { type: "string" }, output: { type: "string", short: "o" } });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  if (!values.from || !values.to) throw new UsageError("diff needs --from ID and --to ID");
  const db = openDatabase(values.db);
  const ids: number[] = [];
  for (const [flag, text] of [["--from", values.from], ["--to", values.to]] as const) {
    const id = parseSnapshotId(text);
    if (id === undefined) throw new UsageError(`${flag}: snapshot must be an id or "latest", got "${text}"`);
    const snapshot = await findSnapshot(db, id);
    if (!snapshot) {
      io.err(`${flag}: snapshot ${text} not found`);
      return EXIT.failure;
    }
    ids.push(snapshot.id);
  }
  const drift = snapshotDrift(db, ids[0] as number, ids[1] as number);
  if (format === "json") {
    printJson(io, drift);
    return EXIT.ok;
  }
  io.out(`snapshot ${drift.from} → ${drift.to}`);
  io.out(`objects: +${drift.objects.added.length} -${drift.objects.removed.length} ~${drift.objects.changed.length}`);
  io.out(`subjects with changed grants or permissions: ${drift.permissions.length}`);
  for (const p of drift.permissions.slice(0, 50)) {
    const who = `${p.subject.kind}/${p.subject.namespace ? `${p.subject.namespace}/` : ""}${p.subject.name}`;
    for (const g of p.gained) io.out(`  + ${who}: ${g}`);
    for (const g of p.lost) io.out(`  - ${who}: ${g}`);
    for (const g of p.effective.gained) io.out(`  + ${who} can now: ${g}`);
    for (const g of p.effective.lost) io.out(`  - ${who} can no longer: ${g}`);
  }
  io.out(`escalation paths: +${drift.paths.appeared.length} -${drift.paths.disappeared.length}`);
  io.out(`findings: ${drift.findings.new.length} new, ${drift.findings.fixed.length} fixed`);
  return EXIT.ok;
}
