import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { projectRoot } from "./paths";
import { POSTGRES_MIGRATIONS_DIRECTORY } from "./postgres/schema";
import type { SqlHandle } from "./sql-handle";

/**
 * Applies the committed Prisma migrations (prisma/migrations/*) to a SQLite file and records them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does (same table, sha256 checksums), so
 * the Prisma CLI and this runner can take turns on one database. Done in-process because the Prisma
 * CLI costs a second per call and cannot report errors offline (STACK.md).
 */
export interface MigrationReport {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    readonly cause: unknown,
  ) {
    super(`migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "MigrationError";
  }
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function migrationsDirectory(): string {
  return path.join(projectRoot(), "prisma", "migrations");
}

export function postgresMigrationsDirectory(): string {
  return path.join(projectRoot(), POSTGRES_MIGRATIONS_DIRECTORY);
}

/** The migrations' names, in order (their SQL is read only for those still to apply). */
function listMigrations(directory: string): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function migrateDatabase(databaseFile: string, directory = migrationsDirectory()): MigrationReport {
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  const db = new Database(databaseFile);
  try {
    db.pragma("journal_mode = WAL");
    return migrateSqliteHandle(db, directory);
  } finally {
    db.close();
  }
}

/**
 * migrateDatabase on a handle already open (in WAL mode, foreign keys not yet enforced): the read
 * path's opener migrates the connection it then reads through instead of opening the file twice.
 */
export function migrateSqliteHandle(db: Database.Database, directory = migrationsDirectory()): MigrationReport {
  db.exec(MIGRATIONS_TABLE);
  return applyPending(db, directory);
}

/**
 * Applies the migrations of `directory` not yet recorded in `_prisma_migrations`, each in one
 * transaction with its record (the same SQL on both databases: exec runs a migration's statements).
 */
function applyPending(handle: SqlHandle, directory: string): MigrationReport {
  const done = new Set(
    (handle.prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { migration_name: string }[]).map(
      (row) => row.migration_name,
    ),
  );
  const applied: string[] = [];
  for (const name of listMigrations(directory)) {
    if (done.has(name)) continue;
    const migration = { name, sql: fs.readFileSync(path.join(directory, name, "migration.sql"), "utf8") };
    const checksum = createHash("sha256").update(migration.sql).digest("hex");
    const apply = handle.transaction(() => {
      handle.exec(migration.sql);
      handle
        .prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)`)
        .run(randomUUID(), checksum, migration.name);
    });
    try {
      apply();
    } catch (error) {
      throw new MigrationError(migration.name, error);
    }
    applied.push(migration.name);
  }
  return { applied, alreadyApplied: done.size };
}

const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Any fixed number: the advisory lock that lets one of several starting servers migrate at a time. */
const MIGRATION_LOCK = 72_616_373;

/**
 * The PostgreSQL counterpart of migrateDatabase: prisma/postgresql/migrations, recorded in the same
 * `_prisma_migrations` table `prisma migrate deploy` keeps there. Several dashboard processes may
 * start at once on one database, so they take turns under an advisory lock; each migration and its
 * record commit together (PostgreSQL DDL is transactional). Then every text column is given byte
 * order (enforceByteOrder).
 */
export function migratePostgres(handle: SqlHandle, directory = postgresMigrationsDirectory()): MigrationReport {
  handle.prepare(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`).get();
  try {
    handle.exec(POSTGRES_MIGRATIONS_TABLE);
    const report = applyPending(handle, directory);
    enforceByteOrder(handle);
    return report;
  } finally {
    handle.prepare(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).get();
  }
}

/**
 * Text must sort on PostgreSQL as on SQLite: by byte (code point, in UTF-8), the "C" collation.
 * Under a language collation (en_US, ICU — what managed services default to) lists, pages and
 * keyset bounds would come out in another order ("a" before "B", "_" ignored). Rather than trusting
 * the database to have been created with LC_COLLATE 'C', every text column of the store's tables
 * gets COLLATE "C" — whichever migration created it, so columns added later are covered too —
 * unless the database default already is byte order (libc C or POSIX). Sorting then needs nothing
 * in the SQL. One catalog query when there is nothing to do; the ALTERs (each table's indexes are
 * rebuilt) run once, in one transaction. Returns the number of columns changed.
 */
export function enforceByteOrder(handle: SqlHandle): number {
  const database = handle
    .prepare(`SELECT d.datcollate AS "collate", to_jsonb(d) ->> 'datlocprovider' AS "provider" FROM pg_database d WHERE d.datname = current_database()`)
    .get() as { collate: string; provider: string | null };
  const defaultIsBytes = (database.collate === "C" || database.collate === "POSIX") && (database.provider === null || database.provider === "c");
  const columns = handle
    .prepare(
      `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type"
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_collation l ON l.oid = a.attcollation
       WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind = 'r'
         AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'
         AND l.collname NOT IN ('C', 'POSIX') AND NOT (l.collname = 'default' AND ${defaultIsBytes ? "TRUE" : "FALSE"})
       ORDER BY c.relname, a.attnum`,
    )
    .all() as { table: string; column: string; type: string }[];
  if (columns.length === 0) return 0;
  const byTable = new Map<string, string[]>();
  for (const { table, column, type } of columns) {
    byTable.set(table, [...(byTable.get(table) ?? []), `ALTER COLUMN "${column.replace(/"/g, '""')}" TYPE ${type} COLLATE "C"`]);
  }
  handle.transaction(() => {
    for (const [table, alters] of byTable) handle.exec(`ALTER TABLE "${table.replace(/"/g, '""')}" ${alters.join(", ")}`);
  })();
  return columns.length;
}
