/**
 * What the store asks of a database connection: the synchronous prepare/run/all/transaction surface
 * of better-sqlite3. SQLite hands its better-sqlite3 handle over as is (no wrapper on the read
 * path); PostgreSQL gets a handle with the same surface (postgres/sync-client.ts) that rewrites the
 * SQL (postgres/translate.ts) and returns rows shaped as SQLite returns them (integers as numbers,
 * booleans as 0/1, timestamps as epoch milliseconds).
 */
export type Dialect = "sqlite" | "postgresql";

export interface RunResult {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

export interface SqlStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): RunResult;
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

export interface SqlHandle {
  prepare(sql: string): SqlStatement;
  exec(sql: string): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  transaction<T>(fn: (...args: any[]) => T): (...args: any[]) => T;
  pragma(source: string): unknown;
  close(): unknown;
}

/**
 * A timestamp parameter for a DateTime column: epoch milliseconds on SQLite (what Prisma's SQLite
 * adapter writes), an ISO string on PostgreSQL (a timestamp column does not take a number).
 */
export function timestampParam(dialect: Dialect, epochMs: number): number | string {
  return dialect === "postgresql" ? new Date(epochMs).toISOString() : epochMs;
}

/**
 * After a bulk write, PostgreSQL plans from statistics that autovacuum refreshes only later: a fresh
 * snapshot's pages would be planned as if its tables were empty (sequential scans). A sampled
 * ANALYZE costs little next to the write. SQLite plans from its indexes alone: nothing to do.
 */
export function refreshPlannerStatistics(db: { readonly dialect: Dialect; readonly raw: SqlHandle }, tables: readonly string[]): void {
  if (db.dialect !== "postgresql") return;
  db.raw.exec(`ANALYZE ${tables.map((table) => `"${table}"`).join(", ")}`);
}
