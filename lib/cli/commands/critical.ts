import { analyzeSnapshot } from "@/lib/pipeline/analyze-snapshot";
import { parseCriticalRef } from "@/lib/query/critical";
import { findSnapshot, listCritical, markCritical, openRawDatabase, parseSnapshotId, unmarkCritical } from "@/lib/store/raw";
import { outputFormat, parseCommandArgs, UsageError } from "../args";
import { EXIT, printJson, type CliIO } from "../io";
import { clusterOption } from "../cluster-choice";

/**
 * Crown jewels: extra sinks of the escalation analysis (a Namespace, ServiceAccount or Secret).
 * Marks are kept for every snapshot; a change re-analyses the chosen snapshot (default latest).
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    add: { type: "string", multiple: true },
    remove: { type: "string", multiple: true },
    snapshot: { type: "string" },
    cluster: { type: "string" },
    db: { type: "string" },
    output: { type: "string", short: "o" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  const parse = (text: string) => {
    const parsed = parseCriticalRef(text);
    if (!parsed.ok) throw new UsageError(parsed.message);
    return parsed.mark;
  };
  const adds = (values.add ?? []).map(parse);
  const removes = (values.remove ?? []).map(parse);
  const db = openRawDatabase(values.db);
  let changed = false;
  for (const mark of adds) changed = markCritical(db, mark) || changed;
  for (const mark of removes) changed = unmarkCritical(db, mark) || changed;
  if (changed) {
    const wanted = parseSnapshotId(values.snapshot ?? "latest");
    if (wanted === undefined) throw new UsageError(`--snapshot expects an id or "latest", got "${values.snapshot}"`);
    const cluster = clusterOption(db, values.cluster);
    const snapshot = await findSnapshot(db, wanted, cluster ? { clusterId: cluster.id } : {});
    if (snapshot) {
      const { durationMs } = analyzeSnapshot(db, snapshot.id);
      io.err(`re-analysed snapshot ${snapshot.id} with the crown jewels (${(durationMs / 1000).toFixed(1)} s)`);
    }
  }
  const marks = listCritical(db);
  if (format === "json") printJson(io, { critical: marks });
  else if (marks.length === 0) io.out("no crown jewels marked (rbac-atlas critical --add Namespace/payments)");
  else for (const m of marks) io.out(m.namespace ? `${m.kind}/${m.namespace}/${m.name}` : `${m.kind}/${m.name}`);
  return EXIT.ok;
}
