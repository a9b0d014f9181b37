/**
 * Ingest parse benchmark (not a test): for each size, generate the dump once (bench/out/<size>.json),
 * then in fresh processes time JSON.parse of the bytes (the floor) and parseSources of the same
 * bytes, with objects/s and peak RSS.
 *
 *   npx tsx bench/ingest-parse.ts [l,xl] [--seed N]
 */

import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { generateCluster, writeClusterJson, type ClusterSize } from "@/lib/gen/generate";
import { formatIssue, parseSources } from "@/lib/ingest";

const OUT = path.resolve(import.meta.dirname, "out");

interface Measure {
  readonly ms: number;
  readonly objects: number;
  readonly rssMB: number;
}

async function ensureDump(size: ClusterSize, seed: number): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${size}-seed${seed}.json`);
  if (existsSync(file)) return file;
  const stream = createWriteStream(file);
  const t0 = performance.now();
  const n = await writeClusterJson(generateCluster(size, seed), (chunk) => new Promise<void>((res, rej) => stream.write(chunk, (e) => (e ? rej(e) : res()))));
  await new Promise<void>((res) => stream.end(res));
  console.error(`generated ${size}: ${n} objects in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}`);
  return file;
}

/** Runs in a child process: one measurement, printed as JSON. */
function child(mode: "json" | "ingest", file: string): void {
  const content = readFileSync(file, "utf8");
  const t0 = performance.now();
  let objects = 0;
  if (mode === "json") {
    const parsed = JSON.parse(content) as { items: unknown[] };
    objects = parsed.items.length;
  } else {
    const r = parseSources([{ path: file, content }], { maxBytes: 2 ** 31 });
    if (!r.ok) throw new Error(r.issues.slice(0, 5).map(formatIssue).join("\n"));
    objects = r.objects.length;
  }
  const ms = performance.now() - t0;
  const m: Measure = { ms, objects, rssMB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(m));
}

function measure(mode: "json" | "ingest", file: string): Measure {
  const r = spawnSync(process.execPath, ["--max-old-space-size=12000", ...process.execArgv, import.meta.filename, "--child", mode, file], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Measure;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--child") {
    child(args[1] as "json" | "ingest", args[2] ?? "");
    return;
  }
  const seedAt = args.indexOf("--seed");
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
  const positional = args.filter((a, i) => !a.startsWith("--") && !(seedAt >= 0 && i === seedAt + 1));
  const sizes = (positional[0] ?? "l,xl").split(",") as ClusterSize[];
  console.log("size  MB      objects   JSON.parse   parseSources   objects/s   ratio   peak RSS (json / ingest)");
  for (const size of sizes) {
    const file = await ensureDump(size, seed);
    const mb = statSync(file).size / 1024 / 1024;
    const json = measure("json", file);
    const ingest = measure("ingest", file);
    console.log(
      [
        size.padEnd(5),
        mb.toFixed(0).padEnd(7),
        String(ingest.objects).padEnd(9),
        `${(json.ms / 1000).toFixed(2)} s`.padEnd(12),
        `${(ingest.ms / 1000).toFixed(2)} s`.padEnd(14),
        String(Math.round(ingest.objects / (ingest.ms / 1000))).padEnd(11),
        `${(ingest.ms / json.ms).toFixed(2)}x`.padEnd(7),
        `${json.rssMB.toFixed(0)} MB / ${ingest.rssMB.toFixed(0)} MB`,
      ].join(" "),
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
