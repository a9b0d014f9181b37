/**
 * Plain graph elements for the Cytoscape view, built from escalation paths: one node per vertex
 * on any path, one edge per distinct hop (from, to, technique). Serializable, so a server page can
 * hand it to the client component.
 */
import type { EscalationPath } from "@/lib/analysis/paths";
import { formatVertexRef, type VertexRef } from "@/lib/analysis/refs";

export interface GraphNode {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly start: boolean;
  /** Column: the longest chain of hops that leads to this vertex on the drawn paths (0 = nobody reaches it). */
  readonly level: number;
}

export interface GraphLink {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label: string;
}

export interface GraphElements {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphLink[];
  /** True when the paths held more vertices than `maxNodes` and the view was cut short. */
  readonly truncated: boolean;
}

function shortLabel(ref: VertexRef): string {
  if (ref.kind === "ClusterAdmin") return "ClusterAdmin";
  const name = ref.name ?? "";
  if (ref.kind === "RoleGrant") return `RoleGrant ${name}${ref.namespace ? ` (${ref.namespace})` : ""}`;
  if (ref.kind === "Namespace") return `Namespace ${name} (relabelled)`;
  return `${ref.kind === "ServiceAccount" ? "SA" : ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${name}`;
}

/** Nodes and edges of the given paths, at most `maxNodes` vertices (whole paths only). */
export function pathGraphElements(paths: readonly EscalationPath[], maxNodes = 200): GraphElements {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphLink>();
  const starts = new Set(paths.map((p) => formatVertexRef(p.from)));
  let truncated = false;
  for (const p of paths) {
    const refs = [p.from, ...p.hops.map((h) => h.reaches)];
    const fresh = refs.filter((r) => !nodes.has(formatVertexRef(r)));
    if (nodes.size + new Set(fresh.map(formatVertexRef)).size > maxNodes) {
      truncated = true;
      continue;
    }
    for (const r of refs) {
      const id = formatVertexRef(r);
      if (!nodes.has(id)) nodes.set(id, { id, label: shortLabel(r), kind: r.kind, start: starts.has(id), level: 0 });
    }
    let prev = formatVertexRef(p.from);
    for (const h of p.hops) {
      const next = formatVertexRef(h.reaches);
      const id = `${prev}→${next}#${h.technique}`;
      if (!edges.has(id)) edges.set(id, { id, source: prev, target: next, label: h.technique });
      prev = next;
    }
  }
  const level = longestLevels([...nodes.keys()], [...edges.values()]);
  return { nodes: [...nodes.values()].map((n) => ({ ...n, level: level.get(n.id) ?? 0 })), edges: [...edges.values()], truncated };
}

/**
 * Longest-chain depth of each vertex (so every edge points rightwards on a DAG). Relaxation stops
 * after |V| rounds, so a cycle cannot loop forever; it only leaves some edge pointing backwards.
 */
function longestLevels(ids: readonly string[], edges: readonly GraphLink[]): Map<string, number> {
  const level = new Map(ids.map((id) => [id, 0]));
  for (let round = 0; round < ids.length; round++) {
    let changed = false;
    for (const e of edges) {
      const next = (level.get(e.source) ?? 0) + 1;
      if (next > (level.get(e.target) ?? 0) && next < ids.length) {
        level.set(e.target, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return level;
}
