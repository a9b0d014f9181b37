/**
 * Builds the report model from an analysis result (stored or made in memory), the compiled policy
 * (for the who-can table) and the accepted risks. Pure: the caller loads everything.
 */
import type { AnalysisResult, ExposureEntry, SinkSummary } from "@/lib/analysis/analyze";
import type { Cause } from "@/lib/analysis/cause";
import type { Finding } from "@/lib/analysis/findings";
import type { FixSet } from "@/lib/analysis/fixset";
import { hopCauses, type EscalationPath } from "@/lib/analysis/paths";
import { formatVertexRef } from "@/lib/analysis/refs";
import type { Severity } from "@/lib/analysis/technique";
import { resourceRequest, whoCan, type CompiledPolicy } from "@/lib/rbac";
import { activeMark, compileAcceptances, dayOf, describePattern, type Acceptance, type AcceptanceMatcher, type MatchTarget } from "./accept";
import {
  CATALOG,
  findingIdentity,
  mapExposure,
  mapFindingGrouping,
  mapFindingObjects,
  mapFix,
  mapHop,
  mapPathSeverity,
  mapSink,
  pathIdentity,
  pathObjects,
  type OriginLookup,
} from "./from-analysis";
import {
  emptyBySeverity,
  isCounted,
  REPORT_SCHEMA_VERSION,
  SEVERITIES,
  type AcceptanceMark,
  type AcceptanceStatus,
  type ReportFinding,
  type ReportModel,
  type ReportPath,
  type ReportWhoCan,
} from "./model";
import { DANGEROUS_PERMISSIONS } from "./permissions";

export interface ReportAnalysis {
  readonly findings: readonly Finding[];
  readonly paths: readonly EscalationPath[];
  readonly exposure: readonly ExposureEntry[];
  readonly sinks: readonly SinkSummary[];
  readonly fixes: FixSet;
  /** Each hop's typed causes, for a path of this analysis (absent: causes unknown). */
  readonly hopCauses?: (path: EscalationPath) => readonly (readonly Cause[])[];
}

/** An analysis made in memory, its hop causes found in its graph. */
export function withGraphCauses(analysis: AnalysisResult): ReportAnalysis {
  return { ...analysis, hopCauses: (p) => hopCauses(analysis.graph, p) };
}

export interface ReportInput {
  readonly toolVersion: string;
  readonly now: Date;
  readonly snapshot: ReportModel["snapshot"];
  readonly analysis: ReportAnalysis;
  readonly policy: CompiledPolicy;
  readonly serviceAccounts: readonly { namespace: string; name: string }[];
  readonly origins: OriginLookup;
  readonly acceptances: readonly Acceptance[];
}

export function buildReport(input: ReportInput): ReportModel {
  const matchers = compileAcceptances(input.acceptances, dayOf(input.now));
  const usage = new Map<AcceptanceMatcher, { findings: number; paths: number }>(matchers.map((m) => [m, { findings: 0, paths: 0 }]));
  const accept = (rules: readonly string[], objects: readonly MatchTarget[], what: "findings" | "paths"): AcceptanceMark | null => {
    // Every matching acceptance is counted (an expired one too: the report says what it would cover).
    for (const m of matchers) if (m.matches(rules, objects)) usage.get(m)![what]++;
    const a = activeMark(matchers, rules, objects);
    return a ? { rule: a.rule, pattern: describePattern(a), reason: a.reason, owner: a.owner, expires: a.expires } : null;
  };

  // Crown jewels the analysis ran with are sinks of reason "critical": paths to them are Critical.
  const critical = new Set(input.analysis.sinks.filter((s) => s.reason === "critical").map((s) => formatVertexRef(s.sink)));
  const findings: ReportFinding[] = input.analysis.findings.map((f) => {
    const objects = mapFindingObjects(f, input.origins);
    return {
      identity: findingIdentity(f),
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      objects,
      why: f.why,
      remediation: f.remediation,
      accepted: accept([f.rule], f.objects.slice(0, 1), "findings"),
      ...mapFindingGrouping(f, input.origins),
    };
  });
  const paths: ReportPath[] = sortBySeverity(input.analysis.paths.map((p) => ({
    identity: pathIdentity(p),
    severity: mapPathSeverity(p, critical),
    from: formatVertexRef(p.from),
    to: formatVertexRef(p.to),
    hops: withCauses(p, input.analysis.hopCauses).map(([h, causes]) => mapHop(h, input.origins, causes)),
    accepted: accept(
      p.hops.map((h) => h.technique),
      pathObjects(p),
      "paths",
    ),
    trusted: p.trusted === true,
  })));

  const acceptances: AcceptanceStatus[] = matchers.map((m) => ({
    ...m.acceptance,
    state: m.expired ? "expired" : "active",
    matchedFindings: usage.get(m)!.findings,
    matchedPaths: usage.get(m)!.paths,
  }));

  const fixes = input.analysis.fixes;
  const sinks = input.analysis.sinks.map(mapSink);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: "rbac-atlas", version: input.toolVersion },
    catalog: CATALOG,
    generatedAt: input.now.toISOString(),
    snapshot: input.snapshot,
    summary: {
      findingsBySeverity: countOpen(findings),
      pathsBySeverity: countOpen(paths),
      acceptedFindings: findings.filter((f) => f.accepted).length,
      acceptedPaths: paths.filter((p) => p.accepted).length,
      trustedFindings: findings.filter((f) => f.trusted && !f.accepted).length,
      trustedPaths: paths.filter((p) => p.trusted && !p.accepted).length,
      sinks,
      principalsReachingClusterAdmin: new Set(paths.filter((p) => p.to === "ClusterAdmin" && isCounted(p)).map((p) => p.from)).size,
      nodesReachableAsRoot: input.analysis.sinks.filter((s) => s.reason === "node-root" && s.reachedBy > 0).length,
      fixSetSize: fixes.fixes.length,
      fixSetPossible: fixes.possible,
    },
    findings,
    paths,
    exposure: input.analysis.exposure.map((e, i) => mapExposure(e, i + 1)),
    whoCan: whoCanTable(input.policy, input.serviceAccounts),
    fixes: {
      sinks: fixes.sinks.map(formatVertexRef),
      possible: fixes.possible,
      affectedStarts: fixes.affectedStarts,
      excludedStarts: fixes.excludedStarts.map(formatVertexRef),
      trustedStarts: (fixes.trustedStarts ?? []).map(formatVertexRef),
      uncuttable: fixes.uncuttable ?? [],
      items: fixes.fixes.map((f) => mapFix(f, input.origins)),
    },
    acceptances,
  };
}

/** Most severe first; the analysis order (shortest first) within a severity. */
function sortBySeverity<T extends { severity: Severity }>(items: T[]): T[] {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return items.map((item, i) => ({ item, i })).sort((a, b) => rank(a.item.severity) - rank(b.item.severity) || a.i - b.i).map((x) => x.item);
}

function countOpen(items: readonly { severity: Severity; accepted: AcceptanceMark | null; trusted: boolean }[]): Record<Severity, number> {
  const counts = emptyBySeverity();
  for (const item of items) if (isCounted(item)) counts[item.severity]++;
  return counts;
}

function whoCanTable(policy: CompiledPolicy, serviceAccounts: readonly { namespace: string; name: string }[]): ReportWhoCan[] {
  return DANGEROUS_PERMISSIONS.map((permission) => {
    const request = resourceRequest({ verb: permission.verb, apiGroup: permission.apiGroup, resource: permission.resource, subresource: permission.subresource });
    const result = whoCan(policy, request, { allNamespaces: true, serviceAccounts });
    return {
      permission,
      subjects: result.subjects.map((s) => ({
        subject: s.kind === "ServiceAccount" ? `ServiceAccount/${s.namespace ?? ""}/${s.name}` : `${s.kind}/${s.name}`,
        kind: s.kind,
        namespace: s.namespace ?? null,
        name: s.name,
        via: [...new Set(s.grants.map((g) => (g.binding.kind === "RoleBinding" ? `RoleBinding/${g.binding.namespace ?? ""}/${g.binding.name}` : `ClusterRoleBinding/${g.binding.name}`)))],
      })),
    };
  });
}

function withCauses(p: EscalationPath, causesOf: ReportAnalysis["hopCauses"]): [EscalationPath["hops"][number], readonly Cause[]][] {
  const causes = causesOf?.(p) ?? [];
  return p.hops.map((h, i) => [h, causes[i] ?? []]);
}
