import path from "node:path";

/** Where relative paths the user typed are resolved: `npm run` changes cwd to the package root. */
export function userWorkingDirectory(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

/** The project root (migrations, demo data). The bin script and npm scripts run from it. */
export function projectRoot(): string {
  return process.env.RBAC_ATLAS_ROOT ?? process.cwd();
}

/** The database file: --db, else RBAC_ATLAS_DB, else data/rbac-atlas.db under the project root. */
export function resolveDatabaseFile(explicit?: string): string {
  if (explicit) return path.resolve(userWorkingDirectory(), explicit);
  const fromEnv = process.env.RBAC_ATLAS_DB;
  if (fromEnv) return path.resolve(projectRoot(), fromEnv);
  return path.join(projectRoot(), "data", "rbac-atlas.db");
}
