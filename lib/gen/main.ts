/**
 * npm run -s gen -- --size s|m|l|xl [--seed N] [-o FILE]
 * Writes a deterministic cluster dump as one JSON `kind: List` (stdout without -o), streamed.
 */

import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { CLUSTER_SIZES, generateCluster, writeClusterJson, type ClusterSize } from "@/lib/gen/generate";

const USAGE = "usage: npm run -s gen -- --size s|m|l|xl [--seed N] [-o FILE]";

function parseArgs(argv: readonly string[]): { size: ClusterSize; seed: number; out?: string } | string {
  let size: ClusterSize | undefined;
  let seed = 1;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--size" && value !== undefined) {
      if (!(CLUSTER_SIZES as readonly string[]).includes(value)) return `unknown size ${JSON.stringify(value)}`;
      size = value as ClusterSize;
      i++;
    } else if (arg === "--seed" && value !== undefined) {
      if (!/^\d+$/.test(value)) return "--seed takes a non-negative integer";
      seed = Number(value);
      i++;
    } else if ((arg === "-o" || arg === "--output") && value !== undefined) {
      out = value;
      i++;
    } else if (arg === "-h" || arg === "--help") {
      return "";
    } else {
      return `unexpected argument ${JSON.stringify(arg)}`;
    }
  }
  if (size === undefined) return "--size is required";
  return { size, seed, ...(out !== undefined && { out }) };
}

function writer(stream: Writable): (chunk: string) => Promise<void> {
  return (chunk) =>
    new Promise((resolve, reject) => {
      stream.write(chunk, (err) => (err ? reject(err) : resolve()));
    });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === "string") {
    if (args !== "") process.stderr.write(`${args}\n`);
    process.stderr.write(`${USAGE}\n`);
    return args === "" ? 0 : 2;
  }
  const stream: Writable = args.out === undefined ? process.stdout : createWriteStream(args.out);
  const count = await writeClusterJson(generateCluster(args.size, args.seed), writer(stream));
  if (args.out !== undefined) {
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    process.stderr.write(`wrote ${count} objects to ${args.out}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`gen: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
