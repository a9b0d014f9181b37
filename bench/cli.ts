/**
 * The command line as users time it, each figure beside its baseline measured in the same run:
 * - `can-i` on a small file, wall incl. process start, vs `kubectl version --client` (goal ≤ 4×);
 * - `can-i` / `who-can` / `paths` against a stored snapshot from a fresh process (goal < 300 ms);
 * - `ingest` (parse + store + analysis) wall vs `JSON.parse` of the same bytes (goal ≤ 6× at XL),
 *   its peak RSS (goal < 1.5 GiB at XL) and the database size vs the input (goal ≤ 2× at XL).
 * Everything runs the installed entry point (bin/rbac-atlas.mjs, the compiled bundle), as users do.
 *
 *   npx tsx bench/cli.ts [l,xl] [--reuse]   (dumps: bench/out/SIZE-seed1.json, written by ingest-parse.ts or here;
 *                                           --reuse: question an already ingested bench/out/SIZE-cli.db)
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { generateCluster, writeClusterJson, type ClusterSize } from "@/lib/gen/generate";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "bench", "out");
const BIN = path.join(ROOT, "bin", "rbac-atlas.mjs");
const RUNS = 7;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const GNU_TIME = fs.existsSync("/usr/bin/time");
/** CPU time (user + system) of each timed run, in ms: on a shared, loaded machine wall time mostly measures the queue. */
const cpuOf = new Map<string, number>();

/** Wall time of a command in ms (median of RUNS), checking that it exits as expected; its median CPU time goes to cpuOf. */
function wall(command: string, args: readonly string[], okCodes: readonly number[] = [0]): number {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const run = GNU_TIME
      ? spawnSync("/usr/bin/time", ["-f", "%U %S", command, ...args], { cwd: OUT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" })
      : spawnSync(command, args, { cwd: OUT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    times.push(performance.now() - started);
    const code = GNU_TIME ? Number(/Command exited with non-zero status (\d+)/.exec(run.stderr)?.[1] ?? run.status) : run.status;
    if (!okCodes.includes(code ?? -1)) throw new Error(`${command} ${args.join(" ")} exited ${code}: ${run.stderr}`);
    const [user, system] = (run.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
    if (GNU_TIME && user !== undefined && system !== undefined) cpu.push((user + system) * 1000);
  }
  const key = `${command} ${args.join(" ")}`;
  if (cpu.length > 0) cpuOf.set(key, median(cpu));
  return median(times);
}

function cpuText(command: string, args: readonly string[]): string {
  const ms = cpuOf.get(`${command} ${args.join(" ")}`);
  return ms === undefined ? "" : ` (CPU ${fmt(ms)})`;
}

/** Wall (ms) and peak RSS (MB) of one run, through GNU time when it is installed. */
function measuredOnce(args: readonly string[]): { ms: number; rssMB: number | undefined } {
  const gnuTime = fs.existsSync("/usr/bin/time");
  const started = performance.now();
  const run = gnuTime
    ? spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, BIN, ...args], { cwd: OUT, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] })
    : spawnSync(process.execPath, [BIN, ...args], { cwd: OUT, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`rbac-atlas ${args.join(" ")} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const kb = gnuTime ? Number(run.stderr.trim().split("\n").pop()) : Number.NaN;
  return { ms, rssMB: Number.isFinite(kb) ? kb / 1024 : undefined };
}

async function dumpFor(size: ClusterSize): Promise<string> {
  const file = path.join(OUT, `${size}-seed1.json`);
  if (fs.existsSync(file)) return file;
  const out = fs.createWriteStream(file);
  await writeClusterJson(generateCluster(size, 1), (chunk) => new Promise<void>((resolve) => (out.write(chunk) ? resolve() : out.once("drain", () => resolve()))));
  await new Promise<void>((resolve) => out.end(resolve));
  return file;
}

function jsonParseMs(file: string): number {
  const text = fs.readFileSync(file, "utf8");
  const started = performance.now();
  JSON.parse(text);
  return performance.now() - started;
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const positional = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
  const reuse = process.argv.includes("--reuse");
  const sizes = (positional[0] ?? "l,xl").split(",") as ClusterSize[];
  // Compile the bundle first, so no measured call pays for it.
  execFileSync(process.execPath, [path.join(ROOT, "bin", "cli-bundle.mjs")], { stdio: "ignore" });

  const kubectl = spawnSync("sh", ["-c", "command -v kubectl"], { encoding: "utf8" }).stdout.trim();
  const baseline = kubectl ? wall(kubectl, ["version", "--client"]) : undefined;
  const nodeStart = wall(process.execPath, ["-e", "0"]);
  const small = path.join(ROOT, "fixtures", "escalation", "POD_EXEC.yaml");
  const smallArgs = [BIN, "can-i", "get", "pods", "-n", "default", "--as", "alice", "-f", small, "-o", "json"];
  const smallCanI = wall(process.execPath, smallArgs, [0, 1]);
  console.log(
    `can-i on a small file: ${fmt(smallCanI)} wall${cpuText(process.execPath, smallArgs)}; kubectl version --client ${baseline === undefined ? "n/a (no kubectl)" : `${fmt(baseline)}${cpuText(kubectl, ["version", "--client"])}`}` +
      `${baseline === undefined ? "" : ` → ${ratio(smallCanI, baseline)} kubectl (goal ≤ 4×)`}; node -e 0 ${fmt(nodeStart)}${cpuText(process.execPath, ["-e", "0"])}`,
  );

  for (const size of sizes) {
    const dump = await dumpFor(size);
    const inputBytes = fs.statSync(dump).size;
    const parseMs = jsonParseMs(dump);
    const db = path.join(OUT, `${size}-cli.db`);
    const dbBytes = () => ["", "-wal"].reduce((sum, suffix) => sum + (fs.statSync(db + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);
    if (reuse && fs.existsSync(db)) {
      console.log(`${size.toUpperCase()}: reusing ${path.relative(ROOT, db)} (--reuse: ingest not measured; database ${(dbBytes() / 1e6).toFixed(0)} MB = ${(dbBytes() / inputBytes).toFixed(2)}× the input)`);
    } else {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(db + suffix, { force: true });
      const ingest = measuredOnce(["ingest", dump, "--db", db, "-o", "json"]);
      console.log(
        `${size.toUpperCase()} ingest + analysis: ${fmt(ingest.ms)} wall = ${ratio(ingest.ms, parseMs)} JSON.parse of the same ${(inputBytes / 1e6).toFixed(0)} MB (${fmt(parseMs)}; goal ≤ 6× at XL, < 4 s at L); ` +
          `peak RSS ${ingest.rssMB === undefined ? "n/a" : `${(ingest.rssMB / 1024).toFixed(2)} GiB`} (goal < 1.5 GiB at XL); ` +
          `database ${(dbBytes() / 1e6).toFixed(0)} MB = ${(dbBytes() / inputBytes).toFixed(2)}× the input (goal ≤ 2×)`,
      );
    }
    const questions: [string, string[], number[]][] = [
      ["can-i", ["can-i", "create", "pods", "-n", "kube-system", "--as", "system:serviceaccount:ci:deployer"], [0, 1]],
      ["can-i (a no, with near misses)", ["can-i", "delete", "nodes", "--as", "system:serviceaccount:ci:deployer"], [0, 1]],
      ["who-can", ["who-can", "get", "secrets", "-n", "kube-system"], [0]],
      ["paths", ["paths", "--to", "ClusterAdmin"], [0]],
    ];
    for (const [name, args, codes] of questions) {
      const full = [BIN, ...args, "--db", db, "-o", "json"];
      const ms = wall(process.execPath, full, codes);
      console.log(
        `${size.toUpperCase()} stored ${name} from a fresh process: ${fmt(ms)} wall${cpuText(process.execPath, full)} (goal < 300 ms)` +
          `${baseline === undefined ? "" : `, ${ratio(ms, baseline)} kubectl version --client`}, ${ratio(ms, nodeStart)} node -e 0`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
