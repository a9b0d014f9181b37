/**
 * The ingest of a large upload, run in a child process so the server keeps answering while it is
 * parsed, stored and analysed (and its memory is returned when it exits). Reads one job as JSON on
 * stdin, writes one result as JSON on stdout. Started by import-offthread.ts.
 */
import fs from "node:fs";
import { ingestUpload, type ChildJob, type ChildResult } from "./import-offthread";

async function main(): Promise<ChildResult> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const job = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChildJob;
  const uploads = job.files.map((f) => ({ name: f.name, bytes: fs.readFileSync(f.tmp) }));
  return ingestUpload(job.database, uploads, job);
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error: unknown) => {
    process.stdout.write(JSON.stringify({ kind: "crashed", message: error instanceof Error ? error.message : String(error) } satisfies ChildResult));
    process.exitCode = 1;
  },
);
