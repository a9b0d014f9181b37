/**
 * The hostile input corpus (fixtures/hostile/, expectations in its manifest.json), one table: each
 * file is ingested through the CLI as a user would. `ok` files are stored (exit 0); `refused` files
 * store nothing, exit 2 and name the file and the reason on stderr. No output ever quotes the
 * secret markers the corpus hides in its inputs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "@/lib/cli/test-support";

interface Case {
  readonly file: string;
  readonly expect: "ok" | "refused";
  readonly why: string;
  readonly stderrContains?: string;
}

const corpus = path.resolve("fixtures/hostile");
const manifest = JSON.parse(fs.readFileSync(path.join(corpus, "manifest.json"), "utf8")) as { secretMarkers: string[]; cases: Case[] };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-hostile-"));

function snapshotCount(db: string): number {
  if (!fs.existsSync(db)) return 0;
  const raw = new Database(db, { readonly: true });
  try {
    return (raw.prepare("SELECT COUNT(*) AS n FROM Snapshot").get() as { n: number }).n;
  } finally {
    raw.close();
  }
}

describe("the hostile input corpus", () => {
  it("has at least 60 files, each with an expectation, and no file without one", () => {
    const files = fs.readdirSync(corpus).filter((f) => f !== "manifest.json");
    expect(manifest.cases.length).toBeGreaterThanOrEqual(60);
    expect(files.sort()).toEqual(manifest.cases.map((c) => c.file).sort());
  });

  it.each(manifest.cases.map((c) => [c.file, c] as const))("%s", async (_file, c) => {
    const db = path.join(dir, `${c.file}.db`);
    const r = await runCli(["ingest", path.join(corpus, c.file), "--db", db, "-o", "json"]);
    for (const marker of manifest.secretMarkers) expect(r.stdout + r.stderr, `${c.file} quotes an input value`).not.toContain(marker);
    expect(r.stderr, "no stack trace").not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    if (c.expect === "ok") {
      expect(r.code, `${c.file} (${c.why}): ${r.stderr}`).toBe(0);
      expect(snapshotCount(db)).toBe(1);
    } else {
      expect(r.code, `${c.file} (${c.why}) should be refused: ${r.stdout}`).toBe(2);
      expect(r.stderr).toContain(c.file);
      if (c.stderrContains) expect(r.stderr).toContain(c.stderrContains);
      expect(snapshotCount(db)).toBe(0);
    }
  });
});
