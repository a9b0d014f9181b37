import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PostgresSyncHandle } from "./postgres/sync-client";
import type { Dialect } from "./sql-handle";

/**
 * Where a test's database goes, on the backend its vitest project runs (vitest.config.mts): a fresh
 * SQLite file, or a fresh PostgreSQL database on the server at RBAC_ATLAS_TEST_POSTGRES_URL. Each
 * call is a database of its own, so test files never see each other's rows.
 */
export function testBackend(): Dialect {
  return process.env.RBAC_ATLAS_TEST_BACKEND === "postgresql" ? "postgresql" : "sqlite";
}

export function freshTestDatabase(label: string): string {
  if (testBackend() === "sqlite") return path.join(fs.mkdtempSync(path.join(os.tmpdir(), `rbac-atlas-${label}-`)), `${label}.db`);
  return freshPostgresDatabase(label);
}

/** A new, empty PostgreSQL database on the test server; its URL. */
export function freshPostgresDatabase(label: string): string {
  const server = process.env.RBAC_ATLAS_TEST_POSTGRES_URL;
  // Loud, never a skip: PostgreSQL tests only run when this is set (see vitest.config.mts).
  if (!server) throw new Error("RBAC_ATLAS_TEST_POSTGRES_URL is not set: the PostgreSQL tests need a server (see README, PostgreSQL)");
  const name = `atlas_test_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const admin = new PostgresSyncHandle(server);
  try {
    // C collation: ORDER BY sorts by code point, as SQLite does.
    admin.exec(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  } finally {
    admin.close();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}
