import fs from "node:fs";
import path from "node:path";
import { parseTrustFile, TrustFileError } from "@/lib/ingest/trust-file";
import type { TrustSpec } from "@/lib/analysis/trust";
import { userWorkingDirectory } from "@/lib/store/paths";
import { InputError } from "./input-error";

/**
 * Reads and validates `--trust FILE`; a bad file is an InputError (exit 2) naming the file and entry.
 * A module of its own because it loads the YAML parser, which questions without --trust never need.
 */
export function loadTrustFile(file: string | undefined): TrustSpec | undefined {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(userWorkingDirectory(), file), "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read the trust file: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseTrustFile(text, file);
  } catch (error) {
    if (error instanceof TrustFileError) throw new InputError(error.message);
    throw error;
  }
}
