import { openConnection, resolveDatabaseLocation } from "@/lib/store/raw";
import { migrateDatabase, migratePostgres } from "@/lib/store/raw";
import { parseCommandArgs } from "../args";
import { EXIT, type CliIO } from "../io";

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, { db: { type: "string" } });
  const location = resolveDatabaseLocation(values.db);
  let where: string;
  let report: { applied: readonly string[]; alreadyApplied: number };
  if (location.kind === "sqlite") {
    where = location.file;
    report = migrateDatabase(location.file);
  } else {
    const db = openConnection(location, { migrate: false });
    where = db.file;
    try {
      report = migratePostgres(db.raw);
    } finally {
      db.raw.close();
    }
  }
  io.err(report.applied.length > 0 ? `${where}: applied ${report.applied.join(", ")}` : `${where}: up to date (${report.alreadyApplied} migrations)`);
  return EXIT.ok;
}
