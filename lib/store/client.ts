import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import fs from "node:fs";
import Database from "better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { migrateDatabase } from "./migrate";
import { resolveDatabaseFile } from "./paths";
import { withStorage } from "./storage-error";

/**
 * One open database: a Prisma client for typed queries and a raw better-sqlite3 handle for the
 * bulk paths (writing a snapshot of 400k objects, reading one back for the engine) where Prisma's
 * per-row overhead would dominate. Both point at the same WAL-mode file.
 */
export interface Database_ {
  readonly file: string;
  /**
   * The file and its inode: caches key on it, because a database file deleted or replaced under a
   * running server starts its snapshot ids again.
   */
  readonly cacheKey: string;
  readonly prisma: PrismaClient;
  readonly raw: Database.Database;
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
  const raw = withStorage(file, () => {
    if (options.migrate !== false) migrateDatabase(file);
    const handle = new Database(file);
    handle.pragma("journal_mode = WAL");
    handle.pragma("synchronous = NORMAL");
    handle.pragma("foreign_keys = ON");
    // Deleted snapshots are overwritten on disk, not left readable in free pages.
    handle.pragma("secure_delete = ON");
    return handle;
  });
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
  const db: Database_ = { file, cacheKey: `${file}#${inodeOf(file) ?? "?"}`, prisma, raw };
  open.set(file, db);
  return db;
}

export async function closeDatabase(db: Database_): Promise<void> {
  open.delete(db.file);
  await db.prisma.$disconnect();
  db.raw.close();
}

function inodeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).ino;
  } catch {
    return undefined;
  }
}

function stillOnDisk(db: Database_): boolean {
  const ino = inodeOf(db.file);
  return ino !== undefined && db.cacheKey === `${db.file}#${ino}`;
}
