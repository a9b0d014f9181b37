import { deleteSnapshot, listSnapshots, openRawDatabase, parseSnapshotId } from "@/lib/store/raw";
import { outputFormat, parseCommandArgs, UsageError } from "../args";
import { InputError } from "../cluster-input";
import { clusterOption } from "../cluster-choice";
import { EXIT, formatTable, printJson, type CliIO } from "../io";

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, { db: { type: "string" }, output: { type: "string", short: "o" }, delete: { type: "string" }, cluster: { type: "string" } });
  const format = outputFormat(values.output);
  const db = openRawDatabase(values.db);
  if (values.delete !== undefined) {
    const id = parseSnapshotId(values.delete);
    if (typeof id !== "number") throw new UsageError(`--delete expects a snapshot id, got "${values.delete}"`);
    if (!(await deleteSnapshot(db, id))) throw new InputError(`snapshot ${id} does not exist in ${db.file}`);
    io.err(`deleted snapshot ${id}`);
    return EXIT.ok;
  }
  const cluster = clusterOption(db, values.cluster);
  const snapshots = await listSnapshots(db, cluster ? { clusterId: cluster.id } : {});
  if (format === "json") {
    printJson(io, { snapshots });
    return EXIT.ok;
  }
  if (snapshots.length === 0) {
    io.out("no snapshots yet: rbac-atlas ingest PATH");
    return EXIT.ok;
  }
  const total = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);
  io.out(
    formatTable(
      ["ID", "CLUSTER", "NAME", "SOURCE", "CREATED", "OBJECTS", "ANALYSIS"],
      snapshots.map((s) => [String(s.id), s.cluster ?? "", s.name, s.source, s.createdAt, String(total(s.counts)), s.analysisState]),
    ),
  );
  return EXIT.ok;
}
