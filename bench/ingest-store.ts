/**
 * Full ingest benchmark (not a test): read → parse/validate → store in SQLite (one transaction) →
 * escalation analysis stored, for generated dumps, each in a fresh process with a fresh database.
 * Prints time per stage, objects/s, peak RSS, and the ratio of the whole ingest to JSON.parse.
 *
 *   npx tsx bench/ingest-store.ts [l,xl] [--seed N]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ClusterSize } from "@/lib/gen/generate";
import { closeDatabase } from "@/lib/store";
import { ensureDump, fullIngest, type IngestMeasure } from "./full-ingest";

interface Measure extends IngestMeasure {
  readonly dbMB: number;
  readonly rssMB: number;
}

async function child(file: string): Promise<void> {
  const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-bench-")), "bench.db");
  const { measure: ingest, db } = fullIngest(file, dbFile);
  await closeDatabase(db);
  const measure: Measure = { ...ingest, dbMB: fs.statSync(dbFile).size / 1024 / 1024, rssMB: process.resourceUsage().maxRSS / 1024 };
  fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
  process.stdout.write(JSON.stringify(measure));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--child") return child(args[1] ?? "");
  const seedAt = args.indexOf("--seed");
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
  const sizes = (args.find((a, i) => !a.startsWith("--") && (seedAt < 0 || i !== seedAt + 1)) ?? "l,xl").split(",") as ClusterSize[];
  console.log("full ingest (parse + store + analysis), fresh process and database per size");
  console.log("size  objects   JSON.parse  parse     store     analysis  total     objects/s  total/JSON.parse  db      peak RSS (after parse / store / analysis)");
  for (const size of sizes) {
    const file = await ensureDump(size, seed);
    const r = spawnSync(process.execPath, ["--max-old-space-size=12000", ...process.execArgv, import.meta.filename, "--child", file], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (r.status !== 0) throw new Error(`benchmark of ${size} failed (exit ${r.status})`);
    const m = JSON.parse(r.stdout) as Measure;
    const total = m.parseMs + m.storeMs + m.analysisMs;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padEnd(9);
    console.log(
      [
        size.padEnd(5),
        String(m.objects).padEnd(9),
        s(m.jsonParseMs).padEnd(11),
        s(m.parseMs),
        s(m.storeMs),
        s(m.analysisMs),
        s(total),
        String(Math.round(m.objects / (total / 1000))).padEnd(10),
        `${(total / m.jsonParseMs).toFixed(1)}x`.padEnd(17),
        `${m.dbMB.toFixed(0)} MB`.padEnd(7),
        `${m.peakAfterParseMB.toFixed(0)} / ${m.peakAfterStoreMB.toFixed(0)} / ${m.rssMB.toFixed(0)} MB`,
      ].join(" "),
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
