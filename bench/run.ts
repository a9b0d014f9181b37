/**
 * `npm run bench [-- NAME...]`: every benchmark, each in its own process (they measure peak RSS).
 * Names: ingest-parse, ingest-store, engine, first-query, analysis, live, cli, report, load, dashboard, clusters, history, postgres. Default: all, in that order.
 * Benchmarks, not timed tests: they print figures and fail only when a run breaks.
 */
import { spawnSync } from "node:child_process";
import { NODE_FLAGS } from "@/lib/cli/node-flags";
import path from "node:path";

const BENCHMARKS: Record<string, { readonly script: string; readonly args: readonly string[]; readonly what: string }> = {
  "ingest-parse": { script: "ingest-parse.ts", args: ["l,xl"], what: "parse/validate L and XL dumps vs JSON.parse of the same bytes" },
  "ingest-store": { script: "ingest-store.ts", args: ["l,xl"], what: "full ingest (parse + SQLite + analysis) of L and XL" },
  engine: { script: "engine.ts", args: [], what: "can-i / who-can on 100k RoleBindings, 50k ServiceAccounts" },
  "first-query": { script: "first-query.ts", args: ["xl"], what: "first can-i/who-can of a fresh process on the stored XL snapshot" },
  analysis: { script: "analysis.ts", args: ["xl"], what: "escalation analysis of the XL cluster" },
  live: { script: "live.ts", args: [], what: "live ingest of 50k served objects vs file ingest" },
  cli: { script: "cli.ts", args: ["l,xl"], what: "the compiled CLI vs kubectl, stored-snapshot questions, ingest wall/RSS/disk at L and XL" },
  load: { script: "load.ts", args: [], what: "50 clients × 30 s × 3 rounds on the production server (stored L): can-i, who-can, paths, escalations and findings pages" },
  report: { script: "report.ts", args: ["xl"], what: "audit report of XL in all six formats; scan of the demo as a fresh process" },
  dashboard: { script: "dashboard.ts", args: ["xl"], what: "stored XL: graph neighbourhood (in process and HTTP), every page's server time and HTML size, 2,000-element graph render in Chromium" },
  clusters: { script: "clusters.ts", args: ["200", "10"], what: "all-clusters overview and one cluster's history at 200 clusters × 10 snapshots vs listing the snapshots" },
  history: {
    script: "history.ts",
    args: ["xl"],
    what: "every page's server time with 1 stored XL snapshot, then with 20 XL-sized snapshots over 4 clusters (SQLite; PostgreSQL too when a server is given)",
  },
  postgres: { script: "postgres.ts", args: ["xl"], what: "XL ingest + analysis and stored page queries, PostgreSQL vs SQLite side by side (needs a server)" },
};

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(BENCHMARKS);
let failed = 0;
for (const name of names) {
  const bench = BENCHMARKS[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}" (${Object.keys(BENCHMARKS).join(", ")})`);
    process.exitCode = 2;
    continue;
  }
  console.log(`\n== ${name}: ${bench.what}`);
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    // the product's V8 settings (lib/cli/node-flags.ts), so a benchmark measures what users run
    ["--max-old-space-size=12000", ...NODE_FLAGS, path.join("node_modules", "tsx", "dist", "cli.mjs"), path.join(import.meta.dirname, bench.script), ...bench.args],
    { stdio: "inherit" },
  );
  console.log(`== ${name}: ${run.status === 0 ? "done" : `FAILED (exit ${run.status})`} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (run.status !== 0) failed++;
}
if (failed > 0) process.exitCode = 1;
