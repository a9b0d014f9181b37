import { snapshotDrift } from "@/lib/query/drift";
import { markDriftTrust, untrustedCount } from "@/lib/query/drift-trust";
import { findSnapshot, openDatabase, parseSnapshotId, previousReadySnapshotId, readySnapshotIdAt } from "@/lib/store";
import { parseDuration } from "@/lib/pipeline/retention";
import { outputFormat, parseCommandArgs, UsageError } from "../args";
import { clusterOption, pickSnapshot } from "../cluster-choice";
import { InputError } from "../input-error";
import { EXIT, printJson, type CliIO } from "../io";
import { loadTrustFile } from "../trust-input";

/**
 * `rbac-atlas diff --from ID --to ID [-o json]`: drift between two stored snapshots. With
 * `--cluster NAME`, `--to` defaults to the cluster's default snapshot and `--from` to the analysed
 * snapshot before it, or the one in place `--since 24h` ago. Paths and findings carry `trusted` (v2
 * §1.11) from each snapshot's stored analysis, or from each analysed again with `--trust FILE`.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    from: { type: "string" },
    to: { type: "string" },
    cluster: { type: "string" },
    since: { type: "string" },
    trust: { type: "string" },
    db: { type: "string" },
    output: { type: "string", short: "o" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  const trust = loadTrustFile(values.trust);
  const db = openDatabase(values.db);
  let ids: [number, number];
  if (values.cluster !== undefined) {
    ids = await clusterPair(db, { cluster: values.cluster, from: values.from, to: values.to, since: values.since });
  } else {
    if (values.since !== undefined) throw new UsageError("--since needs --cluster NAME");
    if (!values.from || !values.to) throw new UsageError("diff needs --from ID and --to ID, or --cluster NAME");
    const found: number[] = [];
    for (const [flag, text] of [["--from", values.from], ["--to", values.to]] as const) {
      const id = parseSnapshotId(text);
      if (id === undefined) throw new UsageError(`${flag}: snapshot must be an id or "latest", got "${text}"`);
      const snapshot = await findSnapshot(db, id);
      if (!snapshot) {
        io.err(`${flag}: snapshot ${text} not found`);
        return EXIT.failure;
      }
      found.push(snapshot.id);
    }
    ids = [found[0] as number, found[1] as number];
  }
  const drift = markDriftTrust(db, snapshotDrift(db, ids[0], ids[1]), trust);
  if (format === "json") {
    printJson(io, drift);
    return EXIT.ok;
  }
  io.out(`snapshot ${drift.from} → ${drift.to}`);
  io.out(`objects: +${drift.objects.added.length} -${drift.objects.removed.length} ~${drift.objects.changed.length}`);
  io.out(`subjects with changed grants or permissions: ${drift.permissions.length}`);
  for (const p of drift.permissions.slice(0, 50)) {
    const who = `${p.subject.kind}/${p.subject.namespace ? `${p.subject.namespace}/` : ""}${p.subject.name}`;
    for (const g of p.gained) io.out(`  + ${who}: ${g}`);
    for (const g of p.lost) io.out(`  - ${who}: ${g}`);
    for (const g of p.effective.gained) io.out(`  + ${who} can now: ${g}`);
    for (const g of p.effective.lost) io.out(`  - ${who} can no longer: ${g}`);
  }
  // v2 §1.11: counts leave the trusted control plane out, and say how much of it there is.
  const untrusted = untrustedCount;
  const trustedNote = (a: readonly { trusted: boolean }[], b: readonly { trusted: boolean }[], words: (x: number, y: number) => string) => {
    const x = a.length - untrustedCount(a);
    const y = b.length - untrustedCount(b);
    return x + y === 0 ? "" : ` (trusted control plane: ${words(x, y)})`;
  };
  const { appeared, disappeared } = drift.paths;
  io.out(`escalation paths: +${untrusted(appeared)} -${untrusted(disappeared)}${trustedNote(appeared, disappeared, (x, y) => `+${x} -${y}`)}`);
  const { new: opened, fixed } = drift.findings;
  io.out(`findings: ${untrusted(opened)} new, ${untrusted(fixed)} fixed${trustedNote(opened, fixed, (x, y) => `${x} new, ${y} fixed`)}`);
  return EXIT.ok;
}

/** Within one cluster: `to` (default its default snapshot) and `from` (given, `--since` ago, or the analysed one before `to`). */
async function clusterPair(
  db: ReturnType<typeof openDatabase>,
  values: { cluster: string; from: string | undefined; to: string | undefined; since: string | undefined },
): Promise<[number, number]> {
  if (values.from !== undefined && values.since !== undefined) throw new UsageError("use either --from ID or --since DURATION, not both");
  const cluster = clusterOption(db, values.cluster);
  if (!cluster) throw new UsageError("--cluster NAME is required");
  const to = await pickSnapshot(db, { cluster: values.cluster, snapshot: values.to }, "--to");
  if (values.from !== undefined) return [(await pickSnapshot(db, { cluster: values.cluster, snapshot: values.from }, "--from")).id, to.id];
  if (values.since !== undefined) {
    const ms = parseDuration(values.since);
    if (ms === undefined) throw new UsageError(`--since expects a duration such as 24h, 7d or 90m, got "${values.since}"`);
    const at = new Date(Date.now() - ms);
    const from = readySnapshotIdAt(db, cluster.id, at);
    if (from === undefined) throw new InputError(`cluster "${cluster.name}" has no analysed snapshot from ${at.toISOString()} or earlier`);
    return [from, to.id];
  }
  const from = previousReadySnapshotId(db, cluster.id, to.id);
  if (from === undefined) throw new InputError(`cluster "${cluster.name}" has no analysed snapshot before snapshot ${to.id} to compare it with`);
  return [from, to.id];
}
