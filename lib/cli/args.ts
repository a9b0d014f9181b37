import { parseArgs, type ParseArgsConfig } from "node:util";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Options every command that reads a cluster accepts. */
export const INPUT_OPTIONS = {
  file: { type: "string", short: "f", multiple: true },
  snapshot: { type: "string" },
  /** Issue 13: pick a cluster, then --snapshot within it (default its newest analysed snapshot). */
  cluster: { type: "string" },
  db: { type: "string" },
  output: { type: "string", short: "o" },
  /** v2 §2.9: a trust file (trusted principals, protected causes), applied to the analysis. */
  trust: { type: "string" },
  /** v2 §1.13 modelling switches, `NAME=VALUE` (repeatable), applied to a fresh analysis. */
  setting: { type: "string", multiple: true },
} as const satisfies OptionSpec;

export interface ParsedArgs<O extends OptionSpec> {
  readonly values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>["values"];
  readonly positionals: string[];
}

/** Strict parsing: an unknown flag is a usage error (exit 2), never silently ignored. */
export function parseCommandArgs<O extends OptionSpec>(argv: readonly string[], options: O): ParsedArgs<O> {
  try {
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export type OutputFormat = "human" | "json";

export function outputFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === "" || value === "human" || value === "text" || value === "wide") return "human";
  if (value === "json") return "json";
  throw new UsageError(`unknown output format "${value}" (use -o json)`);
}
