/**
 * What-if: the same snapshot analysed twice — as it is and with objects added (replacing those of
 * the same kind, namespace and name) and removed — and the escalation paths and findings gained
 * and lost. Paths are compared by (from, to): a path "gained" is a pair that had no path before.
 */
import { formatVertexRef } from "@/lib/analysis";
import type { AnalysisOptions } from "@/lib/analysis";
import type { Finding } from "@/lib/analysis/findings";
import type { EscalationPath } from "@/lib/analysis/paths";
import type { ClusterObjects } from "@/lib/cluster/objects";
import { analyzeFiles } from "./escalation";
import { formatIssue, maxBytesFromEnv, parseSources, toClusterObjects } from "@/lib/ingest";

export interface ObjectRefText {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
}

export interface WhatIfResult {
  readonly paths: { readonly gained: readonly EscalationPath[]; readonly lost: readonly EscalationPath[] };
  readonly findings: { readonly gained: readonly Finding[]; readonly lost: readonly Finding[] };
  /** Headline counts before and after (untrusted starts reaching ClusterAdmin, findings, fix-set size). */
  readonly before: WhatIfCounts;
  readonly after: WhatIfCounts;
}

export interface WhatIfCounts {
  readonly adminStarts: number;
  readonly findings: number;
  readonly fixes: number;
}

/** `Kind/name` or `Kind/namespace/name` of any object. */
export function parseObjectRef(text: string): ObjectRefText | undefined {
  const parts = text.split("/");
  if (parts.length === 2 && parts[0] && parts[1]) return { kind: parts[0], name: parts[1], namespace: null };
  if (parts.length === 3 && parts[0] && parts[1] && parts[2]) return { kind: parts[0], namespace: parts[1], name: parts[2] };
  return undefined;
}

type Keyed = { readonly kind: string; readonly metadata: { readonly name: string; readonly namespace?: string } };
const keyOf = (o: Keyed) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
const refKey = (r: ObjectRefText) => `${r.kind}/${r.namespace ?? ""}/${r.name}`;

/** The cluster with `added` merged in (same kind/namespace/name replaced) and `removed` taken out. */
export function applyChange(base: ClusterObjects, added: ClusterObjects, removed: readonly ObjectRefText[]): ClusterObjects {
  const drop = new Set([...removed.map(refKey)]);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(base) as (keyof ClusterObjects)[]) {
    const incoming = (added[key] ?? []) as readonly Keyed[];
    const replaced = new Set(incoming.map(keyOf));
    out[key] = [...((base[key] ?? []) as readonly Keyed[]).filter((o) => !drop.has(keyOf(o)) && !replaced.has(keyOf(o))), ...incoming.filter((o) => !drop.has(keyOf(o)))];
  }
  return out as unknown as ClusterObjects;
}

/** Every object reference of the cluster (to check that a --remove names something). */
export function hasObject(cluster: ClusterObjects, ref: ObjectRefText): boolean {
  const k = refKey(ref);
  return (Object.values(cluster) as readonly Keyed[][]).some((list) => list.some((o) => keyOf(o) === k));
}

const pathKey = (p: EscalationPath) => `${formatVertexRef(p.from)}>${formatVertexRef(p.to)}`;

export function whatIf(base: ClusterObjects, changed: ClusterObjects, options: AnalysisOptions = {}): WhatIfResult {
  const before = analyzeFiles(base, options);
  const after = analyzeFiles(changed, options);
  const diff = <T>(a: readonly T[], b: readonly T[], key: (x: T) => string) => {
    const inA = new Set(a.map(key));
    return b.filter((x) => !inA.has(key(x)));
  };
  const counts = (r: typeof before): WhatIfCounts => ({
    adminStarts: r.paths.filter((p) => p.to.kind === "ClusterAdmin" && !p.trusted).length,
    findings: r.findings.filter((f) => !f.trusted).length,
    fixes: r.fixes.fixes.length,
  });
  return {
    paths: { gained: diff(before.paths, after.paths, pathKey), lost: diff(after.paths, before.paths, pathKey) },
    findings: { gained: diff(before.findings, after.findings, (f) => f.id), lost: diff(after.findings, before.findings, (f) => f.id) },
    before: counts(before),
    after: counts(after),
  };
}

/** Parses the YAML of a proposed change (one or more manifests) into cluster objects, or the problems found. */
export function parseChange(yaml: string, source = "change.yaml"): { ok: true; objects: ClusterObjects } | { ok: false; errors: string[] } {
  if (yaml.trim() === "") return { ok: true, objects: toClusterObjects([]) };
  const parsed = parseSources([{ path: source, content: yaml }], { maxBytes: maxBytesFromEnv() });
  if (!parsed.ok) return { ok: false, errors: parsed.issues.map(formatIssue) };
  return { ok: true, objects: toClusterObjects(parsed.objects) };
}
