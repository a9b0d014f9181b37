import path from "node:path";
import { progressPrinter } from "@/lib/ingest/live";
import { DEFAULT_RETENTION, parseDuration, type RetentionPolicy } from "@/lib/pipeline/retention";
import { repeatEvery, runScheduledSnapshots, type RunOutcome, type ScheduleOptions } from "@/lib/pipeline/schedule";
import { openDatabase, userWorkingDirectory } from "@/lib/store";
import { outputFormat, parseCommandArgs, UsageError, type OptionSpec } from "../args";
import { EXIT, formatTable, printJson, type CliIO } from "../io";

/** Flags shared by `schedule` and `serve --every`. */
export const SCHEDULE_OPTIONS = {
  kubeconfig: { type: "string" },
  context: { type: "string", multiple: true },
  "in-cluster": { type: "boolean" },
  cluster: { type: "string" },
  "no-secrets": { type: "boolean" },
  keep: { type: "string" },
  daily: { type: "string" },
} as const satisfies OptionSpec;

type ScheduleValues = { kubeconfig?: string | undefined; context?: string[] | undefined; "in-cluster"?: boolean | undefined; cluster?: string | undefined; "no-secrets"?: boolean | undefined; keep?: string | undefined; daily?: string | undefined };

/** `--context a,b --context c` → [a, b, c]; none = the kubeconfig's current context (or in-cluster). */
export function scheduleOptionsOf(values: ScheduleValues): ScheduleOptions {
  const contexts = (values.context ?? []).flatMap((c) => c.split(",")).map((c) => c.trim()).filter((c) => c !== "");
  const inCluster = values["in-cluster"] === true;
  if (inCluster && (contexts.length > 0 || values.kubeconfig !== undefined)) throw new UsageError("--in-cluster takes no --kubeconfig or --context");
  if (values.cluster !== undefined && contexts.length > 1) throw new UsageError("--cluster NAME names one cluster: use it with one --context (or --in-cluster)");
  return {
    targets: contexts.length > 0 ? contexts.map((context) => ({ context })) : [{}],
    ...(values.kubeconfig !== undefined && { kubeconfig: path.resolve(userWorkingDirectory(), values.kubeconfig) }),
    ...(inCluster && { inCluster }),
    ...(values.cluster !== undefined && { clusterName: values.cluster }),
    ...(values["no-secrets"] === true && { noSecrets: true }),
    retention: retentionOf(values),
  };
}

function retentionOf(values: ScheduleValues): RetentionPolicy {
  const count = (flag: string, text: string | undefined, fallback: number, min: number) => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`${flag} expects a whole number of at least ${min}, got "${text}"`);
    return Number(text);
  };
  return { keep: count("--keep", values.keep, DEFAULT_RETENTION.keep, 1), dailyDays: count("--daily", values.daily, DEFAULT_RETENTION.dailyDays, 0) };
}

/** `--every 1h` → milliseconds (at least a minute: a cluster read is not free). */
export function intervalOf(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms < 60_000) throw new UsageError(`--every expects a duration of at least 1m such as 15m, 1h or 1d, got "${text}"`);
  return ms;
}

/**
 * `rbac-atlas schedule`: snapshot each cluster once (a Kubernetes CronJob runs this in-cluster), or
 * every `--every` until stopped. Exit 0 when every run stored an analysed snapshot, 1 when any run
 * failed or is partial (each is recorded on its cluster), 2 on bad usage.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...SCHEDULE_OPTIONS, every: { type: "string" }, db: { type: "string" }, output: { type: "string", short: "o" } });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  const options = scheduleOptionsOf(values);
  const every = values.every !== undefined ? intervalOf(values.every) : undefined;
  const db = openDatabase(values.db);
  const once = async (): Promise<RunOutcome[]> => {
    const progress = format === "json" ? undefined : progressPrinter(io.err, io.isTTY);
    const outcomes = await runScheduledSnapshots(db, { ...options, ...(progress && { onProgress: (_context, event) => progress.onProgress(event) }) });
    progress?.finish();
    return outcomes;
  };
  if (every === undefined) {
    const outcomes = await once();
    report(io, format, outcomes);
    return outcomes.every((o) => o.state === "ok") ? EXIT.ok : EXIT.no;
  }
  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort());
  await repeatEvery(every, async () => report(io, format, await once()), stop.signal, (error) => io.err(`rbac-atlas schedule: ${error instanceof Error ? error.message : String(error)}`));
  return EXIT.ok;
}

export function report(io: CliIO, format: "human" | "json", outcomes: readonly RunOutcome[]): void {
  if (format === "json") {
    printJson(io, { runs: outcomes });
    return;
  }
  io.out(
    formatTable(
      ["CLUSTER", "CONTEXT", "RUN", "SNAPSHOT", "PRUNED", "SECONDS"],
      outcomes.map((o) => [o.cluster, o.context, o.state, o.snapshotId === null ? "-" : String(o.snapshotId), String(o.deleted.length), (o.elapsedMs / 1000).toFixed(1)]),
    ),
  );
  for (const o of outcomes) if (o.error) io.err(`${o.cluster}: ${o.state}: ${o.error}`);
}
