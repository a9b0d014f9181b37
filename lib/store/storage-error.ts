import fs from "node:fs";
import path from "node:path";
import { isPostgresUrl } from "./location";

/**
 * The database itself refusing (disk full, read-only file or directory, file gone): not a bug and
 * not bad input, so a clear one-line message (CLI exit 2, HTTP 507/503) instead of a stack trace.
 * SQLite rolls the open transaction back, so nothing half-written is left behind; so does PostgreSQL,
 * whose errors (SQLSTATE codes, or the socket's when the server cannot be reached) map the same way,
 * named by the server's URL without its password.
 */
export type StorageProblem = "DISK_FULL" | "READ_ONLY" | "UNAVAILABLE";

export class StorageError extends Error {
  constructor(
    readonly problem: StorageProblem,
    readonly file: string,
    readonly sqliteCode: string,
  ) {
    super(`${file}: ${isPostgresUrl(file) ? postgresDescription(problem, file, sqliteCode) : DESCRIPTION[problem]} (${sqliteCode}); nothing was stored half-way`);
    this.name = "StorageError";
  }
}

const DESCRIPTION: Readonly<Record<StorageProblem, string>> = {
  DISK_FULL: "the disk is full, the database cannot grow",
  READ_ONLY: "the database (or its directory) is read-only",
  UNAVAILABLE: "the database file cannot be opened or was removed",
};

/** Socket errors meaning the server cannot be reached. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN", "EPIPE"]);

function postgresDescription(problem: StorageProblem, url: string, code: string): string {
  const server = serverOf(url);
  if (problem === "DISK_FULL") return `the PostgreSQL server at ${server} is out of disk space`;
  if (problem === "READ_ONLY") return `the PostgreSQL server at ${server} refuses writes (read-only, or the user may not write)`;
  if (code === "ECONNREFUSED") return `the PostgreSQL server at ${server} refused the connection (is it running, on this port?)`;
  if (UNREACHABLE.has(code)) return `the PostgreSQL server at ${server} cannot be reached`;
  if (code === "3D000") return `the database does not exist on the PostgreSQL server at ${server}`;
  if (code === "28P01" || code === "28000") return `the PostgreSQL server at ${server} refused the credentials`;
  return `the PostgreSQL server at ${server} is unavailable`;
}

function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host || "localhost";
  } catch {
    return "the configured address";
  }
}

/** PostgreSQL SQLSTATE or socket codes → the problem. */
function postgresProblemOf(code: string): StorageProblem | undefined {
  if (code === "53100") return "DISK_FULL";
  if (code === "25006" || code === "42501") return "READ_ONLY";
  if (UNREACHABLE.has(code) || code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "3D000" || code === "28P01" || code === "28000") {
    return "UNAVAILABLE";
  }
  return undefined;
}

/** SQLite / PostgreSQL / file-system error codes → the problem, or undefined for anything else (a bug). */
export function storageProblemOf(error: unknown): StorageProblem | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
  const postgres = postgresProblemOf(code);
  if (postgres) return postgres;
  if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "SQLITE_IOERR_WRITE" || code === "SQLITE_IOERR_FSYNC") return "DISK_FULL";
  if (code.startsWith("SQLITE_READONLY") || code === "EROFS" || code === "EACCES" || code === "EPERM") return "READ_ONLY";
  if (code.startsWith("SQLITE_CANTOPEN") || code === "SQLITE_IOERR_DELETE" || code === "SQLITE_NOTADB" || code === "ENOENT") return "UNAVAILABLE";
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error ? errorCode(cause) : undefined;
}

/** The error as a StorageError when the database refused, else the error itself. */
export function asStorageError(error: unknown, file: string): unknown {
  if (error instanceof StorageError) return error;
  let problem = storageProblemOf(error);
  // SQLite reports a WAL database in a read-only place as "cannot open": say why.
  if (problem === "UNAVAILABLE" && !isPostgresUrl(file) && fs.existsSync(file) && !writable(file)) problem = "READ_ONLY";
  return problem ? new StorageError(problem, file, errorCode(error) ?? "") : error;
}

/** Runs `fn`, turning a database refusal into a StorageError naming the file. */
export function withStorage<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw asStorageError(error, file);
  }
}

function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
