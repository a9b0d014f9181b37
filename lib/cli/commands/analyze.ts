import { analyzeSnapshot } from "@/lib/pipeline/analyze-snapshot";
import { findSnapshot, openDatabase, parseSnapshotId } from "@/lib/store";
import { outputFormat, parseCommandArgs, UsageError } from "../args";
import { InputError } from "../cluster-input";
import { EXIT, printJson, type CliIO } from "../io";
import { keepTrustFile } from "../trust-input";

/**
 * (Re-)runs the escalation analysis of a stored snapshot — the way out of a `pending` snapshot whose
 * ingest was killed, or a `failed` one. With `--trust FILE` the trust file is validated and kept with
 * the database first (v2 §2.9), so this and every later analysis applies it. Exit 0 when the
 * analysis is stored, 2 for a bad or unknown id or a bad trust file, 3 when the analysis itself fails
 * (the snapshot is then marked `failed`).
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { snapshot: { type: "string" }, db: { type: "string" }, output: { type: "string", short: "o" }, trust: { type: "string" } });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  if (values.snapshot === undefined) throw new UsageError("--snapshot ID is required (rbac-atlas snapshots lists them with their analysis state)");
  const id = parseSnapshotId(values.snapshot);
  if (typeof id !== "number") throw new UsageError(`--snapshot expects a snapshot id, got "${values.snapshot}"`);
  const db = openDatabase(values.db);
  if (!(await findSnapshot(db, id))) throw new InputError(`snapshot ${id} does not exist in ${db.file}`);
  if (values.trust !== undefined) keepTrustFile(db, values.trust);
  const { durationMs } = analyzeSnapshot(db, id);
  const snapshot = await findSnapshot(db, id);
  if (format === "json") printJson(io, { snapshot });
  else io.out(`snapshot ${id}: analysis ${snapshot?.analysisState ?? "ready"} (${(durationMs / 1000).toFixed(1)} s)`);
  return EXIT.ok;
}
