/**
 * `npm run bench -- load`: the production server on the stored L snapshot under 50 concurrent
 * clients for 30 s per round, 3 rounds, on can-i, who-can and paths (API) and the escalations and
 * findings pages. Prints per endpoint requests, errors, p50 and p99, the server's RSS after each
 * round, and /api/health measured the same way as the baseline the figures are read against.
 * Loopback only. LOAD_SECONDS / LOAD_CLIENTS / LOAD_ROUNDS / LOAD_PORT override the defaults.
 *
 *   npx tsx bench/load.ts
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { waitUp } from "./wait-up";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "bench", "out");
const PORT = Number(process.env.LOAD_PORT ?? 3419);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const ROUNDS = Number(process.env.LOAD_ROUNDS ?? 3);
const BASE = `http://127.0.0.1:${PORT}`;
const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

const ENDPOINTS: Readonly<Record<string, string>> = {
  health: "/api/health",
  "can-i": "/api/snapshots/latest/can-i?verb=create&resource=pods&namespace=kube-system&as=system:serviceaccount:team-notifications-qa:store",
  "who-can": "/api/snapshots/latest/who-can?verb=get&resource=secrets&namespace=team-notifications-qa",
  paths: "/api/snapshots/latest/paths?to=ClusterAdmin&maxHops=3",
  "escalations page": "/snapshots/latest/escalations",
  "findings page": "/snapshots/latest/findings",
};

function run(args: string[], env: Record<string, string> = {}): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed (${r.status})`);
}

function prepare(): string {
  fs.mkdirSync(OUT, { recursive: true });
  const db = path.join(OUT, "l-load.db");
  if (fs.existsSync(db)) return db;
  const dump = path.join(OUT, "l-seed1.json");
  if (!fs.existsSync(dump)) run([tsx, "lib/gen/main.ts", "--size", "l", "-o", dump]);
  run([tsx, "lib/cli/main.ts", "ingest", dump, "--db", db, "--name", "L"], { RBAC_ATLAS_ROOT: ROOT });
  return db;
}

function rssMB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}


function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function round(): Promise<Map<string, { ms: number[]; errors: number }>> {
  const names = Object.keys(ENDPOINTS);
  const stats = new Map(names.map((n) => [n, { ms: [] as number[], errors: 0 }]));
  const until = performance.now() + SECONDS * 1000;
  let next = 0;
  const client = async () => {
    while (performance.now() < until) {
      const name = names[next++ % names.length] as string;
      const s = stats.get(name) as { ms: number[]; errors: number };
      const t0 = performance.now();
      try {
        const res = await fetch(BASE + ENDPOINTS[name]);
        await res.arrayBuffer();
        if (!res.ok) s.errors++;
      } catch {
        s.errors++;
      }
      s.ms.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return stats;
}

async function main(): Promise<void> {
  const db = prepare();
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) run([path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"]);
  const server = spawn(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, RBAC_ATLAS_DB: db, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitUp(BASE);
    for (const url of Object.values(ENDPOINTS)) await (await fetch(BASE + url)).arrayBuffer(); // warm: compile the policy, load the analysis
    console.log(`load: ${CLIENTS} clients × ${SECONDS} s × ${ROUNDS} rounds against ${BASE} (stored L snapshot); server RSS after warm-up ${rssMB(server.pid ?? 0).toFixed(0)} MB`);
    let totalErrors = 0;
    for (let r = 1; r <= ROUNDS; r++) {
      const stats = await round();
      const health = stats.get("health")?.ms.slice().sort((a, b) => a - b) ?? [];
      const baseline = percentile(health, 50);
      console.log(`round ${r}: server RSS ${rssMB(server.pid ?? 0).toFixed(0)} MB`);
      for (const [name, s] of stats) {
        const sorted = s.ms.slice().sort((a, b) => a - b);
        totalErrors += s.errors;
        const p50 = percentile(sorted, 50);
        console.log(
          `  ${name.padEnd(17)} ${String(sorted.length).padStart(6)} req  ${(sorted.length / SECONDS).toFixed(1).padStart(7)} req/s  errors ${s.errors}  p50 ${p50.toFixed(0).padStart(5)} ms  p99 ${percentile(sorted, 99).toFixed(0).padStart(5)} ms  p50 vs health ${(p50 / baseline).toFixed(1)}×`,
        );
      }
    }
    console.log(`load: ${totalErrors} errors in all`);
    if (totalErrors > 0) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
