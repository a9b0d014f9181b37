import fs from "node:fs";
import path from "node:path";

/**
 * The database itself refusing (disk full, read-only file or directory, file gone): not a bug and
 * not bad input, so a clear one-line message (CLI exit 2, HTTP 507/503) instead of a stack trace.
 * SQLite rolls the open transaction back, so nothing half-written is left behind.
 */
export type StorageProblem = "DISK_FULL" | "READ_ONLY" | "UNAVAILABLE";

export class StorageError extends Error {
  constructor(
    readonly problem: StorageProblem,
    readonly file: string,
    readonly sqliteCode: string,
  ) {
    super(`${file}: ${DESCRIPTION[problem]} (${sqliteCode}); nothing was stored half-way`);
    this.name = "StorageError";
  }
}

const DESCRIPTION: Readonly<Record<StorageProblem, string>> = {
  DISK_FULL: "the disk is full, the database cannot grow",
  READ_ONLY: "the database (or its directory) is read-only",
  UNAVAILABLE: "the database file cannot be opened or was removed",
};

/** SQLite / file-system error codes → the problem, or undefined for anything else (a bug). */
export function storageProblemOf(error: unknown): StorageProblem | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
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
  if (problem === "UNAVAILABLE" && fs.existsSync(file) && !writable(file)) problem = "READ_ONLY";
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
