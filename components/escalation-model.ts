/**
 * The escalation page's data shaping, kept out of JSX so it can be tested: URL filters, the
 * severity of a path (from what it reaches), grouping paths per principal, and references
 * (`Kind/name`, `Kind/namespace/name`, `ClusterAdmin`) turned into labels and page links.
 */
import type { EscalationPath } from "@/lib/analysis/paths";
import { formatVertexRef, type VertexRef } from "@/lib/analysis/refs";
import type { Severity } from "@/lib/analysis/technique";
import { objectHref, subjectHref } from "./links";

export const SEVERITY_LEVELS: readonly Severity[] = ["Critical", "High", "Medium", "Low"];

export interface EscalationFilter {
  readonly namespace: string;
  readonly technique: string;
  readonly severity: string;
  readonly from: string;
  readonly to: string;
  /** 1-based page of principals. */
  readonly page: number;
}

export type SearchParams = Readonly<Record<string, string | string[] | undefined>>;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

function pageNumber(value: string): number {
  const n = Number.parseInt(value, 10);
  return Number.isSafeInteger(n) && n > 0 ? n : 1;
}

export function escalationFilter(params: SearchParams): EscalationFilter {
  return {
    namespace: one(params.namespace),
    technique: one(params.technique),
    severity: one(params.severity),
    from: one(params.from),
    to: one(params.to),
    page: pageNumber(one(params.page)),
  };
}

/** The page's URL for a filter: empty fields and page 1 are left out, so links stay short and shareable. */
export function escalationHref(action: string, f: EscalationFilter): string {
  const search = new URLSearchParams();
  for (const key of ["namespace", "technique", "severity", "from", "to"] as const) if (f[key]) search.set(key, f[key]);
  if (f.page > 1) search.set("page", String(f.page));
  const text = search.toString();
  return text ? `${action}?${text}` : action;
}

export function isFiltered(f: EscalationFilter): boolean {
  return f.namespace !== "" || f.technique !== "" || f.severity !== "";
}

export { pathSeverity } from "@/lib/query/path-severity";
import { pathSeverity } from "@/lib/query/path-severity";

/** The namespace of an object reference (`Kind/ns/name`), or null for cluster-scoped ones. */
function namespaceOfVia(via: string): string | null {
  const parsed = parseObjectRef(via);
  return parsed?.namespace ?? null;
}

/** Does the path touch namespace N: its start, its end, a vertex on the way or the evidence of a hop. */
export function pathTouchesNamespace(path: EscalationPath, namespace: string): boolean {
  if (path.from.namespace === namespace || path.to.namespace === namespace) return true;
  return path.hops.some((h) => h.reaches.namespace === namespace || namespaceOfVia(h.via) === namespace);
}

export function pathMatches(path: EscalationPath, f: EscalationFilter, critical: ReadonlySet<string> = new Set()): boolean {
  if (f.technique && !path.hops.some((h) => h.technique === f.technique)) return false;
  if (f.severity && pathSeverity(path, critical) !== f.severity) return false;
  if (f.namespace && !pathTouchesNamespace(path, f.namespace)) return false;
  return true;
}

export interface PrincipalPaths {
  readonly from: VertexRef;
  readonly severity: Severity;
  /** Most severe first, then shortest. */
  readonly paths: readonly EscalationPath[];
}

const RANK: Readonly<Record<Severity, number>> = { Critical: 0, High: 1, Medium: 2, Low: 3 };

/** Paths grouped per start principal, principals with the most severe reach first. */
export function groupByPrincipal(paths: readonly EscalationPath[], critical: ReadonlySet<string> = new Set()): PrincipalPaths[] {
  const groups = new Map<string, { from: VertexRef; paths: EscalationPath[] }>();
  for (const p of paths) {
    const key = formatVertexRef(p.from);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { from: p.from, paths: [] }));
    g.paths.push(p);
  }
  const out: PrincipalPaths[] = [];
  for (const g of groups.values()) {
    const sorted = [...g.paths].sort(
      (a, b) =>
        RANK[pathSeverity(a, critical)] - RANK[pathSeverity(b, critical)] ||
        a.hops.length - b.hops.length ||
        formatVertexRef(a.to).localeCompare(formatVertexRef(b.to)),
    );
    const first = sorted[0];
    if (!first) continue;
    out.push({ from: g.from, severity: pathSeverity(first, critical), paths: sorted });
  }
  return out.sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      (a.paths[0]?.hops.length ?? 0) - (b.paths[0]?.hops.length ?? 0) ||
      formatVertexRef(a.from).localeCompare(formatVertexRef(b.from)),
  );
}

export { parseObjectRef, type ObjectRef } from "@/lib/query/object-ref";
import { parseObjectRef, type ObjectRef } from "@/lib/query/object-ref";

/** "ServiceAccount ci/deployer", "Node worker-1", "cluster admin", "self-granted role edit in data". */
export function refLabel(ref: VertexRef | ObjectRef): string {
  if (ref.kind === "ClusterAdmin") return "ClusterAdmin";
  const name = ref.name ?? "";
  if (ref.kind === "RoleGrant") return `self-granted role ${name} ${ref.namespace ? `in ${ref.namespace}` : "cluster-wide"}`;
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${name}`;
}

/** The page of a vertex or object, or undefined when it has none (ClusterAdmin, a self-granted role). */
export function refHref(snapshot: number | string, ref: VertexRef | ObjectRef): string | undefined {
  if (ref.kind === "ClusterAdmin" || ref.kind === "RoleGrant" || ref.name === null) return undefined;
  if (ref.kind === "ServiceAccount" || ref.kind === "User" || ref.kind === "Group") {
    return subjectHref(snapshot, ref.kind, ref.name, ref.namespace ?? undefined);
  }
  return objectHref(snapshot, ref.kind, ref.name, ref.namespace ?? undefined);
}

/** A namespace filter and the paths' namespaces: every namespace named anywhere on the paths. */
export function namespacesOf(paths: readonly EscalationPath[]): string[] {
  const seen = new Set<string>();
  for (const p of paths) {
    if (p.from.namespace) seen.add(p.from.namespace);
    if (p.to.namespace) seen.add(p.to.namespace);
    for (const h of p.hops) {
      if (h.reaches.namespace) seen.add(h.reaches.namespace);
      const ns = namespaceOfVia(h.via);
      if (ns) seen.add(ns);
    }
  }
  return [...seen].sort();
}

export function techniquesOf(paths: readonly EscalationPath[]): string[] {
  return [...new Set(paths.flatMap((p) => p.hops.map((h) => h.technique)))].sort();
}
