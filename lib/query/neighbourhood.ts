/**
 * The permission graph explorer's view model: the neighbourhood of one focus object (subject,
 * role, binding, namespace, pod, node, secret, ClusterAdmin) up to 3 hops, computed on the server.
 * RBAC structure (subject → binding → role → aggregation source, pod → ServiceAccount, pod → node,
 * namespace membership) comes from indexed rows; escalation hops come from the stored analysis
 * graph. A relation with many members shows a few and one collapsed vertex for the rest ("43 more
 * RoleBindings in ns x"); the whole answer never exceeds MAX_ELEMENTS nodes + edges.
 */
import type { EscalationGraph } from "@/lib/analysis/graph";
import { edgeAt } from "@/lib/analysis/graph";
import { TECHNIQUE_IDS } from "@/lib/analysis/catalog";
import { graphIndex, type EscalationPath } from "@/lib/analysis/paths";
import { formatVertexRef, type VertexRef } from "@/lib/analysis/refs";
import type { Severity } from "@/lib/analysis/technique";
import {
  analysisStamp,
  bindingsNaming,
  bindingsOfRole,
  escalationHops,
  escalationVertexByRef,
  escalationVerticesById,
  hasEscalationVertices,
  STORED_HOPS,
  type StoredHop,
  type StoredVertex,
  findBinding,
  findPod,
  findRole,
  namespaceMembersOfKind,
  objectKnown,
  podsOnNode,
  podsRunningAs,
  subjectsOfBinding,
  type Database,
  type Limited,
  type NamedRow,
} from "@/lib/store";
import { Recent } from "@/lib/recent";
import { clusterRoleRules } from "./compiled-cache";
import { snapshotFindings, snapshotPaths, storedGraph } from "./escalation";

export const MAX_ELEMENTS = 2000;
export const MAX_DEPTH = 3;
/** Members of one relation shown before the rest collapse into one vertex. */
export const GROUP_SHOWN = 12;

export const EXPLORER_KINDS = [
  "User",
  "Group",
  "ServiceAccount",
  "RoleBinding",
  "ClusterRoleBinding",
  "Role",
  "ClusterRole",
  "Namespace",
  "Pod",
  "Node",
  "Secret",
  "RoleGrant",
  "ClusterAdmin",
] as const;
export type ExplorerKind = (typeof EXPLORER_KINDS)[number];

const NAMESPACED_KINDS: ReadonlySet<string> = new Set(["ServiceAccount", "RoleBinding", "Role", "Pod", "Secret"]);

export interface ExplorerRef {
  readonly kind: ExplorerKind;
  /** "" for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
}

export type Relation = "binds" | "grants" | "aggregates" | "runs-as" | "runs-on" | "contains" | "technique";

export interface ExplorerNode {
  readonly id: string;
  readonly kind: ExplorerKind | "Collapsed";
  readonly name: string;
  readonly namespace: string;
  /** Worst finding naming this object, if any. */
  readonly severity?: Severity;
  /** A collapsed group: which vertex and relation it stands for, and how many members it hides. */
  readonly group?: { readonly parent: string; readonly key: string; readonly hidden: number; readonly memberKind: string };
  /** For private escalation vertices (RoleGrant, relabelled Namespace): the principal owning them. */
  readonly owner?: string;
}

export interface ExplorerEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly relation: Relation;
  /** Technique id for escalation edges. */
  readonly technique?: string;
  readonly via?: string;
}

export interface ExplorerFilters {
  /** Show only objects of this namespace (and cluster-scoped ones). */
  readonly namespace?: string | undefined;
  /** Show only these kinds (the focus always shows). */
  readonly kinds?: readonly ExplorerKind[] | undefined;
  /** Show only escalation edges of these techniques (RBAC structure always shows). */
  readonly techniques?: readonly string[] | undefined;
  /** Hide principals and pods whose worst finding is below this severity. */
  readonly severity?: Severity | undefined;
}

export interface NeighbourhoodQuery {
  readonly focus: ExplorerRef;
  readonly depth: number;
  readonly filters?: ExplorerFilters;
  /** Collapsed group keys to open in full (within the element budget). */
  readonly open?: readonly string[];
  /** Highlight the stored escalation path from the focus to this vertex (e.g. ClusterAdmin). */
  readonly pathTo?: VertexRef | undefined;
  /** At most this many elements (capped at MAX_ELEMENTS): the client passes what it has room for. */
  readonly limit?: number;
}

export interface Neighbourhood {
  readonly focus: string;
  readonly depth: number;
  readonly nodes: readonly ExplorerNode[];
  readonly edges: readonly ExplorerEdge[];
  /** True when the element budget cut the answer short. */
  readonly truncated: boolean;
  readonly limit: number;
  /** Element ids of the highlighted path (empty without pathTo or when no path exists). */
  readonly highlight: readonly string[];
  /** False when the snapshot has no escalation analysis (technique edges are then missing, not absent). */
  readonly analysed: boolean;
}

export class UnknownFocusError extends Error {
  constructor(readonly focus: string) {
    super(`${focus} is not in this snapshot`);
  }
}

/** `Kind/name` or `Kind/namespace/name` (User and Group names may contain "/"); `ClusterAdmin`. */
export function parseExplorerRef(text: string): ExplorerRef | undefined {
  if (text === "ClusterAdmin") return { kind: "ClusterAdmin", namespace: "", name: "" };
  const slash = text.indexOf("/");
  if (slash <= 0) return undefined;
  const kind = text.slice(0, slash);
  const rest = text.slice(slash + 1);
  if (!(EXPLORER_KINDS as readonly string[]).includes(kind) || kind === "ClusterAdmin" || kind === "RoleGrant" || rest === "") return undefined;
  if (NAMESPACED_KINDS.has(kind)) {
    const i = rest.indexOf("/");
    if (i <= 0 || i === rest.length - 1 || rest.slice(i + 1).includes("/")) return undefined;
    return { kind: kind as ExplorerKind, namespace: rest.slice(0, i), name: rest.slice(i + 1) };
  }
  if (kind !== "User" && kind !== "Group" && rest.includes("/")) return undefined;
  return { kind: kind as ExplorerKind, namespace: "", name: rest };
}

export function formatExplorerRef(ref: { kind: string; namespace: string; name: string }): string {
  if (ref.kind === "ClusterAdmin") return "ClusterAdmin";
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { Critical: 0, High: 1, Medium: 2, Low: 3 };

// Per-snapshot worst-finding index (findings are immutable with their snapshot).
const severityCache = new Map<string, ReadonlyMap<string, Severity>>();

function severityIndex(db: Database, snapshotId: number): ReadonlyMap<string, Severity> {
  const key = `${db.file}#${snapshotId}`;
  const hit = severityCache.get(key);
  if (hit) return hit;
  const index = new Map<string, Severity>();
  for (const f of snapshotFindings(db, snapshotId)) {
    for (const o of f.objects) {
      const id = formatExplorerRef({ kind: o.kind, namespace: o.namespace ?? "", name: o.name });
      const worst = index.get(id);
      if (!worst || SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst]) index.set(id, f.severity);
    }
  }
  severityCache.set(key, index);
  while (severityCache.size > 3) {
    const oldest = severityCache.keys().next().value;
    if (oldest === undefined) break;
    severityCache.delete(oldest);
  }
  return index;
}

/** A neighbour of a vertex, with the edge that joins them (direction as drawn). */
interface Neighbour {
  readonly node: ExplorerNode;
  readonly edge: Omit<ExplorerEdge, "id">;
}

/** One relation of a vertex: some members, and how many there are in all. */
interface RelationGroup {
  readonly key: string;
  readonly label: string;
  readonly memberKind: string;
  readonly members: readonly Neighbour[];
  readonly total: number;
}

function plainNode(kind: ExplorerKind, namespace: string, name: string): ExplorerNode {
  return { id: formatExplorerRef({ kind, namespace, name }), kind, namespace, name };
}

const PLURAL: Readonly<Record<string, string>> = {
  ServiceAccount: "ServiceAccounts",
  RoleBinding: "RoleBindings",
  ClusterRoleBinding: "ClusterRoleBindings",
  Role: "Roles",
  ClusterRole: "ClusterRoles",
  Pod: "pods",
  subject: "subjects",
  binding: "bindings",
  vertex: "escalation hops",
};

export class Builder {
  readonly nodes = new Map<string, ExplorerNode>();
  readonly edges = new Map<string, ExplorerEdge>();
  truncated = false;
  private view: EscalationView | undefined | null = null;
  private severities: ReadonlyMap<string, Severity> | null = null;

  constructor(
    private readonly db: Database,
    private readonly snapshotId: number,
    private readonly focusId: string,
    private readonly filters: ExplorerFilters,
    private readonly open: ReadonlySet<string>,
    readonly limit: number,
  ) {}

  get size(): number {
    return this.nodes.size + this.edges.size;
  }

  /** The snapshot's escalation graph: per-vertex rows when stored, else the whole stored graph. */
  escalation(): EscalationView | undefined {
    if (this.view === null) this.view = escalationView(this.db, this.snapshotId);
    return this.view;
  }

  severityOf(id: string): Severity | undefined {
    if (this.severities === null) this.severities = severityIndex(this.db, this.snapshotId);
    return this.severities.get(id);
  }

  /** Adds a node (with its severity); false when the budget is spent. */
  addNode(node: ExplorerNode): boolean {
    if (this.nodes.has(node.id)) return true;
    if (this.size + 1 > this.limit) {
      this.truncated = true;
      return false;
    }
    const severity = node.kind === "Collapsed" ? undefined : this.severityOf(node.id);
    this.nodes.set(node.id, severity ? { ...node, severity } : node);
    return true;
  }

  addEdge(edge: Omit<ExplorerEdge, "id">): string | undefined {
    const id = `${edge.source}→${edge.target}${edge.technique ? `#${edge.technique}` : `#${edge.relation}`}`;
    if (this.edges.has(id)) return id;
    if (!this.nodes.has(edge.source) || !this.nodes.has(edge.target)) return undefined;
    if (this.size + 1 > this.limit) {
      this.truncated = true;
      return undefined;
    }
    this.edges.set(id, { id, ...edge });
    return id;
  }

  /** Filters decide whether a neighbour may show (the focus always shows). */
  passes(node: ExplorerNode, edge: Omit<ExplorerEdge, "id">): boolean {
    if (node.id === this.focusId) return true;
    const f = this.filters;
    if (f.namespace !== undefined && node.namespace !== "" && node.namespace !== f.namespace) return false;
    if (f.kinds && f.kinds.length > 0 && node.kind !== "Collapsed" && !f.kinds.includes(node.kind)) return false;
    if (edge.relation === "technique" && f.techniques && f.techniques.length > 0 && !f.techniques.includes(edge.technique ?? "")) return false;
    if (f.severity && ["User", "Group", "ServiceAccount", "Pod"].includes(node.kind)) {
      const worst = this.severityOf(node.id);
      if (!worst || SEVERITY_RANK[worst] > SEVERITY_RANK[f.severity]) return false;
    }
    return true;
  }

  /** Adds a vertex's relations; returns the ids of newly reached vertices (to expand next). */
  expand(id: string): string[] {
    const reached: string[] = [];
    for (const group of this.relationsOf(id)) {
      const members = group.members.filter((m) => this.passes(m.node, m.edge));
      const opened = this.open.has(group.key);
      // collapsing two or three members saves nothing: show them
      const shown = opened || group.total <= GROUP_SHOWN + 3 ? members : members.slice(0, GROUP_SHOWN);
      for (const m of shown) {
        if (!this.addNode(m.node)) return reached;
        this.addEdge(m.edge);
        reached.push(m.node.id);
      }
      const hidden = group.total - shown.length - (group.members.length - members.length);
      if (hidden > 0 && !opened) {
        const collapsed: ExplorerNode = {
          id: `group:${group.key}`,
          kind: "Collapsed",
          name: `${hidden} more ${group.label}`,
          namespace: "",
          group: { parent: id, key: group.key, hidden, memberKind: group.memberKind },
        };
        if (!this.addNode(collapsed)) return reached;
        const sample = group.members[0]?.edge;
        const outward = sample ? sample.source === id : true;
        this.addEdge({ source: outward ? id : collapsed.id, target: outward ? collapsed.id : id, relation: sample?.relation ?? "contains" });
      }
    }
    return reached;
  }

  /** Enough rows for a group: the shown few, or the whole budget when the group is opened. */
  rowsFor(key: string): number {
    return this.open.has(key) ? this.limit : GROUP_SHOWN * 4;
  }

  private group(parent: string, relation: string, memberKind: string, label: string, rows: Limited<Neighbour>): RelationGroup {
    return { key: `${parent}|${relation}`, label, memberKind, members: rows.items, total: rows.total };
  }

  relationsOf(id: string): RelationGroup[] {
    const ref = id === "ClusterAdmin" ? ({ kind: "ClusterAdmin", namespace: "", name: "" } as ExplorerRef) : parseExplorerRef(id.replace(/#\d+$/, ""));
    if (!ref) return this.techniqueGroups(id);
    const db = this.db;
    const s = this.snapshotId;
    const groups: RelationGroup[] = [];
    const map = <T>(rows: Limited<T>, f: (row: T) => Neighbour): Limited<Neighbour> => ({ items: rows.items.map(f), total: rows.total });
    switch (ref.kind) {
      case "User":
      case "Group":
      case "ServiceAccount": {
        const key = `${id}|bindings`;
        groups.push(
          this.group(id, "bindings", "binding", "bindings", map(bindingsNaming(db, s, ref, this.rowsFor(key)), (b) => {
            const node = plainNode(b.kind as ExplorerKind, b.namespace, b.name);
            return { node, edge: { source: id, target: node.id, relation: "binds" } };
          })),
        );
        if (ref.kind === "ServiceAccount") {
          const podKey = `${id}|pods`;
          groups.push(
            this.group(id, "pods", "Pod", `pods in ns ${ref.namespace}`, map(podsRunningAs(db, s, ref.namespace, ref.name, this.rowsFor(podKey)), (p) => {
              const node = plainNode("Pod", p.namespace, p.name);
              return { node, edge: { source: node.id, target: id, relation: "runs-as" } };
            })),
          );
        }
        break;
      }
      case "RoleBinding":
      case "ClusterRoleBinding": {
        const binding = findBinding(db, s, ref);
        if (binding) {
          const role = plainNode(binding.roleKind as ExplorerKind, binding.roleKind === "Role" ? binding.namespace : "", binding.roleName);
          groups.push({ key: `${id}|role`, label: "roles", memberKind: "role", members: [{ node: role, edge: { source: id, target: role.id, relation: "grants" } }], total: 1 });
        }
        const key = `${id}|subjects`;
        groups.push(
          this.group(id, "subjects", "subject", "subjects", map(subjectsOfBinding(db, s, ref, this.rowsFor(key)), (sub) => {
            const node = plainNode(sub.kind as ExplorerKind, sub.namespace, sub.name);
            return { node, edge: { source: node.id, target: id, relation: "binds" } };
          })),
        );
        break;
      }
      case "Role":
      case "ClusterRole": {
        const key = `${id}|bindings`;
        groups.push(
          this.group(id, "bindings", "binding", ref.kind === "Role" ? `RoleBindings in ns ${ref.namespace}` : "bindings", map(bindingsOfRole(db, s, ref, this.rowsFor(key)), (b) => {
            const node = plainNode(b.kind as ExplorerKind, b.namespace, b.name);
            return { node, edge: { source: node.id, target: id, relation: "grants" } };
          })),
        );
        if (ref.kind === "ClusterRole") groups.push(...this.aggregationGroups(id, ref.name));
        break;
      }
      case "Namespace": {
        for (const kind of ["ServiceAccount", "RoleBinding", "Role", "Pod"] as const) {
          const key = `${id}|${kind}`;
          groups.push(
            this.group(id, kind, kind, `${PLURAL[kind]} in ns ${ref.name}`, map(namespaceMembersOfKind(db, s, ref.name, kind, this.rowsFor(key)), (m) => {
              const node = plainNode(kind, m.namespace, m.name);
              return { node, edge: { source: id, target: node.id, relation: "contains" } };
            })),
          );
        }
        break;
      }
      case "Pod": {
        const pod = findPod(db, s, ref.namespace, ref.name);
        if (pod) {
          const members: Neighbour[] = [];
          const sa = plainNode("ServiceAccount", pod.namespace, pod.serviceAccount);
          members.push({ node: sa, edge: { source: id, target: sa.id, relation: "runs-as" } });
          if (pod.nodeName) {
            const node = plainNode("Node", "", pod.nodeName);
            members.push({ node, edge: { source: id, target: node.id, relation: "runs-on" } });
          }
          groups.push({ key: `${id}|placement`, label: "placements", memberKind: "placement", members, total: members.length });
        }
        break;
      }
      case "Node": {
        const key = `${id}|pods`;
        groups.push(
          this.group(id, "pods", "Pod", `pods on node ${ref.name}`, map(podsOnNode(db, s, ref.name, this.rowsFor(key)), (p) => {
            const node = plainNode("Pod", p.namespace, p.name);
            return { node, edge: { source: node.id, target: id, relation: "runs-on" } };
          })),
        );
        break;
      }
      default:
        break;
    }
    groups.push(...this.techniqueGroups(id));
    return groups;
  }

  private aggregationGroups(id: string, name: string): RelationGroup[] {
    const clusterRoles = clusterRoleRules(this.db, this.snapshotId);
    const sources = new Set<string>();
    for (const rule of clusterRoles.get(name) ?? []) {
      const direct = rule.via?.[0] ?? rule.aggregatedFrom?.clusterRole;
      if (direct && direct !== name) sources.add(direct);
    }
    const aggregators = new Set<string>();
    for (const [other, rules] of clusterRoles) {
      if (other === name) continue;
      for (const rule of rules) if ((rule.via?.[0] ?? rule.aggregatedFrom?.clusterRole) === name) aggregators.add(other);
    }
    const groups: RelationGroup[] = [];
    const toGroup = (relation: string, label: string, names: readonly string[], outward: boolean): RelationGroup => ({
      key: `${id}|${relation}`,
      label,
      memberKind: "ClusterRole",
      members: names.map((n) => {
        const node = plainNode("ClusterRole", "", n);
        return { node, edge: outward ? { source: id, target: node.id, relation: "aggregates" } : { source: node.id, target: id, relation: "aggregates" } };
      }),
      total: names.length,
    });
    if (sources.size > 0) groups.push(toGroup("aggregates", "aggregated ClusterRoles", [...sources].sort(), true));
    if (aggregators.size > 0) groups.push(toGroup("aggregated-by", "aggregating ClusterRoles", [...aggregators].sort(), false));
    return groups;
  }

  escalationVertex(id: string): number | undefined {
    return this.escalation()?.vertexOf(id);
  }

  /** Technique edges into and out of the vertex, at most a page of each read (a hub has thousands). */
  private techniqueGroups(id: string): RelationGroup[] {
    const view = this.escalation();
    const v = view?.vertexOf(id);
    if (!view || v === undefined) return [];
    const side = (key: string, outward: boolean, label: string): RelationGroup => {
      const { total, hops } = view.hops(v, outward, this.rowsFor(key));
      const members = hops.map((h): Neighbour => {
        const node = view.node(h.other);
        return {
          node,
          edge: outward
            ? { source: id, target: node.id, relation: "technique", technique: h.technique, via: h.via }
            : { source: node.id, target: id, relation: "technique", technique: h.technique, via: h.via },
        };
      });
      return { key, label, memberKind: "vertex", members, total };
    };
    return [side(`${id}|escalates-to`, true, "escalation hops out"), side(`${id}|escalates-from`, false, "principals escalating here")];
  }

  /** Adds the stored path's vertices and hops first; returns their element ids. */
  addPath(path: EscalationPath): string[] {
    const view = this.escalation();
    if (!view) return [];
    let v = view.vertexOf(formatVertexRef(path.from));
    if (v === undefined) return [];
    const ids: string[] = [];
    let current = view.node(v);
    if (!this.addNode(current)) return ids;
    ids.push(current.id);
    for (const hop of path.hops) {
      const edge = view.hopTo(v, hop.technique, formatVertexRef(hop.reaches));
      if (!edge) break;
      const node = view.node(edge.other);
      if (!this.addNode(node)) break;
      const edgeId = this.addEdge({ source: current.id, target: node.id, relation: "technique", technique: edge.technique, via: edge.via });
      ids.push(node.id);
      if (edgeId) ids.push(edgeId);
      current = node;
      v = edge.other;
    }
    return ids;
  }
}

/**
 * What the explorer reads of the escalation graph: vertices by explorer id, their first hops each
 * way, and one hop of a path. Two sources answer it the same: the per-vertex rows written with the
 * analysis (a few indexed reads) and, for snapshots analysed before those rows existed, the whole
 * stored graph.
 */
export interface EscalationView {
  /** The vertex an explorer id names: a public vertex's ref, or `ref#index` for a private one. */
  vertexOf(id: string): number | undefined;
  node(v: number): ExplorerNode;
  /** The first `read` hops out of (or into) the vertex, and how many there are in all. */
  hops(v: number, outward: boolean, read: number): { total: number; hops: readonly StoredHop[] };
  /** The first hop out of `v` by `technique` reaching the vertex with ref `target`. */
  hopTo(v: number, technique: string, target: string): StoredHop | undefined;
}

function escalationView(db: Database, snapshotId: number): EscalationView | undefined {
  const stamp = analysisStamp(db, snapshotId);
  if (stamp !== undefined) {
    const rows = storedRows.get(stamp) ?? (hasEscalationVertices(db, snapshotId) ? storedRows.set(stamp, new StoredRows()) : undefined);
    if (rows) return new StoredVertexView(db, snapshotId, rows);
  }
  const g = storedGraph(db, snapshotId);
  return g ? new GraphView(g) : undefined;
}

const privateIndex = (id: string): number | undefined => {
  const hash = id.match(/#(\d+)$/);
  return hash ? Number(hash[1]) : undefined;
};

/** The explorer node of a vertex (private vertices carry their index and their owner's id). */
function explorerNodeOf(vertex: { ref: { kind: string; namespace: string; name: string }; refText: string }, v: number, owned: boolean, ownerId: string | undefined): ExplorerNode {
  return {
    id: owned ? `${vertex.refText}#${v}` : vertex.refText,
    kind: vertex.ref.kind as ExplorerKind,
    namespace: vertex.ref.namespace,
    name: vertex.ref.kind === "ClusterAdmin" ? "ClusterAdmin" : vertex.ref.name,
    ...(ownerId ? { owner: ownerId } : {}),
  };
}

/** The whole stored graph, parsed (snapshots analysed before per-vertex rows). */
class GraphView implements EscalationView {
  constructor(private readonly g: EscalationGraph) {}

  private id(v: number): string {
    const vertex = this.g.vertices[v];
    if (!vertex) return `vertex#${v}`;
    const ref = formatVertexRef(vertex.ref);
    return vertex.owner === null ? ref : `${ref}#${v}`;
  }

  vertexOf(id: string): number | undefined {
    return privateIndex(id) ?? graphIndex(this.g).byKey.get(id);
  }

  node(v: number): ExplorerNode {
    const vertex = this.g.vertices[v]!;
    const ref = { kind: vertex.ref.kind, namespace: vertex.ref.namespace ?? "", name: vertex.ref.name ?? "" };
    return explorerNodeOf({ ref, refText: formatVertexRef(vertex.ref) }, v, vertex.owner !== null, vertex.owner === null ? undefined : this.id(vertex.owner));
  }

  private hop(e: number, outward: boolean): StoredHop {
    const t = this.g.edges;
    return { other: outward ? (t.to[e] as number) : (t.from[e] as number), technique: TECHNIQUE_IDS[t.technique[e] as number] as string, via: t.strings[t.via[e] as number] as string };
  }

  hops(v: number, outward: boolean, read: number): { total: number; hops: StoredHop[] } {
    const ix = graphIndex(this.g);
    const start = outward ? ix.outStart : ix.inStart;
    const order = outward ? ix.outEdge : ix.inEdge;
    const first = start[v]!;
    const total = start[v + 1]! - first;
    const hops: StoredHop[] = [];
    for (let k = 0; k < Math.min(total, read); k++) hops.push(this.hop(order[first + k]!, outward));
    return { total, hops };
  }

  hopTo(v: number, technique: string, target: string): StoredHop | undefined {
    const ix = graphIndex(this.g);
    for (let k = ix.outStart[v]!; k < ix.outStart[v + 1]!; k++) {
      const e = edgeAt(this.g, ix.outEdge[k]!);
      if (e.technique === technique && formatVertexRef(this.g.vertices[e.to]!.ref) === target) return { other: e.to, technique: e.technique, via: e.via };
    }
    return undefined;
  }
}

/**
 * Rows of one analysis already read, kept across requests (a stored analysis never changes; a
 * re-analysis has a new stamp): bounded, since an XL graph has 350k vertices.
 */
class StoredRows {
  readonly vertices = new Recent<StoredVertex | null>(50_000);
  readonly hops = new Recent<{ out: StoredHop[]; in: StoredHop[] }>(2_000);
  readonly byRef = new Recent<number | null>(20_000);
}
const storedRows = new Recent<StoredRows>(2);

/** The per-vertex rows (EscalationVertex): each vertex and its first hops read by index. */
class StoredVertexView implements EscalationView {
  /** This request's vertices (the shared cache may drop some while the request still needs them). */
  private readonly vertices = new Map<number, StoredVertex | null>();
  private fallback: GraphView | undefined;

  constructor(
    private readonly db: Database,
    private readonly snapshotId: number,
    private readonly rows: StoredRows,
  ) {}

  /** Reads the rows of these vertices and of their owners (one query for a whole group, then one for owners). */
  private load(ids: readonly number[]): void {
    const missing: number[] = [];
    for (const v of ids) {
      if (this.vertices.has(v)) continue;
      const kept = this.rows.vertices.get(String(v));
      if (kept !== undefined) this.vertices.set(v, kept);
      else missing.push(v);
    }
    const owners: number[] = [];
    if (missing.length > 0) {
      const read = escalationVerticesById(this.db, this.snapshotId, missing);
      for (const v of missing) {
        const row = read.get(v) ?? null;
        this.vertices.set(v, row);
        this.rows.vertices.set(String(v), row);
      }
    }
    for (const v of ids) {
      const owner = this.vertices.get(v)?.owner;
      if (owner !== null && owner !== undefined && !this.vertices.has(owner)) owners.push(owner);
    }
    if (owners.length > 0) this.load(owners);
  }

  private vertex(v: number): StoredVertex | undefined {
    this.load([v]);
    return this.vertices.get(v) ?? undefined;
  }

  private id(v: number): string {
    const row = this.vertex(v);
    if (!row) return `vertex#${v}`;
    return row.owner === null ? row.ref : `${row.ref}#${v}`;
  }

  vertexOf(id: string): number | undefined {
    const own = privateIndex(id);
    if (own !== undefined) return own;
    const kept = this.rows.byRef.get(id);
    if (kept !== undefined) return kept ?? undefined;
    const row = escalationVertexByRef(this.db, this.snapshotId, id);
    if (row) {
      this.vertices.set(row.vertex, row);
      this.rows.vertices.set(String(row.vertex), row);
    }
    this.rows.byRef.set(id, row?.vertex ?? null);
    return row?.vertex;
  }

  node(v: number): ExplorerNode {
    const row = this.vertex(v);
    if (!row) throw new Error(`escalation vertex ${v} is not stored for snapshot ${this.snapshotId}`);
    return explorerNodeOf({ ref: row, refText: row.ref }, v, row.owner !== null, row.owner === null ? undefined : this.id(row.owner));
  }

  private stored(v: number): { out: StoredHop[]; in: StoredHop[] } {
    return this.rows.hops.getOrMake(String(v), () => escalationHops(this.db, this.snapshotId, v));
  }

  hops(v: number, outward: boolean, read: number): { total: number; hops: readonly StoredHop[] } {
    const row = this.vertex(v);
    if (!row) return { total: 0, hops: [] };
    const total = outward ? row.outCount : row.inCount;
    if (read > STORED_HOPS && total > STORED_HOPS) return this.whole().hops(v, outward, read);
    const hops = (outward ? this.stored(v).out : this.stored(v).in).slice(0, read);
    this.load(hops.map((h) => h.other));
    return { total, hops };
  }

  hopTo(v: number, technique: string, target: string): StoredHop | undefined {
    const row = this.vertex(v);
    if (!row) return undefined;
    const out = this.stored(v).out;
    const candidates = out.filter((h) => h.technique === technique);
    this.load(candidates.map((h) => h.other));
    const found = candidates.find((h) => this.vertex(h.other)?.ref === target);
    if (found || row.outCount <= out.length) return found;
    // the hop lies past the stored first hops of a vertex with more: walk the whole graph for it
    return this.whole().hopTo(v, technique, target);
  }

  private whole(): GraphView {
    if (!this.fallback) {
      const g = storedGraph(this.db, this.snapshotId);
      if (!g) throw new Error(`snapshot ${this.snapshotId} has no stored escalation graph`);
      this.fallback = new GraphView(g);
    }
    return this.fallback;
  }
}

function focusKnown(db: Database, snapshotId: number, focus: ExplorerRef, builder: Builder): boolean {
  if (focus.kind === "ClusterAdmin") return builder.escalation() !== undefined;
  if (focus.kind === "Role" || focus.kind === "ClusterRole") return findRole(db, snapshotId, focus) !== undefined;
  if (focus.kind === "RoleBinding" || focus.kind === "ClusterRoleBinding") return findBinding(db, snapshotId, focus) !== undefined;
  if (objectKnown(db, snapshotId, focus as NamedRow)) return true;
  return builder.escalationVertex(formatExplorerRef(focus)) !== undefined;
}

/** The neighbourhood of `query.focus`, breadth first to `query.depth` hops; throws UnknownFocusError. */
export function neighbourhood(db: Database, snapshotId: number, query: NeighbourhoodQuery): Neighbourhood {
  const depth = Math.min(MAX_DEPTH, Math.max(1, Math.floor(query.depth)));
  const limit = Math.min(MAX_ELEMENTS, Math.max(1, Math.floor(query.limit ?? MAX_ELEMENTS)));
  const focusId = formatExplorerRef(query.focus);
  const builder = new Builder(db, snapshotId, focusId, query.filters ?? {}, new Set(query.open ?? []), limit);
  if (!focusKnown(db, snapshotId, query.focus, builder)) throw new UnknownFocusError(focusId);
  builder.addNode(query.focus.kind === "ClusterAdmin" ? { id: "ClusterAdmin", kind: "ClusterAdmin", namespace: "", name: "ClusterAdmin" } : plainNode(query.focus.kind, query.focus.namespace, query.focus.name));

  let highlight: string[] = [];
  if (query.pathTo && builder.escalation()) {
    const from = focusAsVertexRef(query.focus);
    const [path] = from ? snapshotPaths(db, snapshotId, { from, to: query.pathTo }) : [];
    if (path) highlight = builder.addPath(path);
  }

  const expanded = new Set<string>();
  let frontier = [focusId];
  for (let hop = 0; hop < depth && frontier.length > 0 && !builder.truncated; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (expanded.has(id)) continue;
      expanded.add(id);
      next.push(...builder.expand(id));
      if (builder.truncated) break;
    }
    frontier = next;
  }
  return {
    focus: focusId,
    depth,
    nodes: [...builder.nodes.values()],
    edges: [...builder.edges.values()],
    truncated: builder.truncated,
    limit,
    highlight,
    analysed: builder.escalation() !== undefined,
  };
}

function focusAsVertexRef(focus: ExplorerRef): VertexRef | undefined {
  if (focus.kind === "ClusterAdmin") return undefined;
  if (!["User", "Group", "ServiceAccount", "Pod", "Node", "Secret", "Namespace"].includes(focus.kind)) return undefined;
  return { kind: focus.kind as VertexRef["kind"], namespace: focus.namespace || null, name: focus.name };
}
