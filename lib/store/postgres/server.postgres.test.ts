import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { resolveDatabaseLocation } from "../location";
import { migratePostgres } from "../migrate";
import { openConnection } from "../raw-client";
import { freshTestDatabase } from "../test-support";
import { POSTGRES_SCHEMA_FILE } from "./schema";
import { PostgresSyncHandle } from "./sync-client";

// Only in the postgresql vitest project (vitest.config.mts), which exists only with a server.
describe("on a PostgreSQL server", () => {
  it("the committed PostgreSQL migrations produce exactly the rendered schema (no drift)", () => {
    const output = execFileSync(
      "npx",
      ["prisma", "migrate", "diff", "--from-migrations", "prisma/postgresql/migrations", "--to-schema-datamodel", POSTGRES_SCHEMA_FILE, "--exit-code"],
      { encoding: "utf8", env: { ...process.env, DATABASE_URL: freshTestDatabase("drift") } },
    );
    expect(output).toContain("No difference detected");
  });

  it("applies every migration once and records it like `prisma migrate deploy`", () => {
    const handle = new PostgresSyncHandle(freshTestDatabase("migrate"));
    try {
      const first = migratePostgres(handle);
      expect(first.applied.length).toBeGreaterThan(0);
      expect(migratePostgres(handle)).toEqual({ applied: [], alreadyApplied: first.applied.length });
      const rows = handle.prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`).all() as {
        migration_name: string;
        checksum: string;
        finished_at: number | null;
      }[];
      expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
      for (const row of rows) {
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(row.finished_at).not.toBeNull();
      }
    } finally {
      handle.close();
    }
  });

  it("a write transaction left open in one connection never blocks reads in another", () => {
    const url = freshTestDatabase("concurrent");
    const writer = openConnection(resolveDatabaseLocation(url));
    const reader = openConnection(resolveDatabaseLocation(url));
    try {
      // A blocked read would hang this thread (the writer waits on it): fail fast instead.
      reader.raw.exec("SET statement_timeout = 5000");
      writer.raw.exec("BEGIN");
      writer.raw
        .prepare(`INSERT INTO Snapshot (name, source, sha256, countsJson, skippedJson, warningsJson) VALUES (?, ?, ?, ?, ?, ?)`)
        .run("in-flight", "files", "x", "{}", "[]", "[]");
      writer.raw.exec(`LOCK TABLE "KubeObject" IN ROW EXCLUSIVE MODE`);
      expect(reader.raw.prepare(`SELECT COUNT(*) AS n FROM Snapshot`).get()).toEqual({ n: 0 });
      expect(reader.raw.prepare(`SELECT COUNT(*) AS n FROM KubeObject`).get()).toEqual({ n: 0 });
      writer.raw.exec("COMMIT");
      expect(reader.raw.prepare(`SELECT COUNT(*) AS n FROM Snapshot`).get()).toEqual({ n: 1 });
    } finally {
      writer.raw.close();
      reader.raw.close();
    }
  });
});
