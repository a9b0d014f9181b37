import { listSnapshots, openDatabase } from "@/lib/store";
import { outputFormat, parseCommandArgs } from "../args";
import { EXIT, formatTable, printJson, type CliIO } from "../io";

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, { db: { type: "string" }, output: { type: "string", short: "o" } });
  const format = outputFormat(values.output);
  const snapshots = await listSnapshots(openDatabase(values.db));
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
      ["ID", "NAME", "SOURCE", "CREATED", "OBJECTS"],
      snapshots.map((s) => [String(s.id), s.name, s.source, s.createdAt, String(total(s.counts))]),
    ),
  );
  return EXIT.ok;
}
