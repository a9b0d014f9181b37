/**
 * Neighbourhood reads for the permission graph explorer: each returns at most `limit` rows plus the
 * full count, so a vertex with 40k bindings costs one COUNT and one short page, never 40k rows.
 */
import type { Database_ } from "./client";

export interface Limited<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface NamedRow {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface BindingRow extends NamedRow {
  readonly roleKind: string;
  readonly roleName: string;
}

export interface PodRow {
  readonly ownerKind: string;
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccount: string;
  readonly nodeName: string;
}

/**
 * The order's columns as expressions (`+b.kind`): without ANALYZE statistics SQLite otherwise walks
 * the index that yields the ORDER BY (all 100k bindings of an XL snapshot, or every pod) rather than
 * the one that serves the WHERE, and sorting the few matching rows is far cheaper.
 */
const sortedAfterFiltering = (order: string) =>
  order
    .split(",")
    .map((term) => `+${term.trim()}`)
    .join(", ");

function limited<T>(db: Database_, from: string, where: string, args: readonly unknown[], select: string, order: string, limit: number): Limited<T> {
  const total = (db.raw.prepare(`SELECT COUNT(*) AS n FROM ${from} WHERE ${where}`).get(...args) as { n: number }).n;
  const items =
    limit <= 0 ? [] : (db.raw.prepare(`SELECT ${select} FROM ${from} WHERE ${where} ORDER BY ${sortedAfterFiltering(order)} LIMIT ?`).all(...args, limit) as T[]);
  return { items, total };
}

/**
 * Bindings that name the subject (ServiceAccount namespace after defaulting). The first few binding
 * names come from BindingSubject's subject → binding index alone, in order (a group named by 600
 * bindings is not joined and sorted whole), then each is read by its key.
 */
export function bindingsNaming(db: Database_, snapshotId: number, subject: NamedRow, limit: number): Limited<BindingRow> {
  const subjectArgs = [snapshotId, subject.kind, subject.namespace, subject.name];
  const total = (
    db.raw
      .prepare(
        `SELECT COUNT(*) AS n FROM BindingSubject s JOIN RbacBinding b ON b.snapshotId = s.snapshotId AND b.kind = s.bindingKind AND b.namespace = s.bindingNamespace AND b.name = s.bindingName
         WHERE s.snapshotId = ? AND s.kind = ? AND s.namespace = ? AND s.name = ?`,
      )
      .get(...subjectArgs) as { n: number }
  ).n;
  if (limit <= 0) return { items: [], total };
  const keys = db.raw
    .prepare(
      `SELECT DISTINCT bindingKind, bindingNamespace, bindingName FROM BindingSubject WHERE snapshotId = ? AND kind = ? AND namespace = ? AND name = ?
       ORDER BY bindingKind, bindingNamespace, bindingName`,
    )
    .iterate(...subjectArgs) as IterableIterator<{ bindingKind: string; bindingNamespace: string; bindingName: string }>;
  const items: BindingRow[] = [];
  for (const key of keys) {
    // a subject row whose binding is not stored is skipped, as the join skips it
    const binding = findBinding(db, snapshotId, { kind: key.bindingKind, namespace: key.bindingNamespace, name: key.bindingName });
    if (binding) items.push(binding);
    if (items.length >= limit) break;
  }
  return { items, total };
}

export function subjectsOfBinding(db: Database_, snapshotId: number, binding: NamedRow, limit: number): Limited<NamedRow> {
  return limited<NamedRow>(
    db,
    "BindingSubject",
    "snapshotId = ? AND bindingKind = ? AND bindingNamespace = ? AND bindingName = ?",
    [snapshotId, binding.kind, binding.namespace, binding.name],
    "kind, namespace, name",
    // "+kind": ordering by the bare columns makes SQLite walk the subject index instead of the binding one
    "+kind, namespace, name",
    limit,
  );
}

export function findBinding(db: Database_, snapshotId: number, binding: NamedRow): BindingRow | undefined {
  return db.raw
    .prepare(`SELECT kind, namespace, name, roleKind, roleName FROM RbacBinding WHERE snapshotId = ? AND kind = ? AND namespace = ? AND name = ?`)
    .get(snapshotId, binding.kind, binding.namespace, binding.name) as BindingRow | undefined;
}

export function findRole(db: Database_, snapshotId: number, role: NamedRow): (NamedRow & { aggregated: boolean }) | undefined {
  const row = db.raw
    .prepare(`SELECT kind, namespace, name, aggregated FROM RbacRole WHERE snapshotId = ? AND kind = ? AND namespace = ? AND name = ?`)
    .get(snapshotId, role.kind, role.namespace, role.name) as (NamedRow & { aggregated: number }) | undefined;
  return row ? { ...row, aggregated: row.aggregated === 1 } : undefined;
}

/** Bindings whose roleRef resolves to the role (a Role only from RoleBindings of its namespace). */
export function bindingsOfRole(db: Database_, snapshotId: number, role: NamedRow, limit: number): Limited<BindingRow> {
  const scoped = role.kind === "Role";
  return limited<BindingRow>(
    db,
    "RbacBinding",
    `snapshotId = ? AND roleKind = ? AND roleName = ?${scoped ? " AND kind = 'RoleBinding' AND namespace = ?" : ""}`,
    scoped ? [snapshotId, role.kind, role.name, role.namespace] : [snapshotId, role.kind, role.name],
    "kind, namespace, name, roleKind, roleName",
    "kind, namespace, name",
    limit,
  );
}

const POD_COLUMNS = "ownerKind, namespace, name, serviceAccount, nodeName";

export function podsRunningAs(db: Database_, snapshotId: number, namespace: string, serviceAccount: string, limit: number): Limited<PodRow> {
  return limited<PodRow>(db, "PodMount", "snapshotId = ? AND namespace = ? AND serviceAccount = ?", [snapshotId, namespace, serviceAccount], POD_COLUMNS, "name", limit);
}

export function podsOnNode(db: Database_, snapshotId: number, node: string, limit: number): Limited<PodRow> {
  return limited<PodRow>(db, "PodMount", "snapshotId = ? AND nodeName = ?", [snapshotId, node], POD_COLUMNS, "namespace, name", limit);
}

export function findPod(db: Database_, snapshotId: number, namespace: string, name: string): PodRow | undefined {
  return db.raw
    .prepare(`SELECT ${POD_COLUMNS} FROM PodMount WHERE snapshotId = ? AND namespace = ? AND name = ? ORDER BY ownerKind = 'Pod' DESC LIMIT 1`)
    .get(snapshotId, namespace, name) as PodRow | undefined;
}

/** Members of a namespace of one kind: RoleBindings, Roles, ServiceAccounts or Pods. */
export function namespaceMembersOfKind(
  db: Database_,
  snapshotId: number,
  namespace: string,
  kind: "RoleBinding" | "Role" | "ServiceAccount" | "Pod",
  limit: number,
): Limited<NamedRow> {
  if (kind === "RoleBinding") return limited<NamedRow>(db, "RbacBinding", "snapshotId = ? AND kind = 'RoleBinding' AND namespace = ?", [snapshotId, namespace], "kind, namespace, name", "name", limit);
  if (kind === "Role") return limited<NamedRow>(db, "RbacRole", "snapshotId = ? AND kind = 'Role' AND namespace = ?", [snapshotId, namespace], "kind, namespace, name", "name", limit);
  if (kind === "Pod") return limited<NamedRow>(db, "PodMount", "snapshotId = ? AND namespace = ?", [snapshotId, namespace], "'Pod' AS kind, namespace, name", "name", limit);
  return limited<NamedRow>(db, "KubeObject", "snapshotId = ? AND kind = 'ServiceAccount' AND namespace = ?", [snapshotId, namespace], "kind, namespace, name", "name", limit);
}

/** Does the snapshot hold this object (any kept kind, or a subject named by a binding, or a pod template)? */
export function objectKnown(db: Database_, snapshotId: number, ref: NamedRow): boolean {
  const kubeObject = db.raw.prepare(`SELECT 1 FROM KubeObject WHERE snapshotId = ? AND kind = ? AND namespace = ? AND name = ? LIMIT 1`).get(snapshotId, ref.kind, ref.namespace, ref.name);
  if (kubeObject) return true;
  if (ref.kind === "User" || ref.kind === "Group" || ref.kind === "ServiceAccount") {
    return db.raw.prepare(`SELECT 1 FROM BindingSubject WHERE snapshotId = ? AND kind = ? AND namespace = ? AND name = ? LIMIT 1`).get(snapshotId, ref.kind, ref.namespace, ref.name) !== undefined;
  }
  if (ref.kind === "Pod") return findPod(db, snapshotId, ref.namespace, ref.name) !== undefined;
  if (ref.kind === "Node") return db.raw.prepare(`SELECT 1 FROM PodMount WHERE snapshotId = ? AND nodeName = ? LIMIT 1`).get(snapshotId, ref.name) !== undefined;
  if (ref.kind === "Namespace") return db.raw.prepare(`SELECT 1 FROM KubeObject WHERE snapshotId = ? AND namespace = ? LIMIT 1`).get(snapshotId, ref.name) !== undefined;
  return false;
}

export interface SearchHit extends NamedRow {}

/**
 * Name search over subjects, roles, bindings, namespaces, pods and nodes: prefix matches first,
 * then substring matches, at most `limit` in all (each source bounded by its own LIMIT).
 */
export function searchObjects(db: Database_, snapshotId: number, text: string, limit: number): SearchHit[] {
  const q = text.toLowerCase();
  const sources = [
    `SELECT DISTINCT kind, namespace, name FROM BindingSubject WHERE snapshotId = ? AND instr(lower(name), ?) > 0 LIMIT ?`,
    `SELECT kind, namespace, name FROM KubeObject WHERE snapshotId = ? AND kind IN ('ServiceAccount', 'Namespace') AND instr(lower(name), ?) > 0 LIMIT ?`,
    `SELECT kind, namespace, name FROM RbacRole WHERE snapshotId = ? AND instr(lower(name), ?) > 0 LIMIT ?`,
    `SELECT kind, namespace, name FROM RbacBinding WHERE snapshotId = ? AND instr(lower(name), ?) > 0 LIMIT ?`,
    `SELECT DISTINCT 'Pod' AS kind, namespace, name FROM PodMount WHERE snapshotId = ? AND instr(lower(name), ?) > 0 LIMIT ?`,
    `SELECT DISTINCT 'Node' AS kind, '' AS namespace, nodeName AS name FROM PodMount WHERE snapshotId = ? AND nodeName <> '' AND instr(lower(nodeName), ?) > 0 LIMIT ?`,
  ];
  const seen = new Set<string>();
  const hits: SearchHit[] = [];
  for (const sql of sources) {
    for (const row of db.raw.prepare(sql).all(snapshotId, q, limit * 4) as SearchHit[]) {
      const key = `${row.kind}/${row.namespace}/${row.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push(row);
    }
  }
  const rank = (h: SearchHit) => {
    const name = h.name.toLowerCase();
    return name === q ? 0 : name.startsWith(q) ? 1 : 2;
  };
  return hits.sort((a, b) => rank(a) - rank(b) || a.name.length - b.name.length || a.name.localeCompare(b.name)).slice(0, limit);
}

/**
 * Candidate names for "did you mean": objects of the kind whose name shares a 3-letter prefix or
 * contains the first third of the wanted name (bounded; the caller ranks by edit distance).
 */
export function similarNameCandidates(db: Database_, snapshotId: number, kind: string, name: string, limit = 2000): NamedRow[] {
  const prefix = name.slice(0, 3).toLowerCase();
  const part = name.slice(0, Math.max(3, Math.ceil(name.length / 3))).toLowerCase();
  const subject = kind === "User" || kind === "Group" || kind === "ServiceAccount";
  const sql = subject
    ? `SELECT DISTINCT kind, namespace, name FROM (
         SELECT kind, namespace, name FROM BindingSubject WHERE snapshotId = ? AND kind = ?
         UNION SELECT kind, namespace, name FROM KubeObject WHERE snapshotId = ? AND kind = ?)
       WHERE substr(lower(name), 1, 3) = ? OR instr(lower(name), ?) > 0 LIMIT ?`
    : `SELECT kind, namespace, name FROM KubeObject WHERE snapshotId = ? AND kind = ? AND (substr(lower(name), 1, 3) = ? OR instr(lower(name), ?) > 0) LIMIT ?`;
  const args = subject ? [snapshotId, kind, snapshotId, kind, prefix, part, limit] : [snapshotId, kind, prefix, part, limit];
  return db.raw.prepare(sql).all(...args) as NamedRow[];
}
