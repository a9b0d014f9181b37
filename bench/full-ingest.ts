/**
 * The full ingest as the benchmarks time it (shared by ingest-store.ts and postgres.ts): read →
 * parse/validate → store (one transaction) → escalation analysis stored, in this process, on a
 * database location (SQLite file or PostgreSQL URL). Also the generated dump it reads, made once
 * under bench/out and reused.
 */
import fs from "node:fs";
import path from "node:path";
import { generateCluster, writeClusterJson, type ClusterSize } from "@/lib/gen/generate";
import { formatIssue, parseSources } from "@/lib/ingest";
import { analyzeSnapshot } from "@/lib/pipeline/analyze-snapshot";
import { writeParsed } from "@/lib/pipeline/import-snapshot";
import { openDatabase, type Database } from "@/lib/store";

export const OUT = path.resolve(import.meta.dirname, "out");

export async function ensureDump(size: ClusterSize, seed = 1): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${size}-seed${seed}.json`);
  if (fs.existsSync(file)) return file;
  // written under another name and renamed when done: an interrupted run leaves no half dump to reuse
  const partial = `${file}.partial`;
  const stream = fs.createWriteStream(partial);
  await writeClusterJson(generateCluster(size, seed), (chunk) => new Promise<void>((res, rej) => stream.write(chunk, (e) => (e ? rej(e) : res()))));
  await new Promise<void>((res) => stream.end(res));
  fs.renameSync(partial, file);
  return file;
}

/** CPU time (user + system) of this process, in ms. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export interface IngestMeasure {
  readonly objects: number;
  readonly jsonParseMs: number;
  readonly parseMs: number;
  readonly storeMs: number;
  readonly analysisMs: number;
  /** CPU of this process during store and analysis (the database server's own CPU is not in it). */
  readonly storeCpuMs: number;
  readonly analysisCpuMs: number;
  /** Peak RSS (MB) reached by the end of each stage. */
  readonly peakAfterParseMB: number;
  readonly peakAfterStoreMB: number;
}

/**
 * Ingests `file` into `location`; returns the measures and the open database with the snapshot's id
 * (the caller closes it). `around` wraps the store and analysis stages (a PostgreSQL caller reads the
 * server backend's CPU around them).
 */
export function fullIngest(file: string, location: string, around: { before?: (db: Database) => void; after?: (db: Database) => void } = {}): { measure: IngestMeasure; db: Database; id: number } {
  const content = fs.readFileSync(file, "utf8");
  let t = performance.now();
  JSON.parse(content);
  const jsonParseMs = performance.now() - t;
  t = performance.now();
  const parsed = parseSources([{ path: file, content }], { maxBytes: 2 ** 31 });
  if (!parsed.ok) throw new Error(parsed.issues.slice(0, 5).map(formatIssue).join("\n"));
  const parseMs = performance.now() - t;
  const peakAfterParseMB = process.resourceUsage().maxRSS / 1024;
  const db = openDatabase(location);
  around.before?.(db);
  let cpu = cpuMs();
  t = performance.now();
  const id = writeParsed(db, parsed.objects, parsed.summary, { name: path.basename(file), source: "files", origin: { files: [file] } });
  const storeMs = performance.now() - t;
  const storeCpuMs = cpuMs() - cpu;
  const peakAfterStoreMB = process.resourceUsage().maxRSS / 1024;
  cpu = cpuMs();
  t = performance.now();
  analyzeSnapshot(db, id);
  const analysisMs = performance.now() - t;
  const analysisCpuMs = cpuMs() - cpu;
  around.after?.(db);
  return {
    measure: { objects: parsed.objects.length, jsonParseMs, parseMs, storeMs, analysisMs, storeCpuMs, analysisCpuMs, peakAfterParseMB, peakAfterStoreMB },
    db,
    id,
  };
}
