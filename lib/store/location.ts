import path from "node:path";
import { projectRoot, userWorkingDirectory } from "./paths";

/**
 * Where the store lives: a SQLite file (the default, embedded) or a PostgreSQL database shared by
 * several dashboard processes. Chosen by `--db`, else RBAC_ATLAS_DB, else DATABASE_URL when it is a
 * postgres URL, else data/rbac-atlas.db. A postgresql:// value anywhere selects PostgreSQL.
 */
export type DatabaseLocation =
  | { readonly kind: "sqlite"; readonly file: string }
  | {
      readonly kind: "postgresql";
      /** What connects, password included: never printed. */
      readonly url: string;
      /** The URL without its password: what messages and `db.file` show. */
      readonly display: string;
    };

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

export function resolveDatabaseLocation(explicit?: string): DatabaseLocation {
  const chosen = explicit || process.env.RBAC_ATLAS_DB || (isPostgresUrl(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : undefined);
  if (chosen && isPostgresUrl(chosen)) return postgresLocation(chosen);
  if (explicit) return { kind: "sqlite", file: path.resolve(userWorkingDirectory(), explicit) };
  if (process.env.RBAC_ATLAS_DB) return { kind: "sqlite", file: path.resolve(projectRoot(), process.env.RBAC_ATLAS_DB) };
  return { kind: "sqlite", file: path.join(projectRoot(), "data", "rbac-atlas.db") };
}

function postgresLocation(value: string): DatabaseLocation {
  const url = withKnownPassword(value);
  return { kind: "postgresql", url, display: redactPostgresUrl(url) };
}

/** The URL with its password removed (user, host, port, database and options kept). */
export function redactPostgresUrl(value: string): string {
  try {
    const url = new URL(value);
    url.password = "";
    return url.toString();
  } catch {
    return value.replace(/\/\/([^:/@]*):[^@]*@/, "//$1@");
  }
}

/**
 * A redacted URL (what `db.file` holds, passed on to the dashboard or an ingest child) gets its
 * password back from the environment URL naming the same server, user and database.
 */
function withKnownPassword(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  if (url.password) return value;
  for (const candidate of [process.env.RBAC_ATLAS_DB, process.env.DATABASE_URL]) {
    if (!candidate || !isPostgresUrl(candidate)) continue;
    try {
      const known = new URL(candidate);
      if (known.password && known.host === url.host && known.username === url.username && known.pathname === url.pathname) {
        url.password = known.password;
        return url.toString();
      }
    } catch {
      // not a URL: nothing to borrow
    }
  }
  return value;
}
