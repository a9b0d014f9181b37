/**
 * PostgreSQL vs SQLite (not a test): the full ingest (parse → store → analysis stored) of a generated
 * dump into each, fresh process and database per backend, then the stored page queries the dashboard
 * runs on the result (median of 5, after one warm-up). Goal: ingest + analysis on PostgreSQL within
 * 1.5× of SQLite. Needs a server: RBAC_ATLAS_BENCH_POSTGRES_URL or RBAC_ATLAS_TEST_POSTGRES_URL
 * (an admin URL; a database is created per run and dropped after).
 *
 *   npm run bench -- postgres            (XL)      npx tsx bench/postgres.ts l,xl
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateCluster, writeClusterJson, type ClusterSize } from "@/lib/gen/generate";
import { formatIssue, parseSources } from "@/lib/ingest";
import { analyzeSnapshot } from "@/lib/pipeline/analyze-snapshot";
import { closeDatabase, listSnapshots, loadAnalysis, openDatabase, pageBindings, pageFindings, pageRoles, pageSubjects, tallyFindings, writeSnapshot, type Database } from "@/lib/store";
import { PostgresSyncHandle } from "@/lib/store/postgres/sync-client";
import { loadBindingsConcerning } from "@/lib/store/rbac-subset";

const OUT = path.resolve(import.meta.dirname, "out");
type Backend = "sqlite" | "postgresql";

interface Measure {
  readonly objects: number;
  readonly parseMs: number;
  readonly storeMs: number;
  readonly analysisMs: number;
  readonly queries: Record<string, number>;
}

async function ensureDump(size: ClusterSize): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${size}-seed1.json`);
  if (fs.existsSync(file)) return file;
  const stream = fs.createWriteStream(file);
  await writeClusterJson(generateCluster(size, 1), (chunk) => new Promise<void>((res, rej) => stream.write(chunk, (e) => (e ? rej(e) : res()))));
  await new Promise<void>((res) => stream.end(res));
  return file;
}

function median(fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[2]!;
}

function storedQueries(db: Database, id: number): Record<string, number> {
  return {
    "snapshots list": median(() => void listSnapshots(db)),
    "roles page 1": median(() => pageRoles(db, id, {})),
    "roles page 50, filtered": median(() => pageRoles(db, id, { q: "view", page: 50 })),
    "bindings page 1": median(() => pageBindings(db, id, {})),
    "subjects page 1": median(() => pageSubjects(db, id, {})),
    "findings page 1": median(() => pageFindings(db, id, {})),
    "findings tallies": median(() => tallyFindings(db, id, {})),
    "analysis (stamp + cache)": median(() => loadAnalysis(db, id)),
    "can-i subset (1 SA)": median(() =>
      loadBindingsConcerning(db, id, { users: [], groups: ["system:serviceaccounts"], serviceAccounts: [{ namespace: "default", name: "default" }], lookalikeNames: [] }),
    ),
  };
}

async function child(file: string, location: string): Promise<void> {
  const content = fs.readFileSync(file, "utf8");
  let t = performance.now();
  const parsed = parseSources([{ path: file, content }], { maxBytes: 2 ** 31 });
  if (!parsed.ok) throw new Error(parsed.issues.slice(0, 5).map(formatIssue).join("\n"));
  const parseMs = performance.now() - t;
  const db = openDatabase(location);
  t = performance.now();
  const id = writeSnapshot(db, {
    name: path.basename(file),
    source: "files",
    sha256: parsed.summary.sha256,
    inputBytes: parsed.summary.bytes,
    counts: parsed.summary.counts,
    skipped: parsed.summary.skipped,
    warnings: parsed.summary.warnings,
    origin: { files: [file] },
    objects: parsed.objects,
  });
  const storeMs = performance.now() - t;
  t = performance.now();
  analyzeSnapshot(db, id);
  const analysisMs = performance.now() - t;
  const queries = storedQueries(db, id);
  await closeDatabase(db);
  process.stdout.write(JSON.stringify({ objects: parsed.objects.length, parseMs, storeMs, analysisMs, queries } satisfies Measure));
}

function freshLocation(backend: Backend, server: string): { location: string; drop: () => void } {
  if (backend === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-bench-pg-"));
    return { location: path.join(dir, "bench.db"), drop: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `atlas_bench_${randomBytes(4).toString("hex")}`;
  const admin = new PostgresSyncHandle(server);
  admin.exec(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    location: url.toString(),
    drop: () => {
      admin.exec(`DROP DATABASE IF EXISTS "${name}"`);
      admin.close();
    },
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--child") return child(args[1] ?? "", args[2] ?? "");
  const server = process.env.RBAC_ATLAS_BENCH_POSTGRES_URL ?? process.env.RBAC_ATLAS_TEST_POSTGRES_URL;
  if (!server) throw new Error("set RBAC_ATLAS_BENCH_POSTGRES_URL (or RBAC_ATLAS_TEST_POSTGRES_URL) to a PostgreSQL admin URL");
  const sizes = (args[0] ?? "xl").split(",") as ClusterSize[];
  for (const size of sizes) {
    const file = await ensureDump(size);
    const results = {} as Record<Backend, Measure>;
    for (const backend of ["sqlite", "postgresql"] as const) {
      const { location, drop } = freshLocation(backend, server);
      try {
        const r = spawnSync(process.execPath, ["--max-old-space-size=12000", ...process.execArgv, import.meta.filename, "--child", file, location], {
          encoding: "utf8",
          maxBuffer: 1 << 20,
          stdio: ["ignore", "pipe", "inherit"],
        });
        if (r.status !== 0) throw new Error(`${backend} benchmark of ${size} failed (exit ${r.status})`);
        results[backend] = JSON.parse(r.stdout) as Measure;
      } finally {
        drop();
      }
    }
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const sq = results.sqlite;
    const pg = results.postgresql;
    console.log(`\n${size.toUpperCase()}: ${sq.objects} objects — full ingest, fresh process and database per backend`);
    console.log("stage                 SQLite      PostgreSQL  PG/SQLite");
    const row = (label: string, a: number, b: number, fmt = s) => console.log(`${label.padEnd(22)}${fmt(a).padEnd(12)}${fmt(b).padEnd(12)}${(b / a).toFixed(2)}x`);
    row("parse", sq.parseMs, pg.parseMs);
    row("store", sq.storeMs, pg.storeMs);
    row("analysis (stored)", sq.analysisMs, pg.analysisMs);
    row("store + analysis", sq.storeMs + sq.analysisMs, pg.storeMs + pg.analysisMs);
    row("ingest total", sq.parseMs + sq.storeMs + sq.analysisMs, pg.parseMs + pg.storeMs + pg.analysisMs);
    console.log(`\nstored queries on ${size.toUpperCase()} (median of 5, ms)`);
    for (const name of Object.keys(sq.queries)) row(name, sq.queries[name]!, pg.queries[name]!, (ms) => `${ms.toFixed(1)} ms`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
