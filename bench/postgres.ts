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
import type { ClusterSize } from "@/lib/gen/generate";
import { closeDatabase, listSnapshots, loadAnalysis, pageBindings, pageFindings, pageRoles, pageSubjects, tallyFindings, type Database } from "@/lib/store";
import { PostgresSyncHandle } from "@/lib/store/postgres/sync-client";
import { loadBindingsConcerning } from "@/lib/store/rbac-subset";
import { ensureDump, fullIngest, type IngestMeasure } from "./full-ingest";

type Backend = "sqlite" | "postgresql";

interface Measure extends IngestMeasure {
  /** CPU (ms) of the PostgreSQL server process serving the connection during store + analysis; null on SQLite or a remote server. */
  readonly serverCpuMs: number | null;
  readonly queries: Record<string, number>;
}

/** CPU (ms) the server backend of this connection used so far, when it runs on this machine (Linux /proc). */
function backendCpuMs(db: Database): number | null {
  if (db.dialect !== "postgresql") return null;
  const { pid } = db.raw.prepare(`SELECT pg_backend_pid() AS pid`).get() as { pid: number };
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime (fields 14 and 15 of stat; 12 and 13 after "pid (comm) "), in clock ticks of 10 ms
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
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
  let serverBefore: number | null = null;
  let serverCpuMs: number | null = null;
  const { measure, db, id } = fullIngest(file, location, {
    before: (db) => void (serverBefore = backendCpuMs(db)),
    after: (db) => {
      const after = backendCpuMs(db);
      serverCpuMs = after === null || serverBefore === null ? null : after - serverBefore;
    },
  });
  const queries = storedQueries(db, id);
  await closeDatabase(db);
  process.stdout.write(JSON.stringify({ ...measure, serverCpuMs, queries } satisfies Measure));
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
    const cpu = (m: Measure) => m.storeCpuMs + m.analysisCpuMs + (m.serverCpuMs ?? 0);
    console.log(`\nCPU (user + system) of store + analysis${pg.serverCpuMs === null ? " (PostgreSQL server CPU not readable: client only)" : ", PostgreSQL's server process included"}`);
    row("store CPU (client)", sq.storeCpuMs, pg.storeCpuMs);
    row("analysis CPU (client)", sq.analysisCpuMs, pg.analysisCpuMs);
    if (pg.serverCpuMs !== null) console.log(`${"server CPU".padEnd(22)}${"–".padEnd(12)}${s(pg.serverCpuMs)}`);
    row("store + analysis CPU", cpu(sq), cpu(pg));
    console.log(`\nstored queries on ${size.toUpperCase()} (median of 5, ms)`);
    for (const name of Object.keys(sq.queries)) row(name, sq.queries[name]!, pg.queries[name]!, (ms) => `${ms.toFixed(1)} ms`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
