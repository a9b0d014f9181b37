/**
 * Uploads are ingested one at a time per database (ingest-queue.ts); a large one in a child process
 * (lib/pipeline/ingest-child.ts): parsing and analysing an L dump takes seconds of CPU that would
 * otherwise stall every other request of the server. A small one (at most IN_PROCESS_MAX_BYTES)
 * takes milliseconds, less than starting a process, and is ingested here.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { decodeText } from "@/lib/ingest";
import type { IngestIssue } from "@/lib/ingest/issues";
import { EncodingError } from "@/lib/ingest/limits";
import { openDatabase, projectRoot, StorageError, type SnapshotSource, type SnapshotSummary, type StorageProblem } from "@/lib/store";
import { importFiles } from "./import-snapshot";
import { runQueued } from "./ingest-queue";

export const IN_PROCESS_MAX_BYTES = 512 * 1024;

export interface ChildJob {
  readonly database: string;
  readonly name: string;
  readonly source: SnapshotSource;
  readonly maxBytes: number;
  /** The name the user gave each file, and where its bytes wait. */
  readonly files: readonly { readonly name: string; readonly tmp: string }[];
}

export type ChildResult =
  | { readonly kind: "stored"; readonly snapshot: SnapshotSummary; readonly analysisError?: string }
  | { readonly kind: "invalid"; readonly issues: readonly IngestIssue[] }
  | { readonly kind: "storage"; readonly problem: StorageProblem; readonly message: string }
  | { readonly kind: "crashed"; readonly message: string };

export interface Upload {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export function importUploadOffThread(database: string, uploads: readonly Upload[], options: { name: string; source: SnapshotSource; maxBytes: number }): Promise<ChildResult> {
  const total = uploads.reduce((n, u) => n + u.bytes.length, 0);
  const task = total <= IN_PROCESS_MAX_BYTES ? () => ingestUpload(database, uploads, options) : () => runChild(database, uploads, options);
  return runQueued(database, { name: options.name, source: options.source }, task, (r) => (r.kind === "stored" ? r.snapshot.id : undefined));
}

/** Decode, parse, store and analyse one upload (in this process or the child). */
export async function ingestUpload(database: string, uploads: readonly Upload[], options: { name: string; source: SnapshotSource; maxBytes: number }): Promise<ChildResult> {
  const files = [];
  const issues: IngestIssue[] = [];
  for (const u of uploads) {
    try {
      files.push({ path: u.name, content: decodeText(Buffer.from(u.bytes.buffer, u.bytes.byteOffset, u.bytes.byteLength)) });
    } catch (error) {
      if (!(error instanceof EncodingError)) throw error;
      issues.push({ code: "ENCODING", file: u.name, message: error.message });
    }
  }
  if (issues.length > 0) return { kind: "invalid", issues };
  try {
    const db = openDatabase(database);
    const result = await importFiles(db, files, { name: options.name, source: options.source, maxBytes: options.maxBytes, origin: { files: uploads.map((u) => u.name) } });
    if (!result.ok) return { kind: "invalid", issues: result.issues };
    return { kind: "stored", snapshot: result.snapshot, ...(result.analysisError !== undefined && { analysisError: result.analysisError }) };
  } catch (error) {
    if (error instanceof StorageError) return { kind: "storage", problem: error.problem, message: error.message };
    throw error;
  }
}

async function runChild(database: string, uploads: readonly Upload[], options: { name: string; source: SnapshotSource; maxBytes: number }): Promise<ChildResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-upload-"));
  try {
    const files = uploads.map((u, i) => {
      const tmp = path.join(dir, String(i));
      fs.writeFileSync(tmp, u.bytes, { mode: 0o600 });
      return { name: u.name, tmp };
    });
    const job: ChildJob = { database, name: options.name, source: options.source, maxBytes: options.maxBytes, files };
    return await spawnChild(job);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function spawnChild(job: ChildJob): Promise<ChildResult> {
  const root = projectRoot();
  const tsx = createRequire(path.join(root, "package.json")).resolve("tsx/cli");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, path.join(root, "lib", "pipeline", "ingest-child.ts")], {
      cwd: root,
      env: { ...process.env, RBAC_ATLAS_ROOT: root, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      if (err.length < 4000) err += chunk.toString("utf8");
    });
    child.on("error", (error) => resolve({ kind: "crashed", message: error.message }));
    child.on("close", (code, signal) => {
      try {
        resolve(JSON.parse(Buffer.concat(out).toString("utf8")) as ChildResult);
      } catch {
        if (err) console.error(`ingest child: ${err}`);
        resolve({ kind: "crashed", message: `the ingest process stopped (${signal ?? `exit ${code}`}) before answering` });
      }
    });
    child.stdin.end(JSON.stringify(job));
  });
}
