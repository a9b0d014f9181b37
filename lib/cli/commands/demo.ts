import { formatIssue } from "@/lib/ingest";
import { loadDemo } from "@/lib/pipeline/demo";
import { openDatabase } from "@/lib/store";
import { parseCommandArgs } from "../args";
import { EXIT, type CliIO } from "../io";

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, { db: { type: "string" }, "if-empty": { type: "boolean" } });
  const db = openDatabase(values.db);
  const result = await loadDemo(db, { ifEmpty: values["if-empty"] ?? false });
  if (result === undefined) {
    io.err(`${db.file} already has snapshots; demo not loaded`);
    return EXIT.ok;
  }
  if (!result.ok) {
    io.err(`the bundled demo cluster is invalid:\n${result.issues.map(formatIssue).join("\n")}`);
    return EXIT.failure;
  }
  io.err(`demo cluster stored as snapshot ${result.snapshot.id} in ${db.file}`);
  return EXIT.ok;
}
