import { describeCause, formatVertexRef } from "@/lib/analysis";
import type { Cause } from "@/lib/analysis/cause";
import type { EscalationPath } from "@/lib/analysis/paths";
import { analyzeFiles, clusterPaths, expandCritical, parseRefParam, pathCausesInGraph, pathsToTargets, snapshotPathCauses, snapshotPaths } from "@/lib/query/escalation";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { analysisOverrides, loadClusterInput, needsFreshAnalysis } from "../cluster-input";
import { EXIT, printJson, type CliIO } from "../io";

/**
 * A path in words, one line per hop; under each hop what enables it (its typed causes, worded by
 * `describeCause` as everywhere else), or the pod-spec evidence when the causes are unknown.
 */
export function describePath(path: EscalationPath, causes?: readonly (readonly Cause[])[]): string {
  const lines = [`${formatVertexRef(path.from)} → ${formatVertexRef(path.to)} (${path.hops.length} hop${path.hops.length === 1 ? "" : "s"})${path.trusted ? " [trusted control plane]" : ""}`];
  path.hops.forEach((hop, i) => {
    const where = [hop.container ? `container ${hop.container}` : "", hop.owner ? `${hop.owner.kind} ${hop.owner.name}, ${hop.podCount ?? 1} pod${hop.podCount === 1 ? "" : "s"}` : ""].filter(Boolean).join("; ");
    lines.push(`  ${i + 1}. ${hop.technique} via ${hop.via} → ${formatVertexRef(hop.reaches)}${where ? ` (${where})` : ""}`);
    const enabledBy = causes?.[i] ?? [];
    if (enabledBy.length > 0) lines.push(`     enabled by ${enabledBy.map(describeCause).join("; ")}`);
    else if (hop.evidence && hop.evidence.length > 0) lines.push(`     evidence: ${hop.evidence.join(", ")}`);
  });
  return lines.join("\n");
}

/** Paths of both lists, once each (same from and to), shortest first. */
function mergePaths(a: readonly EscalationPath[], b: readonly EscalationPath[]): EscalationPath[] {
  const seen = new Set<string>();
  const out: EscalationPath[] = [];
  for (const p of [...a, ...b]) {
    const key = `${formatVertexRef(p.from)}>${formatVertexRef(p.to)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out.sort((x, y) => x.hops.length - y.hops.length);
}

/** Shortest escalation paths; an empty list means no path (exit 0 either way; 2 on bad input). */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...INPUT_OPTIONS,
    from: { type: "string" },
    to: { type: "string" },
    "max-hops": { type: "string" },
    critical: { type: "string", multiple: true },
    "include-trusted": { type: "boolean" },
    "exclude-trusted": { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  const from = parseRefParam(values.from, "--from");
  if (!from.ok) throw new UsageError(from.message);
  const to = parseRefParam(values.to, "--to");
  if (!to.ok) throw new UsageError(to.message);
  let maxHops: number | undefined;
  if (values["max-hops"] !== undefined) {
    if (!/^[1-9][0-9]*$/.test(values["max-hops"])) throw new UsageError(`--max-hops expects a positive whole number, got "${values["max-hops"]}"`);
    maxHops = Number.parseInt(values["max-hops"], 10);
  }
  const critical = [];
  for (const value of values.critical ?? []) {
    const parsed = parseRefParam(value, "--critical");
    if (!parsed.ok) throw new UsageError(parsed.message);
    if (parsed.ref && !["Namespace", "ServiceAccount", "Secret"].includes(parsed.ref.kind)) {
      throw new UsageError(`--critical takes a Namespace, ServiceAccount or Secret, got ${value}`);
    }
    if (parsed.ref?.name) critical.push({ kind: parsed.ref.kind, name: parsed.ref.name, namespace: parsed.ref.namespace });
  }
  const query = { from: from.ref, to: to.ref, maxHops };
  const input = await loadClusterInput(values, io, values.file?.length ? undefined : []);
  let paths: EscalationPath[];
  // The hops' causes, asked only for text (JSON carries the path as the spec defines it).
  let causesOf: (paths: readonly EscalationPath[]) => (Cause[][] | undefined)[];
  if (needsFreshAnalysis(input) || input.snapshotId === undefined) {
    // A trust file or a setting changes what the stored analysis found or marked: analyse the snapshot (or files) now.
    const analysis = analyzeFiles(input.cluster, { critical, ...analysisOverrides(input) });
    paths = clusterPaths(analysis, query);
    causesOf = (shown) => shown.map((p) => pathCausesInGraph(analysis.graph, p));
  } else {
    const { namespaceMembers, openRawDatabase } = await import("@/lib/store/raw");
    const db = openRawDatabase(values.db);
    const snapshotId = input.snapshotId;
    paths = snapshotPaths(db, snapshotId, query);
    // The stored analysis knows the jewels marked in the database; those named here are added now.
    if (!query.to && critical.length > 0) {
      const targets = expandCritical(critical, (ns) => namespaceMembers(db, snapshotId, ns));
      paths = mergePaths(paths, pathsToTargets((q) => snapshotPaths(db, snapshotId, q), targets, query));
    }
    causesOf = (shown) => snapshotPathCauses(db, snapshotId, shown);
  }
  // v2 §2.6: trusted paths are listed (marked) unless --exclude-trusted; --include-trusted is the default, said explicitly.
  if (values["exclude-trusted"] && values["include-trusted"]) throw new UsageError("use either --include-trusted or --exclude-trusted");
  if (values["exclude-trusted"]) paths = paths.filter((p) => !p.trusted);
  if (format === "json") {
    printJson(io, { paths });
    return EXIT.ok;
  }
  for (const u of input.unreadable) io.err(`warning: the snapshot could not read ${u.kind} (${u.reason}); paths may be missing.`);
  if (paths.length === 0) io.out("no escalation path");
  else {
    const causes = causesOf(paths);
    io.out(paths.map((p, i) => describePath(p, causes[i])).join("\n\n"));
  }
  return EXIT.ok;
}
