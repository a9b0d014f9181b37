import { migrateDatabase, resolveDatabaseFile } from "@/lib/store/raw";
import { parseCommandArgs } from "../args";
import { EXIT, type CliIO } from "../io";

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, { db: { type: "string" } });
  const file = resolveDatabaseFile(values.db);
  const report = migrateDatabase(file);
  io.err(
    report.applied.length > 0
      ? `${file}: applied ${report.applied.join(", ")}`
      : `${file}: up to date (${report.alreadyApplied} migrations)`,
  );
  return EXIT.ok;
}
