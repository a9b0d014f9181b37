import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "./migrate";

describe("migrations", () => {
  it("the committed migrations produce exactly the Prisma schema (no drift)", () => {
    // Exit code 0 = in sync, 2 = the schema changed without a migration.
    const output = execFileSync(
      "npx",
      ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"],
      { encoding: "utf8", env: { ...process.env, DATABASE_URL: `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-drift-")), "drift.db")}` } },
    );
    expect(output).toContain("No difference detected");
  });

  it("applies every migration once and records it like `prisma migrate deploy`", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-migrate-")), "m.db");
    const first = migrateDatabase(file);
    expect(first.applied.length).toBeGreaterThan(0);
    const second = migrateDatabase(file);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
    const db = new Database(file, { readonly: true });
    const rows = db.prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`).all() as {
      migration_name: string;
      checksum: string;
      finished_at: string | null;
    }[];
    db.close();
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
    }
  });
});
