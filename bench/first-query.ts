/**
 * "The first query after server start": a fresh process opens a stored snapshot and answers one
 * can-i and one who-can — reading the RBAC objects from SQLite, compiling the policy, querying.
 * The snapshot is stored once (without the escalation analysis, which this does not read).
 *
 *   npx tsx bench/first-query.ts [l|xl]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { formatIssue, parseSources } from "@/lib/ingest";
import { canI, identityFor, resourceRequest, whoCan } from "@/lib/rbac";
import { compiledSnapshot } from "@/lib/query/compiled-cache";
import { closeDatabase, openDatabase, writeSnapshot } from "@/lib/store";

const OUT = path.resolve(import.meta.dirname, "out");

async function prepare(size: string): Promise<string> {
  const dbFile = path.join(OUT, `${size}-first-query.db`);
  if (fs.existsSync(dbFile)) return dbFile;
  const dump = path.join(OUT, `${size}-seed1.json`);
  if (!fs.existsSync(dump)) throw new Error(`${dump} missing: run npx tsx bench/ingest-parse.ts ${size} first`);
  const parsed = parseSources([{ path: dump, content: fs.readFileSync(dump, "utf8") }], { maxBytes: 2 ** 31 });
  if (!parsed.ok) throw new Error(parsed.issues.slice(0, 3).map(formatIssue).join("\n"));
  const db = openDatabase(dbFile);
  writeSnapshot(db, { name: size, source: "files", sha256: parsed.summary.sha256, inputBytes: parsed.summary.bytes, counts: parsed.summary.counts, skipped: [], warnings: [], origin: {}, objects: parsed.objects });
  await closeDatabase(db);
  return dbFile;
}

async function child(dbFile: string): Promise<void> {
  const t0 = performance.now();
  const db = openDatabase(dbFile);
  const compiled = compiledSnapshot(db, 1);
  const t1 = performance.now();
  const decision = canI(compiled.policy, identityFor("system:serviceaccount:ci:deployer"), resourceRequest({ verb: "create", resource: "pods", namespace: "kube-system" }));
  const t2 = performance.now();
  const who = whoCan(compiled.policy, resourceRequest({ verb: "get", resource: "secrets", namespace: "kube-system" }), { serviceAccounts: compiled.serviceAccounts });
  const t3 = performance.now();
  process.stdout.write(
    JSON.stringify({ loadAndCompileMs: t1 - t0, firstCanIMs: t2 - t1, firstWhoCanMs: t3 - t2, totalMs: t3 - t0, allowed: decision.allowed, whoCanSubjects: who.subjects.length, rssMB: process.resourceUsage().maxRSS / 1024 }),
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--child") return child(args[1] ?? "");
  const size = args[0] ?? "xl";
  const dbFile = await prepare(size);
  const run = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--child", dbFile], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (run.status !== 0) throw new Error("child failed");
  const m = JSON.parse(run.stdout) as Record<string, number>;
  const s = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;
  console.log(`first query after start (${size}): load+compile ${s(m.loadAndCompileMs)}, first can-i ${(m.firstCanIMs ?? 0).toFixed(2)} ms, first who-can ${(m.firstWhoCanMs ?? 0).toFixed(1)} ms, total ${s(m.totalMs)} (target < 3 s: ${((m.totalMs ?? 0) / 3000).toFixed(2)}×), peak RSS ${(m.rssMB ?? 0).toFixed(0)} MB`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
