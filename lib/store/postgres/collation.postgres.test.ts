import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ClusterRole } from "@/lib/rbac/objects";
import { closeDatabase, openDatabase, pageRoles, writeSnapshot, type Database, type StoredObject } from "../index";
import { PostgresSyncHandle } from "./sync-client";

// Only in the postgresql vitest project (vitest.config.mts), which exists only with a server.
const server = process.env.RBAC_ATLAS_TEST_POSTGRES_URL ?? "";
const admin = new PostgresSyncHandle(server);
const created: string[] = [];
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened.splice(0)) await closeDatabase(db);
  for (const name of created) admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  admin.close();
});

/** A database whose default collation is a language one (ICU English: "a" < "B", punctuation ignored first). */
function englishDatabase(): string {
  const name = `atlas_test_collation_${randomBytes(4).toString("hex")}`;
  admin.exec(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LC_COLLATE 'C' LC_CTYPE 'C'`);
  created.push(name);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

const NAMES = ["b", "a", "B", "_x", "Z", "é", "e", "a-b", "ab", "A", "z1", "z10", "z2"];

function store(location: string): { db: Database; id: number } {
  const db = openDatabase(location);
  opened.push(db);
  const objects: StoredObject[] = NAMES.map((name) => {
    const role: ClusterRole = { kind: "ClusterRole", metadata: { name }, rules: [] };
    return { kind: "ClusterRole", object: role, manifest: {}, origin: { file: "x.yaml", documentIndex: 0 } };
  });
  const id = writeSnapshot(db, { name: "c", source: "files", sha256: "", inputBytes: 0, counts: {}, skipped: [], warnings: [], origin: {}, objects });
  return { db, id };
}

const byteOrder = [...NAMES].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
const names = (db: Database, id: number, direction: "asc" | "desc" = "asc") => pageRoles(db, id, { sort: { column: "name", direction } }).items.map((r) => r.name);

describe("text order on a PostgreSQL database created with a language collation", () => {
  it("is SQLite's byte order all the same: the store gives its text columns the C collation", () => {
    const location = englishDatabase();
    // The database really sorts otherwise by default (else this test could not fail).
    const probe = new PostgresSyncHandle(location);
    expect((probe.prepare(`SELECT 'a' < 'B' AS "english"`).get() as { english: number }).english).toBe(1);
    probe.close();

    const sqlite = store(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-collation-")), "c.db"));
    const postgres = store(location);
    expect(names(sqlite.db, sqlite.id)).toEqual(byteOrder);
    expect(names(postgres.db, postgres.id)).toEqual(byteOrder);
    expect(names(postgres.db, postgres.id, "desc")).toEqual([...byteOrder].reverse());
  });

  it("a column that lost its C collation (added by a later migration, say) gets it back when the database is next opened", async () => {
    const location = englishDatabase();
    const first = store(location);
    first.db.raw.exec(`ALTER TABLE "RbacRole" ALTER COLUMN "name" TYPE text COLLATE "default"`);
    expect(names(first.db, first.id)).not.toEqual(byteOrder);
    await closeDatabase(first.db);
    opened.splice(opened.indexOf(first.db), 1);

    const again = openDatabase(location);
    opened.push(again);
    expect(names(again, first.id)).toEqual(byteOrder);
  });
});
