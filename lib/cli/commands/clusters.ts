import { clusterHistory, clusterOverview, formatAge, type ClusterOverviewEntry } from "@/lib/query/clusters";
import { deleteCluster, openRawDatabase } from "@/lib/store/raw";
import { outputFormat, parseCommandArgs, UsageError } from "../args";
import { clusterOption } from "../cluster-choice";
import { EXIT, formatTable, printJson, type CliIO } from "../io";

/**
 * `rbac-atlas clusters [-o json]`: every cluster, highest risk first, with its default snapshot's
 * stored risk and age and its last scheduled run. `clusters NAME` (or `--cluster NAME`): that
 * cluster's history — snapshots with their risk counts, and runs. `--delete NAME` forgets a cluster
 * (a decommissioned one): its snapshots, its runs, and itself.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { db: { type: "string" }, output: { type: "string", short: "o" }, cluster: { type: "string" }, delete: { type: "string" } });
  if (positionals.length > 1 || (positionals.length === 1 && values.cluster !== undefined)) throw new UsageError("name one cluster: clusters [NAME] (or --cluster NAME)");
  const format = outputFormat(values.output);
  const db = openRawDatabase(values.db);
  if (values.delete !== undefined) {
    if (positionals.length > 0 || values.cluster !== undefined) throw new UsageError("--delete NAME takes no other cluster name");
    const doomed = clusterOption(db, values.delete)!;
    const snapshots = await deleteCluster(db, doomed.id);
    io.err(`deleted cluster ${doomed.name} and its ${snapshots} snapshot${snapshots === 1 ? "" : "s"}`);
    return EXIT.ok;
  }
  const cluster = clusterOption(db, values.cluster ?? positionals[0]);
  if (cluster) {
    const history = clusterHistory(db, cluster);
    if (format === "json") {
      printJson(io, history);
      return EXIT.ok;
    }
    io.out(`cluster ${cluster.name} (${cluster.kind}${cluster.server ? `, ${cluster.server}` : ""}) — default snapshot ${history.defaultSnapshot ?? "none"}`);
    io.out(
      formatTable(
        ["SNAPSHOT", "CREATED", "ANALYSIS", "TO ADMIN", "CRITICAL", "HIGH", "MEDIUM", "LOW", "CHANGED SINCE PREVIOUS"],
        history.timeline.map((p) => [
          String(p.id),
          p.createdAt,
          p.analysisState,
          ...(p.risk ? [p.risk.pathsToClusterAdmin, p.risk.critical, p.risk.high, p.risk.medium, p.risk.low].map(String) : ["-", "-", "-", "-", "-"]),
          p.drift
            ? `paths +${p.drift.pathsAppeared} -${p.drift.pathsDisappeared}, grants +${p.drift.grantsGained} -${p.drift.grantsLost}, findings +${p.drift.findingsNew} -${p.drift.findingsFixed} (diff --from ${p.drift.from} --to ${p.id})`
            : "",
        ]),
      ),
    );
    const failures = history.runs.filter((r) => r.state !== "ok");
    for (const r of failures.slice(0, 10)) io.out(`run ${r.startedAt}: ${r.state}: ${r.error}`);
    return EXIT.ok;
  }
  const clusters = clusterOverview(db);
  if (format === "json") {
    printJson(io, { clusters });
    return EXIT.ok;
  }
  if (clusters.length === 0) {
    io.out("no clusters yet: rbac-atlas ingest PATH, or rbac-atlas schedule --context NAME");
    return EXIT.ok;
  }
  io.out(formatTable(["CLUSTER", "KIND", "TO ADMIN", "CRITICAL", "HIGH", "SNAPSHOT", "AGE", "LAST RUN"], clusters.map(row)));
  return EXIT.ok;
}

function row(c: ClusterOverviewEntry): string[] {
  return [
    c.name,
    c.kind,
    c.risk ? String(c.risk.pathsToClusterAdmin) : "-",
    c.risk ? String(c.risk.critical) : "-",
    c.risk ? String(c.risk.high) : "-",
    c.snapshot ? String(c.snapshot.id) : "none analysed",
    c.snapshot ? formatAge(c.snapshot.ageSeconds) : "-",
    c.lastRun ? `${c.lastRun.state}${c.lastRun.state === "ok" ? "" : `: ${c.lastRun.error}`}` : "",
  ];
}
