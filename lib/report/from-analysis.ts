/**
 * The one place where analysis types become report types. When the analysis gains fields
 * (owner/workload grouping, pod counts, trust marks...), map them here and every format follows.
 */
import type { ExposureEntry, SinkSummary } from "@/lib/analysis/analyze";
import type { Finding } from "@/lib/analysis/findings";
import type { Fix } from "@/lib/analysis/fixset";
import { causeKey, type Cause } from "@/lib/analysis/cause";
import type { EscalationPath } from "@/lib/analysis/paths";
import { formatVertexRef, type VertexRef } from "@/lib/analysis/refs";
import { parseObjectRef } from "@/lib/query/object-ref";
import { pathSeverity } from "@/lib/query/path-severity";
import { techniqueText } from "@/lib/query/technique-text";
import type { ObjectRefWithOrigin, ReportCause, ReportExposure, ReportFinding, ReportFix, ReportHop, WorkloadRef } from "./model";

/** The technique catalog the analysis implements (ids and semantics of `shared/ESCALATION_TECHNIQUES.md`). */
export const CATALOG = { name: "RBAC Atlas escalation techniques", version: "1" } as const;

/** Where an object was read from: `Kind/namespace/name` ("" namespace for cluster-scoped). */
export type OriginLookup = (kind: string, namespace: string | null, name: string) => { readonly file: string; readonly line: number } | undefined;

export function withOrigin(kind: string, namespace: string | null, name: string | null, origins: OriginLookup): ObjectRefWithOrigin {
  const ref = kind === "ClusterAdmin" ? "ClusterAdmin" : namespace ? `${kind}/${namespace}/${name ?? ""}` : `${kind}/${name ?? ""}`;
  const origin = name === null ? undefined : origins(kind, namespace, name);
  return {
    kind,
    namespace,
    name,
    ref,
    ...(origin ? { file: origin.file, ...(origin.line > 0 ? { line: origin.line } : {}) } : {}),
  };
}

export function findingIdentity(f: Finding): string {
  return f.id;
}

export function pathIdentity(p: Pick<EscalationPath, "from" | "to">): string {
  return `${formatVertexRef(p.from)} -> ${formatVertexRef(p.to)}`;
}

export function mapFindingObjects(f: Finding, origins: OriginLookup): ObjectRefWithOrigin[] {
  return f.objects.map((o) => withOrigin(o.kind, o.namespace, o.name, origins));
}

/** Analyses stored before v2 lack the owner; null then, as for a hop without a Pod. */
export function mapOwner(o: { kind: string; namespace: string | null; name: string } | null | undefined): WorkloadRef | null {
  if (!o) return null;
  const namespace = o.namespace ?? "";
  return { kind: o.kind, namespace, name: o.name, ref: `${o.kind}/${namespace}/${o.name}` };
}

/** v2 §2.7 fields of a finding (absent in analyses stored before v2: untrusted, not pod-level). */
export function mapFindingGrouping(f: Finding, origins: OriginLookup): Pick<ReportFinding, "trusted" | "owner" | "podCount" | "pods"> {
  return {
    trusted: f.trusted === true,
    owner: mapOwner(f.owner),
    podCount: f.podCount ?? null,
    ...(f.pods ? { pods: f.pods.map((p) => withOrigin(p.kind, p.namespace, p.name, origins)) } : {}),
  };
}

export function mapCause(c: Cause): ReportCause {
  return { key: causeKey(c), ...c };
}

/** `causes`: the hop's typed causes (see `hopCauses`), empty when unknown. */
export function mapHop(h: EscalationPath["hops"][number], origins: OriginLookup, causes: readonly Cause[] = []): ReportHop {
  const via = parseObjectRef(h.via);
  const origin = via ? origins(via.kind, via.namespace, via.name) : undefined;
  return {
    technique: h.technique,
    techniqueName: techniqueText(h.technique).name,
    via: h.via,
    ...(origin ? { viaOrigin: { file: origin.file, ...(origin.line > 0 ? { line: origin.line } : {}) } } : {}),
    reaches: formatVertexRef(h.reaches),
    owner: mapOwner(h.owner),
    podCount: h.podCount ?? null,
    container: h.container ?? null,
    causes: causes.map(mapCause),
  };
}

export function mapPathSeverity(p: EscalationPath, critical: ReadonlySet<string>) {
  return pathSeverity(p, critical);
}

/** The objects a path acceptance can name: its start and the evidence of each hop. */
export function pathObjects(p: EscalationPath): { kind: string; namespace: string | null; name: string | null }[] {
  const out: { kind: string; namespace: string | null; name: string | null }[] = [p.from];
  for (const h of p.hops) {
    const via = parseObjectRef(h.via);
    if (via) out.push(via);
  }
  return out;
}

export function mapExposure(e: ExposureEntry, rank: number): ReportExposure {
  return {
    rank,
    serviceAccount: formatVertexRef(e.serviceAccount),
    isDefault: e.isDefault,
    level: e.level,
    pods: e.pods,
    nodes: e.nodes,
    score: e.score,
    reaches: e.reaches,
  };
}

export function mapSink(s: SinkSummary) {
  return { sink: formatVertexRef(s.sink), reason: s.reason, reachedBy: s.reachedBy };
}

export function mapFix(f: Fix, origins: OriginLookup): ReportFix {
  return {
    cause: f.cause,
    kind: f.kind,
    object: withOrigin(f.object.kind, f.object.namespace, f.object.name, origins),
    field: f.field,
    change: f.change,
    edges: f.edges,
    breaks: f.blastRadius.map((b) => ({ subject: b.subject, loses: b.loses, scope: b.scope })),
  };
}

export function refText(ref: VertexRef): string {
  return formatVertexRef(ref);
}
