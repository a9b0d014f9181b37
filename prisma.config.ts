import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

/**
 * Prisma 6.19 on its JS engine path (no Rust binaries are reachable offline).
 * The shadow database applies each migration through prepare(), which rejects multi-statement SQL;
 * we run argument-less statements as a script instead (see STACK.md, "Shadow DB" bug).
 */
class ScriptingShadowFactory extends PrismaBetterSQLite3 {
  override async connectToShadowDb() {
    const shadow = await super.connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length === 0) {
        await shadow.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return shadow;
  }
}

// Offline machines: Prisma's CLI otherwise tries to download Rust engines it does not use on the JS path.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/true";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/true";
process.env.CHECKPOINT_DISABLE ??= "1";

function databaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = process.env.RBAC_ATLAS_DB ?? path.join("data", "rbac-atlas.db");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return `file:${file}`;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  adapter: async () => new ScriptingShadowFactory({ url: databaseUrl() }),
});
