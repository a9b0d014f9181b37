import Database from "better-sqlite3";
import { migrateDatabase } from "./migrate";
import { resolveDatabaseFile } from "./paths";

/**
 * An open database without Prisma: the better-sqlite3 handle alone. The read path of the CLI (can-i,
 * who-can, paths… against a stored snapshot) runs on this, because loading Prisma's client costs more
 * than answering the question. Every function that only reads through `raw` takes this type, so it
 * accepts a full Database as well.
 */
export interface RawDatabase {
  readonly file: string;
  readonly raw: Database.Database;
}

/** Opens (creating and migrating unless told not to) a database file in WAL mode. */
export function openRawHandle(file: string, options: { migrate?: boolean } = {}): Database.Database {
  if (options.migrate !== false) migrateDatabase(file);
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  return raw;
}

const open = new Map<string, RawDatabase>();

/** The read path's database: `--db`, else RBAC_ATLAS_DB, else the default file (see paths.ts). */
export function openRawDatabase(explicitFile?: string): RawDatabase {
  const file = resolveDatabaseFile(explicitFile);
  const existing = open.get(file);
  if (existing) return existing;
  const db: RawDatabase = { file, raw: openRawHandle(file) };
  open.set(file, db);
  return db;
}
