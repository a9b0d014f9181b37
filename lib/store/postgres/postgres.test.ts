import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { openConnection } from "../raw-client";
import { resolveDatabaseLocation } from "../location";
import { StorageError } from "../storage-error";
import { POSTGRES_SCHEMA_FILE, renderPostgresSchema } from "./schema";
import { toPostgres } from "./translate";

describe("the PostgreSQL schema", () => {
  it("is the one rendered from prisma/schema.prisma (after a schema change, run `npm run db:postgres`)", () => {
    const rendered = renderPostgresSchema(fs.readFileSync("prisma/schema.prisma", "utf8"));
    expect(fs.readFileSync(POSTGRES_SCHEMA_FILE, "utf8")).toBe(rendered);
    expect(rendered).toContain('provider = "postgresql"');
  });
});

describe("SQL rewritten for PostgreSQL", () => {
  it("numbers placeholders and quotes mixed-case names, leaving literals and quoted names alone", () => {
    expect(toPostgres(`SELECT o.objectJson AS objectJson FROM KubeObject o WHERE o.snapshotId = ? AND kind = 'ClusterRole?' AND "x" = ?`).text).toBe(
      `SELECT o."objectJson" AS "objectJson" FROM "KubeObject" o WHERE o."snapshotId" = $1 AND kind = 'ClusterRole?' AND "x" = $2`,
    );
  });

  it("gives an empty IN list an element that never matches, as SQLite's empty list", () => {
    expect(toPostgres(`SELECT kind FROM KubeObject WHERE snapshotId = ? AND kind IN () ORDER BY id`).text).toBe(
      `SELECT kind FROM "KubeObject" WHERE "snapshotId" = $1 AND kind IN (NULL) ORDER BY id`,
    );
  });

  it("drops SQLite's unary plus (an index hint) and keeps binary plus", () => {
    expect(toPostgres(`SELECT a + 1 FROM RbacBinding b WHERE b.kind = 'x' AND +b.roleKind = 'Role' AND (+b.roleName = ?)`).text).toBe(
      `SELECT a + 1 FROM "RbacBinding" b WHERE b.kind = 'x' AND b."roleKind" = 'Role' AND (b."roleName" = $1)`,
    );
  });

  it("turns instr into strpos and INSERT OR IGNORE into ON CONFLICT DO NOTHING", () => {
    expect(toPostgres(`SELECT 1 FROM RbacRole WHERE instr(lower(name), ?) > 0`).text).toBe(`SELECT 1 FROM "RbacRole" WHERE strpos(lower(name), $1) > 0`);
    expect(toPostgres(`INSERT OR IGNORE INTO CriticalObject (kind, name) VALUES (?, ?)`).text).toBe(
      `INSERT INTO "CriticalObject" (kind, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    );
  });
});

describe("PostgreSQL storage errors", () => {
  it("an unreachable server is a StorageError naming the host, never the password", () => {
    const location = resolveDatabaseLocation("postgresql://atlas:s3cret-pw@127.0.0.1:1/atlas");
    let caught: unknown;
    try {
      openConnection(location);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StorageError);
    const error = caught as StorageError;
    expect(error.problem).toBe("UNAVAILABLE");
    expect(error.message).toContain("127.0.0.1:1");
    expect(error.message).toContain("refused the connection");
    expect(error.message).not.toContain("s3cret-pw");
  });
});

