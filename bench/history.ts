/**
 * `npm run bench -- history`: every dashboard page's server time on a database holding ONE stored
 * XL snapshot, then on the same database holding TWENTY XL-sized snapshots over four clusters —
 * on SQLite, and on PostgreSQL when a server is given (RBAC_ATLAS_BENCH_POSTGRES_URL or
 * RBAC_ATLAS_TEST_POSTGRES_URL, an admin URL: a database is created for the run and dropped after).
 * Target: every page < 300 ms server time with 20 snapshots, and no page slower for the 19 others.
 *
 * Setup, per backend: the XL dump is ingested once (CLI, as a user would); the production server
 * (`next start`) is started on that database and every page measured (p50 of --runs after one
 * warm-up, HTTP on loopback: server time plus a local transfer). Then 19 copies of the snapshot are
 * made inside the database (lib/store/replicate.ts, bench/test only: ingesting XL 19 more times
 * would take most of an hour), spread over clusters xl-0…xl-3 a minute apart, each less ~2% of its
 * subjects, paths, findings and objects so consecutive snapshots drift; and every page is measured
 * again on the same server. Snapshot pages are those of snapshot 1 (the ingested one) both times.
 *
 *   npx tsx bench/history.ts [xl] [--snapshots 20] [--clusters 4] [--runs 5] [--backends sqlite,postgresql]
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { closeDatabase, openDatabase } from "@/lib/store";
import { findClusterByName, listClusterSnapshots } from "@/lib/store/clusters";
import { PostgresSyncHandle } from "@/lib/store/postgres/sync-client";
import { replicateSnapshot } from "@/lib/store/replicate";
import { waitUp } from "./wait-up";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { snapshots: { type: "string" }, clusters: { type: "string" }, runs: { type: "string" }, backends: { type: "string" } },
});
const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "bench", "out");
const PORT = Number(process.env.HISTORY_PORT ?? 3431);
const size = positionals[0] ?? "xl";
const total = Number(values.snapshots ?? 20);
const clusters = Number(values.clusters ?? 4);
const runs = Number(values.runs ?? 5);
const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const TARGET_MS = 300;

type Backend = "sqlite" | "postgresql";

function run(args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, RBAC_ATLAS_ROOT: ROOT } });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed (${r.status})`);
}

function dump(): string {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${size}-seed1.json`);
  if (!fs.existsSync(file)) run([tsx, "lib/gen/main.ts", "--size", size, "-o", file]);
  return file;
}

function freshLocation(backend: Backend, server: string | undefined): { location: string; drop: () => void } {
  if (backend === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-bench-history-"));
    return { location: path.join(dir, "history.db"), drop: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `atlas_history_${randomBytes(4).toString("hex")}`;
  const admin = new PostgresSyncHandle(server!);
  admin.exec(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  const url = new URL(server!);
  url.pathname = `/${name}`;
  return {
    location: url.toString(),
    drop: () => {
      admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      admin.close();
    },
  };
}


interface Timing {
  readonly ms: number;
  /** The first request (cold caches: a snapshot's parsed analysis, its compiled policy). */
  readonly first: number;
  readonly status: number;
}

/**
 * A fetch that retries once on a connection error: the copies keep the server idle for minutes,
 * past its keep-alive timeout, and the first request after them would go out on a closed socket.
 */
async function fetchFresh(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
}

async function p50(url: string): Promise<Timing> {
  const t0 = performance.now();
  await fetchFresh(url).then((r) => r.text());
  const first = performance.now() - t0;
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await fetchFresh(url);
    await r.text();
    times.push(performance.now() - t);
    status = r.status;
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!, first, status };
}

/** The pages, by label; `undefined` when a page does not apply yet (drift with one snapshot). */
function pages(drift: { from: number; to: number } | undefined): [string, string | undefined][] {
  const s = "/snapshots/1";
  return [
    ["clusters overview", "/clusters"],
    ["cluster history (xl-0)", "/clusters/xl-0"],
    ["snapshot list", "/snapshots"],
    ["sidebar list (GET /api/snapshots)", "/api/snapshots"],
    ["drift, consecutive snapshots", drift && `/drift?from=${drift.from}&to=${drift.to}`],
    ["snapshot overview", s],
    ["subjects", `${s}/subjects`],
    ["roles", `${s}/roles`],
    ["bindings", `${s}/bindings`],
    ["pods", `${s}/pods`],
    ["escalations", `${s}/escalations`],
    ["findings", `${s}/findings`],
    ["who-can", `${s}/who-can?verb=get&type=secrets&all=on`],
    ["can-i", `${s}/can-i?user=system%3Aserviceaccount%3Aci%3Adeployer&verb=get&type=secrets&namespace=payments`],
    ["graph", `${s}/graph?focus=ClusterAdmin&depth=2`],
  ];
}

async function measure(base: string, list: [string, string | undefined][]): Promise<Map<string, Timing>> {
  const out = new Map<string, Timing>();
  for (const [label, page] of list) if (page) out.set(label, await p50(base + page));
  return out;
}

async function benchBackend(backend: Backend, server: string | undefined, file: string): Promise<void> {
  const { location, drop } = freshLocation(backend, server);
  let next: ChildProcess | undefined;
  try {
    let t = performance.now();
    run([tsx, "lib/cli/main.ts", "ingest", file, "--db", location, "--name", size.toUpperCase(), "--cluster", "xl-0"]);
    console.log(`\n-- ${backend}: ${size.toUpperCase()} ingested in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    next = spawn(process.execPath, [nextBin, "start", "-p", String(PORT), "-H", "127.0.0.1"], {
      cwd: ROOT,
      env: { ...process.env, RBAC_ATLAS_DB: location, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${PORT}`;
    await waitUp(base);
    const health = await p50(`${base}/api/health`);
    console.log(`baseline GET /api/health: p50 ${health.ms.toFixed(1)} ms`);
    const one = await measure(base, pages(undefined));
    // printed as soon as measured: the copies below take a while on a loaded machine
    for (const [label, m] of one) console.log(`1 snapshot: ${label.padEnd(36)} p50 ${m.ms.toFixed(0)} ms, first ${m.first.toFixed(0)} ms${m.status === 200 ? "" : ` (HTTP ${m.status})`}`);

    t = performance.now();
    const db = openDatabase(location);
    const start = Date.now();
    for (let k = 1; k < total; k++) {
      const copyStarted = performance.now();
      const copy = replicateSnapshot(db, 1, {
        cluster: { kind: "files", name: `xl-${k % clusters}` },
        createdAt: start + k * 60_000,
        name: `${size.toUpperCase()} copy ${k}`,
        churn: { every: 50, offset: k % 50 },
      });
      console.log(`copy ${k}: snapshot ${copy} in ${((performance.now() - copyStarted) / 1000).toFixed(0)} s`);
    }
    const [newest, previous] = listClusterSnapshots(db, findClusterByName(db, "xl-1")!.id);
    await closeDatabase(db);
    console.log(`${total - 1} copies of snapshot 1 over ${clusters} clusters made in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    const drift = newest && previous ? { from: previous.id, to: newest.id } : undefined;
    const twenty = await measure(base, pages(drift));

    console.log(`p50 of ${runs} after one warm-up request (whose time is the "first" column), ms`);
    console.log(`${"page".padEnd(36)}${"1 snapshot".padStart(12)}${`${total} snapshots`.padStart(14)}  ratio   < ${TARGET_MS} ms  first (1 / ${total})`);
    for (const [label] of pages(drift)) {
      const a = one.get(label);
      const b = twenty.get(label);
      const cell = (m: Timing | undefined) => (m ? `${m.ms.toFixed(0)} ms${m.status === 200 ? "" : ` (${m.status})`}` : "–");
      const ratio = a && b ? `${(b.ms / a.ms).toFixed(2)}×` : "";
      const first = `${a ? a.first.toFixed(0) : "–"} / ${b ? b.first.toFixed(0) : "–"}`;
      console.log(`${label.padEnd(36)}${cell(a).padStart(12)}${cell(b).padStart(14)}  ${ratio.padEnd(7)} ${(b ? (b.ms < TARGET_MS ? "yes" : "NO") : "").padEnd(10)}${first}`);
    }
  } finally {
    next?.kill("SIGTERM");
    if (next && next.exitCode === null) await new Promise((r) => next!.once("exit", r));
    drop();
  }
}

async function main(): Promise<void> {
  const server = process.env.RBAC_ATLAS_BENCH_POSTGRES_URL ?? process.env.RBAC_ATLAS_TEST_POSTGRES_URL;
  const backends = (values.backends ?? "sqlite,postgresql").split(",") as Backend[];
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) run([nextBin, "build"]);
  const file = dump();
  for (const backend of backends) {
    if (backend === "postgresql" && !server) {
      console.log("\n-- postgresql: skipped (set RBAC_ATLAS_BENCH_POSTGRES_URL to a PostgreSQL admin URL)");
      continue;
    }
    await benchBackend(backend, server, file);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
