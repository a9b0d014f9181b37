import fs from "node:fs";
import Database from "better-sqlite3";
import { migrateDatabase } from "./migrate";
import { resolveDatabaseFile } from "./paths";
import { withStorage } from "./storage-error";

/**
 * An open database without Prisma: the better-sqlite3 handle alone. The read path of the CLI (can-i,
 * who-can, paths… against a stored snapshot) runs on this, because loading Prisma's client costs more
 * than answering the question. Every function that only reads through `raw` takes this type, so it
 * accepts a full Database as well.
 */
export interface RawDatabase {
  readonly file: string;
  /**
   * The file and its inode: caches key on it, because a database file deleted or replaced under a
   * running server starts its snapshot ids again.
   */
  readonly cacheKey: string;
  readonly raw: Database.Database;
}

/** Opens (creating and migrating unless told not to) a database file in WAL mode. */
export function openRawHandle(file: string, options: { migrate?: boolean } = {}): Database.Database {
  return withStorage(file, () => {
    if (options.migrate !== false) migrateDatabase(file);
    const handle = new Database(file);
    handle.pragma("journal_mode = WAL");
    handle.pragma("synchronous = NORMAL");
    handle.pragma("foreign_keys = ON");
    // Deleted snapshots are overwritten on disk, not left readable in free pages.
    handle.pragma("secure_delete = ON");
    return handle;
  });
}

/** `file#inode`: what identifies the database a handle was opened on. */
export function cacheKeyOf(file: string): string {
  return `${file}#${inodeOf(file) ?? "?"}`;
}

/** False when the file was deleted or replaced since the handle was opened. */
export function stillOnDisk(db: RawDatabase): boolean {
  const ino = inodeOf(db.file);
  return ino !== undefined && db.cacheKey === `${db.file}#${ino}`;
}

function inodeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).ino;
  } catch {
    return undefined;
  }
}

const open = new Map<string, RawDatabase>();

/** The read path's database: `--db`, else RBAC_ATLAS_DB, else the default file (see paths.ts). */
export function openRawDatabase(explicitFile?: string): RawDatabase {
  const file = resolveDatabaseFile(explicitFile);
  const existing = open.get(file);
  if (existing && stillOnDisk(existing)) return existing;
  if (existing) open.delete(file);
  const raw = openRawHandle(file);
  const db: RawDatabase = { file, cacheKey: cacheKeyOf(file), raw };
  open.set(file, db);
  return db;
}
