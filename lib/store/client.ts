import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-postgresql/client";
import { resolveDatabaseLocation, type DatabaseLocation } from "./location";
import { openConnection, stillOnDisk, type RawDatabase } from "./raw-client";

/**
 * One open database: a Prisma client for typed queries and a raw better-sqlite3 handle for the
 * bulk paths (writing a snapshot of 400k objects, reading one back for the engine) where Prisma's
 * per-row overhead would dominate. Both point at the same WAL-mode file.
 */
export interface Database_ extends RawDatabase {
  readonly prisma: PrismaClient;
}

const open = new Map<string, Database_>();

export function openDatabase(explicitLocation?: string, options: { migrate?: boolean } = {}): Database_ {
  const location = resolveDatabaseLocation(explicitLocation);
  const key = location.kind === "sqlite" ? location.file : location.display;
  const existing = open.get(key);
  if (existing && stillOnDisk(existing)) return existing;
  if (existing) {
    // Deleted or replaced under us: writes to the old handle would land in an unlinked file and
    // vanish. Forget it (requests still holding it finish on it) and open what is there now.
    open.delete(key);
    void existing.prisma.$disconnect().catch(() => undefined);
  }
  const connection = openConnection(location, options);
  const db: Database_ = { ...connection, prisma: prismaClientFor(location) };
  open.set(key, db);
  return db;
}

/**
 * Both generated clients come from the same models (the PostgreSQL schema is rendered from the
 * SQLite one), so their delegates have the same shape: the PostgreSQL client is typed as the other.
 */
function prismaClientFor(location: DatabaseLocation): PrismaClient {
  if (location.kind === "sqlite") return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${location.file}` }) });
  return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: location.url, max: 4 }) }) as unknown as PrismaClient;
}

export async function closeDatabase(db: Database_): Promise<void> {
  open.delete(db.file);
  await db.prisma.$disconnect();
  db.raw.close();
}
