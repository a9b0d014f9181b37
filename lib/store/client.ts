import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { resolveDatabaseFile } from "./paths";
import { cacheKeyOf, openRawHandle, stillOnDisk, type RawDatabase } from "./raw-client";

/**
 * One open database: a Prisma client for typed queries and a raw better-sqlite3 handle for the
 * bulk paths (writing a snapshot of 400k objects, reading one back for the engine) where Prisma's
 * per-row overhead would dominate. Both point at the same WAL-mode file.
 */
export interface Database_ extends RawDatabase {
  readonly prisma: PrismaClient;
}

const open = new Map<string, Database_>();

export function openDatabase(explicitFile?: string, options: { migrate?: boolean } = {}): Database_ {
  const file = resolveDatabaseFile(explicitFile);
  const existing = open.get(file);
  if (existing && stillOnDisk(existing)) return existing;
  if (existing) {
    // Deleted or replaced under us: writes to the old handle would land in an unlinked file and
    // vanish. Forget it (requests still holding it finish on it) and open what is there now.
    open.delete(file);
    void existing.prisma.$disconnect().catch(() => undefined);
  }
  const raw = openRawHandle(file, options);
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
  const db: Database_ = { file, cacheKey: cacheKeyOf(file), prisma, raw };
  open.set(file, db);
  return db;
}

export async function closeDatabase(db: Database_): Promise<void> {
  open.delete(db.file);
  await db.prisma.$disconnect();
  db.raw.close();
}
