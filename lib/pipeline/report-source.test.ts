import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSourcePaths } from "@/lib/ingest";
import { closeDatabase, openDatabase, type Database } from "@/lib/store";
import { importFiles } from "./import-snapshot";
import { reportFromPaths, reportFromSnapshot } from "./report-source";

let db: Database;
let snapshotId: number;
beforeAll(async () => {
  db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-report-source-")), "r.db"));
  const read = await readSourcePaths(["demo"], { maxBytes: 50 * 2 ** 20 });
  if (!read.ok) throw new Error("cannot read the demo");
  const result = await importFiles(db, read.files, { name: "demo", source: "files" });
  if (!result.ok) throw new Error("import failed");
  snapshotId = result.snapshot.id;
});
afterAll(async () => closeDatabase(db));

describe("a stored snapshot's report", () => {
  it("gives every path hop the same typed causes as the report of the same files analysed in memory", async () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const stored = await reportFromSnapshot(db, snapshotId, { acceptances: [], now });
    const files = await reportFromPaths(["demo"], { acceptances: [], now });
    expect(stored.paths.length).toBeGreaterThan(0);
    expect(stored.paths.every((p) => p.hops.every((h) => h.causes.length > 0))).toBe(true);
    expect(stored.paths).toEqual(files.paths);
  });
});
