/**
 * The ingest of an upload, run in a child process so the server keeps answering while a large
 * file is parsed, stored and analysed (and its memory is returned when it exits). Reads one job
 * as JSON on stdin, writes one result as JSON on stdout. Started by import-offthread.ts.
 */
import fs from "node:fs";
import { decodeText } from "@/lib/ingest";
import { EncodingError } from "@/lib/ingest/limits";
import type { IngestIssue } from "@/lib/ingest/issues";
import { openDatabase, StorageError } from "@/lib/store";
import { importFiles } from "./import-snapshot";
import type { ChildJob, ChildResult } from "./import-offthread";

async function main(): Promise<ChildResult> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const job = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChildJob;
  const files = [];
  const issues: IngestIssue[] = [];
  for (const f of job.files) {
    try {
      files.push({ path: f.name, content: decodeText(fs.readFileSync(f.tmp)) });
    } catch (error) {
      if (!(error instanceof EncodingError)) throw error;
      issues.push({ code: "ENCODING", file: f.name, message: error.message });
    }
  }
  if (issues.length > 0) return { kind: "invalid", issues };
  try {
    const db = openDatabase(job.database);
    const result = await importFiles(db, files, { name: job.name, source: job.source, maxBytes: job.maxBytes, origin: { files: job.files.map((f) => f.name) } });
    if (!result.ok) return { kind: "invalid", issues: result.issues };
    return { kind: "stored", snapshot: result.snapshot, ...(result.analysisError !== undefined && { analysisError: result.analysisError }) };
  } catch (error) {
    if (error instanceof StorageError) return { kind: "storage", problem: error.problem, message: error.message };
    throw error;
  }
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error: unknown) => {
    process.stdout.write(JSON.stringify({ kind: "crashed", message: error instanceof Error ? error.message : String(error) } satisfies ChildResult));
    process.exitCode = 1;
  },
);
