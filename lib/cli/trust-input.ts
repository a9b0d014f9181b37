import fs from "node:fs";
import path from "node:path";
import { parseTrustFile, TrustFileError } from "@/lib/ingest/trust-file";
import type { TrustSpec } from "@/lib/analysis/trust";
import { userWorkingDirectory } from "@/lib/store/paths";
import type { RawDatabase } from "@/lib/store/raw-client";
import { saveTrustYaml } from "@/lib/store/trust";
import { InputError } from "./input-error";

/**
 * Reads and validates `--trust FILE`; a bad file is an InputError (exit 2) naming the file and entry.
 * A module of its own because it loads the YAML parser, which questions without --trust never need.
 */
export function loadTrustFile(file: string | undefined): TrustSpec | undefined {
  if (file === undefined) return undefined;
  return parseTrust(readTrustText(file), file);
}

/**
 * `--trust FILE` on a command that stores (ingest, analyze, serve): validated, then kept with the
 * database, so that every later analysis of any snapshot — and the dashboard — applies it (v2 §2.9).
 */
export function keepTrustFile(db: RawDatabase, file: string): TrustSpec {
  const text = readTrustText(file);
  const trust = parseTrust(text, file);
  saveTrustYaml(db, text);
  return trust;
}

function readTrustText(file: string): string {
  try {
    return fs.readFileSync(path.resolve(userWorkingDirectory(), file), "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read the trust file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseTrust(text: string, file: string): TrustSpec {
  try {
    return parseTrustFile(text, file);
  } catch (error) {
    if (error instanceof TrustFileError) throw new InputError(error.message);
    throw error;
  }
}
