import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { resolveDatabaseLocation, type DatabaseLocation } from "./location";
import { migratePostgres, migrateSqliteHandle } from "./migrate";
import { PostgresSyncHandle } from "./postgres/sync-client";
import type { Dialect, SqlHandle } from "./sql-handle";
import { withStorage } from "./storage-error";

/**
 * An open database without Prisma: the better-sqlite3 handle alone. The read path of the CLI (can-i,
 * who-can, paths… against a stored snapshot) runs on this, because loading Prisma's client costs more
 * than answering the question. Every function that only reads through `raw` takes this type, so it
 * accepts a full Database as well.
 */
export interface RawDatabase {
  /** The SQLite file, or the PostgreSQL URL without its password. */
  readonly file: string;
  /**
   * The file and its inode: caches key on it, because a database file deleted or replaced under a
   * running server starts its snapshot ids again.
   */
  readonly cacheKey: string;
  readonly raw: SqlHandle;
  readonly dialect: Dialect;
}

/** An open connection at a location: better-sqlite3 itself for SQLite, the synchronous pg handle for PostgreSQL. */
export function openConnection(location: DatabaseLocation, options: { migrate?: boolean } = {}): RawDatabase {
  if (location.kind === "sqlite") {
    const raw = openRawHandle(location.file, options);
    return { file: location.file, cacheKey: cacheKeyOf(location.file), raw, dialect: "sqlite" };
  }
  return withStorage(location.display, () => {
    const raw = new PostgresSyncHandle(location.url);
    try {
      if (options.migrate !== false) migratePostgres(raw);
      // A dropped and re-created database starts its snapshot ids again: key caches on its identity.
      const identity = raw.prepare(`SELECT oid FROM pg_database WHERE datname = current_database()`).get() as { oid: number };
      return { file: location.display, cacheKey: `${location.display}#${identity.oid}`, raw, dialect: "postgresql" as const };
    } catch (error) {
      raw.close();
      throw error;
    }
  });
}

/** Opens (creating and migrating unless told not to) a database file in WAL mode. */
export function openRawHandle(file: string, options: { migrate?: boolean } = {}): Database.Database {
  return withStorage(file, () => {
    if (options.migrate !== false) fs.mkdirSync(path.dirname(file), { recursive: true });
    const handle = new Database(file);
    handle.pragma("journal_mode = WAL");
    // Migrated on this connection, before foreign keys are enforced (as migrateDatabase does it).
    if (options.migrate !== false) {
      try {
        migrateSqliteHandle(handle);
      } catch (error) {
        handle.close();
        throw error;
      }
    }
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
  if (db.dialect === "postgresql") return true;
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

/** The read path's database: `--db`, else RBAC_ATLAS_DB, else DATABASE_URL (postgres) or the default file (location.ts). */
export function openRawDatabase(explicitLocation?: string): RawDatabase {
  const location = resolveDatabaseLocation(explicitLocation);
  const key = location.kind === "sqlite" ? location.file : location.display;
  const existing = open.get(key);
  if (existing && stillOnDisk(existing)) return existing;
  if (existing) open.delete(key);
  const db = openConnection(location);
  open.set(key, db);
  return db;
}
