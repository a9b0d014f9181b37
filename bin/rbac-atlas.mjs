#!/usr/bin/env node
// Installed entry point: runs the TypeScript CLI through tsx from the package directory,
// keeping the user's working directory for relative paths.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx/cli");
const result = spawnSync(process.execPath, [tsx, path.join(root, "lib/cli/main.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, RBAC_ATLAS_ROOT: root, INIT_CWD: process.cwd(), TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
  cwd: root,
});
process.exit(result.status ?? 1);
