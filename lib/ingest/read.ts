/**
 * File-system front of the ingest: paths the user named → SourceFile[]. No parsing here.
 * Directories are walked recursively for *.yaml, *.yml and *.json (sorted, so the snapshot hash is
 * stable); "-" reads stdin. Sizes are checked with stat before reading.
 */

import { promises as fs } from "node:fs";
import path from "node:path";
import type { IngestIssue } from "@/lib/ingest/issues";
import { DEFAULT_MAX_BYTES, tooLargeMessage } from "@/lib/ingest/parse";
import type { SourceFile } from "@/lib/ingest/types";
import { ConfigError, decodeStrict, EncodingError, InputTooLargeError, readBounded } from "@/lib/ingest/limits";

export const MAX_BYTES_ENV = "RBAC_ATLAS_MAX_BYTES";

const UNITS: Readonly<Record<string, number>> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/**
 * The size limit from RBAC_ATLAS_MAX_BYTES ("5000000", "500MB", "1GiB"), else DEFAULT_MAX_BYTES.
 * Throws on a value that is set but not a positive size (a misconfiguration, not bad input).
 */
export function maxBytesFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env[MAX_BYTES_ENV];
  if (raw === undefined || raw.trim() === "") return DEFAULT_MAX_BYTES;
  const bytes = parseByteSize(raw);
  if (bytes === undefined) {
    throw new ConfigError(`${MAX_BYTES_ENV}=${JSON.stringify(raw.slice(0, 40))} is not a size (examples: 5000000, 500MB, 1GiB)`);
  }
  return bytes;
}

/** "5000000", "500MB", "1GiB" → bytes (binary units); undefined when not a positive size. */
export function parseByteSize(raw: string): number | undefined {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(raw);
  const factor = UNITS[m?.[2]?.toLowerCase() ?? ""];
  if (m === null || m[1] === undefined || factor === undefined || Number(m[1]) <= 0) return undefined;
  return Number(m[1]) * factor;
}

const SOURCE_EXTENSIONS = [".yaml", ".yml", ".json"];

export function isSourceFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** UTF-8 (with or without BOM) and UTF-16 with BOM, strictly (see lib/ingest/limits.ts). */
export function decodeText(buf: Buffer): string {
  return decodeStrict(buf);
}

/** Reads stdin, giving up as soon as it passes the size limit. */
async function readStdin(maxBytes: number): Promise<string> {
  return readBounded(process.stdin, maxBytes);
}

function errorText(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (typeof code === "string") return code;
  return e instanceof Error ? e.message : String(e);
}

/** Files under a directory, recursively, sorted by path; symlink loops are skipped. */
async function listDirectory(dir: string, seen: Set<string>): Promise<string[]> {
  const real = await fs.realpath(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const st = await fs.stat(full).catch(() => undefined);
      isDir = st?.isDirectory() ?? false;
      isFile = st?.isFile() ?? false;
    }
    if (isDir) out.push(...(await listDirectory(full, seen)));
    else if (isFile && isSourceFileName(e.name)) out.push(full);
  }
  return out;
}

export async function readSourcePaths(
  paths: readonly string[],
  options: { maxBytes?: number; stdin?: (maxBytes: number) => Promise<string> } = {},
): Promise<{ ok: true; files: SourceFile[] } | { ok: false; issues: IngestIssue[] }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (paths.length === 0) return { ok: false, issues: [{ code: "EMPTY_INPUT", file: "", message: "no input paths given" }] };

  // Expand directories first; errors are collected for every path.
  const issues: IngestIssue[] = [];
  const targets: string[] = [];
  let stdinUsed = false;
  for (const p of paths) {
    if (p === "-") {
      if (stdinUsed) issues.push({ code: "READ_ERROR", file: p, message: "stdin (-) given more than once" });
      stdinUsed = true;
      targets.push(p);
      continue;
    }
    try {
      const st = await fs.stat(p);
      if (st.isDirectory()) {
        const found = await listDirectory(p, new Set());
        if (found.length === 0) issues.push({ code: "EMPTY_INPUT", file: p, message: "the directory holds no *.yaml, *.yml or *.json files" });
        targets.push(...found);
      } else {
        targets.push(p);
      }
    } catch (e) {
      issues.push({ code: "READ_ERROR", file: p, message: `cannot read: ${errorText(e)}` });
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const files: SourceFile[] = [];
  let total = 0;
  for (const t of targets) {
    try {
      let content: string;
      if (t === "-") {
        content = options.stdin !== undefined ? await options.stdin(maxBytes - total) : await readStdin(maxBytes - total);
        total += Buffer.byteLength(content, "utf8");
      } else {
        const size = (await fs.stat(t)).size;
        total += size;
        if (total > maxBytes) {
          return { ok: false, issues: [{ code: "TOO_LARGE", file: t, message: tooLargeMessage(maxBytes, { file: size, total }) }] };
        }
        content = decodeText(await fs.readFile(t));
      }
      if (total > maxBytes) {
        return { ok: false, issues: [{ code: "TOO_LARGE", file: t, message: tooLargeMessage(maxBytes, { total }) }] };
      }
      files.push({ path: t, content });
    } catch (e) {
      if (e instanceof InputTooLargeError) {
        return { ok: false, issues: [{ code: "TOO_LARGE", file: t, message: tooLargeMessage(maxBytes) }] };
      }
      if (e instanceof EncodingError) {
        issues.push({ code: "ENCODING", file: t, message: e.message });
        continue;
      }
      issues.push({ code: "READ_ERROR", file: t, message: `cannot read: ${errorText(e)}` });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, files };
}
