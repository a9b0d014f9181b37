import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

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

/**
 * prisma/orm#27403: the schema engine reads catalog columns of PostgreSQL's `name` type, which
 * @prisma/adapter-pg 6.19 refuses ("Column type 'name' could not be deserialized"), so every
 * migrate command fails. `name` (and `"char"`) are text to every reader; we report them as TEXT.
 */
/** Catalog types the adapter refuses → the text type it reads them as: "char", name → text; their arrays → text[]. */
const READ_AS: ReadonlyMap<number, number> = new Map([
  [18, 25],
  [19, 25],
  [1002, 1009],
  [1003, 1009],
]);

type Queryable = { query: (...args: never[]) => Promise<{ fields?: { dataTypeID: number }[] }> };

function reportNameAsText<T extends Queryable>(target: T): T {
  const query = target.query.bind(target) as (...args: unknown[]) => Promise<{ fields?: { dataTypeID: number }[] }>;
  (target as { query: unknown }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result?.fields ?? []) field.dataTypeID = READ_AS.get(field.dataTypeID) ?? field.dataTypeID;
    return result;
  };
  return target;
}

function migrationPool(connectionString: string): pg.Pool {
  const pool = reportNameAsText(new pg.Pool({ connectionString }));
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  // pool.query() itself connects with a callback: only promise-style calls (the adapter's) are wrapped.
  (pool as { connect: unknown }).connect = (...args: unknown[]) =>
    args.length > 0 ? connect(...args) : (connect() as Promise<pg.PoolClient>).then(reportNameAsText);
  return pool;
}

/**
 * The pg adapter over those pools. Its own shadow database (for `migrate diff --from-migrations`, the
 * PostgreSQL drift test) would connect with a config it does not have when given a pool: we create
 * and drop the shadow database ourselves.
 */
class NameTolerantPg extends PrismaPg {
  constructor(private readonly url: string) {
    super({ connectionString: url });
  }

  override async connect() {
    return new PrismaPg(migrationPool(this.url), { disposeExternalPool: true }).connect();
  }

  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const url = new URL(this.url);
    url.pathname = `/${database}`;
    const shadow = await new PrismaPg(migrationPool(url.toString()), { disposeExternalPool: true }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

/**
 * DATABASE_URL=postgresql://… selects PostgreSQL: the schema rendered from prisma/schema.prisma
 * (`npm run db:postgres`, lib/store/postgres/schema.ts) with its own migrations folder, over the
 * `pg` driver adapter. Anything else is the embedded SQLite database.
 */
const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  adapter: async () =>
    postgres
      ? new NameTolerantPg(databaseUrl())
      : new ScriptingShadowFactory({ url: databaseUrl() }),
});
