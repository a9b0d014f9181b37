/**
 * Left-to-right chain layout for the explorer: one column per kind in the order a grant flows
 * (namespace, node → pod → subject → binding → role → aggregated sources → what escalation
 * reaches), tall columns wrapped into side-by-side sub-columns, and rows ordered by the mean row
 * of already placed neighbours so chains stay mostly straight.
 */
export interface ChainNode {
  readonly id: string;
  readonly kind: string;
  /** For collapsed groups: the kind of the members it stands for. */
  readonly memberKind?: string;
}

export interface ChainEdge {
  readonly source: string;
  readonly target: string;
}

const COLUMN: Readonly<Record<string, number>> = {
  Namespace: 0,
  Node: 0,
  Pod: 1,
  User: 2,
  Group: 2,
  ServiceAccount: 2,
  subject: 2,
  RoleBinding: 3,
  ClusterRoleBinding: 3,
  binding: 3,
  Role: 4,
  ClusterRole: 4,
  role: 4,
  placement: 2,
  RoleGrant: 5,
  Secret: 5,
  ClusterAdmin: 6,
  vertex: 5,
};

export const ROWS_PER_SUBCOLUMN = 24;
const ROW_GAP = 46;
const SUBCOLUMN_GAP = 190;
const COLUMN_GAP = 300;

export function columnOf(node: ChainNode): number {
  if (node.kind === "Collapsed") return COLUMN[node.memberKind ?? "vertex"] ?? 5;
  return COLUMN[node.kind] ?? 5;
}

export function chainPositions(nodes: readonly ChainNode[], edges: readonly ChainEdge[]): Map<string, { x: number; y: number }> {
  const columns = new Map<number, ChainNode[]>();
  for (const n of nodes) {
    const c = columnOf(n);
    const list = columns.get(c) ?? [];
    list.push(n);
    columns.set(c, list);
  }
  const neighbours = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    const list = neighbours.get(from);
    if (list) list.push(to);
    else neighbours.set(from, [to]);
  };
  for (const e of edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const tallest = Math.min(ROWS_PER_SUBCOLUMN, Math.max(1, ...[...columns.values()].map((c) => c.length)));
  const row = new Map<string, number>();
  const out = new Map<string, { x: number; y: number }>();
  let x = 0;
  for (const column of [...columns.keys()].sort((a, b) => a - b)) {
    const members = columns.get(column) ?? [];
    const mean = (id: string) => {
      const rows = (neighbours.get(id) ?? []).flatMap((n) => (row.has(n) ? [row.get(n) as number] : []));
      return rows.length > 0 ? rows.reduce((a, b) => a + b, 0) / rows.length : Number.POSITIVE_INFINITY;
    };
    const ordered = members
      .map((n, i) => ({ n, i, m: mean(n.id) }))
      .sort((a, b) => a.m - b.m || a.i - b.i)
      .map((v) => v.n);
    const subColumns = Math.ceil(ordered.length / ROWS_PER_SUBCOLUMN);
    ordered.forEach((n, i) => {
      const sub = Math.floor(i / ROWS_PER_SUBCOLUMN);
      const inSub = Math.min(ROWS_PER_SUBCOLUMN, ordered.length - sub * ROWS_PER_SUBCOLUMN);
      const offset = ((tallest - inSub) * ROW_GAP) / 2;
      const y = offset + (i % ROWS_PER_SUBCOLUMN) * ROW_GAP + (sub % 2) * (ROW_GAP / 2);
      row.set(n.id, y);
      out.set(n.id, { x: x + sub * SUBCOLUMN_GAP, y });
    });
    x += Math.max(0, subColumns - 1) * SUBCOLUMN_GAP + COLUMN_GAP;
  }
  return out;
}
