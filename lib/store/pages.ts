/**
 * Paged, filtered lists for the dashboard's list pages: a large cluster has 100k bindings, which no
 * page should render at once. Filtering and paging happen in SQL.
 */
import type { Database_ } from "./client";
import { orderBy, type ListSort, type SortColumns } from "./list-sort";
import type { BindingListItem, PodMountItem, RoleListItem, SubjectListItem } from "./subjects";

export const PAGE_SIZE = 100;

export interface ListQuery {
  /** Substring of the name (case-insensitive). */
  readonly q?: string | undefined;
  /** Exact namespace ("" = cluster-scoped only). */
  readonly namespace?: string | undefined;
  /** 1-based. */
  readonly page?: number | undefined;
  /** A column of the list's sort columns (unknown ones keep the default order). */
  readonly sort?: ListSort | undefined;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

interface Where {
  readonly sql: string;
  readonly args: unknown[];
}

function where(snapshotId: number, query: ListQuery, columns: { name: string; namespace: string }, extra: Where[] = []): Where {
  const clauses = ["snapshotId = ?"];
  const args: unknown[] = [snapshotId];
  if (query.q) {
    clauses.push(`instr(lower(${columns.name}), lower(?)) > 0`);
    args.push(query.q);
  }
  if (query.namespace !== undefined) {
    clauses.push(`${columns.namespace} = ?`);
    args.push(query.namespace);
  }
  for (const e of extra) {
    clauses.push(e.sql);
    args.push(...e.args);
  }
  return { sql: clauses.join(" AND "), args };
}

/** Sortable columns of each list, named as in the URL (`?sort=name&dir=desc`). */
export const ROLE_SORTS = { kind: "r.kind", namespace: "r.namespace", name: "r.name", rules: "r.ruleCount", bindings: "bindingCount" } as const satisfies SortColumns;
export const BINDING_SORTS = { kind: "b.kind", namespace: "b.namespace", name: "b.name", role: "b.roleName", subjects: "subjectCount" } as const satisfies SortColumns;
export const SUBJECT_SORTS = { kind: "u.kind", namespace: "u.namespace", name: "u.name", bindings: "u.bindingCount" } as const satisfies SortColumns;
export const POD_SORTS = {
  kind: "ownerKind",
  namespace: "namespace",
  name: "name",
  serviceAccount: "serviceAccount",
  node: "nodeName",
  token: "automount",
} as const satisfies SortColumns;

function paged<T>(db: Database_, from: string, filter: Where, select: string, order: string, query: ListQuery): Page<T> {
  const total = (db.raw.prepare(`SELECT COUNT(*) AS n FROM ${from} WHERE ${filter.sql}`).get(...filter.args) as { n: number }).n;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pages);
  const items = db.raw
    .prepare(`SELECT ${select} FROM ${from} WHERE ${filter.sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...filter.args, PAGE_SIZE, (page - 1) * PAGE_SIZE) as T[];
  return { items, total, page, pages };
}

/**
 * Bindings of a role. A Role's are looked up by namespace first (unary + keeps SQLite off the
 * roleName index): Roles of one name exist in thousands of namespaces, and walking every
 * RoleBinding to that name per Role made sorting an XL snapshot's roles by bindings take a minute.
 */
const ROLE_BINDING_COUNT = `CASE r.kind WHEN 'ClusterRole'
    THEN (SELECT COUNT(*) FROM RbacBinding b WHERE b.snapshotId = r.snapshotId AND b.roleKind = 'ClusterRole' AND b.roleName = r.name)
    ELSE (SELECT COUNT(*) FROM RbacBinding b WHERE b.snapshotId = r.snapshotId AND b.kind = 'RoleBinding' AND b.namespace = r.namespace AND +b.roleKind = 'Role' AND +b.roleName = r.name)
  END`;

export function pageRoles(db: Database_, snapshotId: number, query: ListQuery): Page<RoleListItem> {
  const result = paged<Omit<RoleListItem, "aggregated" | "defaultPolicy"> & { aggregated: number; defaultPolicy: number }>(
    db,
    "RbacRole r",
    where(snapshotId, query, { name: "r.name", namespace: "r.namespace" }),
    `r.kind, r.namespace, r.name, r.aggregated, r.defaultPolicy, r.ruleCount,
      ${ROLE_BINDING_COUNT} AS bindingCount`,
    orderBy(ROLE_SORTS, "r.kind, r.namespace, r.name", query.sort),
    query,
  );
  return { ...result, items: result.items.map((row) => ({ ...row, aggregated: row.aggregated === 1, defaultPolicy: row.defaultPolicy === 1 })) };
}

const COUNTED_SUBJECTS = `(SELECT COUNT(*) FROM BindingSubject s WHERE s.snapshotId = b.snapshotId AND s.bindingKind = b.kind AND s.bindingNamespace = b.namespace AND s.bindingName = b.name)`;

/** Whether every binding of the snapshot has its subject count stored (written at ingest, or by the migration that added it). */
function bindingCountsStored(db: Database_, snapshotId: number): boolean {
  return db.raw.prepare(`SELECT 1 AS missing FROM RbacBinding WHERE snapshotId = ? AND subjectCount IS NULL LIMIT 1`).get(snapshotId) === undefined;
}

/**
 * Sorting by a stored count: the range condition (always true) makes the planner walk the
 * count's index, which yields the rows in the list's order; without it SQLite picked another index
 * and sorted all 100k bindings of an XL snapshot.
 */
const countIndexHint = (column: string, sort: ListSort | undefined, sorts: SortColumns, key: string): Where[] =>
  sort?.column === key && Object.hasOwn(sorts, key) ? [{ sql: `${column} >= 0`, args: [] }] : [];

/** Bindings list with each binding's subject count: stored at ingest; counted per row for bindings stored before it was. */
export function pageBindings(db: Database_, snapshotId: number, query: ListQuery): Page<BindingListItem> {
  const stored = bindingCountsStored(db, snapshotId);
  return paged<BindingListItem>(
    db,
    "RbacBinding b",
    where(snapshotId, query, { name: "b.name", namespace: "b.namespace" }, stored ? countIndexHint("b.subjectCount", query.sort, BINDING_SORTS, "subjects") : []),
    `b.kind, b.namespace, b.name, b.roleKind, b.roleName, ${stored ? "b.subjectCount" : COUNTED_SUBJECTS} AS subjectCount`,
    orderBy(stored ? { ...BINDING_SORTS, subjects: "b.subjectCount" } : BINDING_SORTS, "b.kind, b.namespace, b.name", query.sort),
    query,
  );
}

/** The Subjects list's default order (kindOrder): users, then groups, then ServiceAccounts. */
const KIND_ORDER = "CASE kind WHEN 'User' THEN 0 WHEN 'Group' THEN 1 ELSE 2 END";

/**
 * ServiceAccount objects plus every subject named by a binding, one row each with its binding
 * count: what SubjectSummary holds. Written once at ingest (writeSubjectSummary), and read directly
 * for snapshots stored before that table.
 */
function subjectRows(snapshotId: number): string {
  const id = Number(snapshotId);
  return `SELECT snapshotId, kind, namespace, name, ${KIND_ORDER} AS kindOrder, SUM(bindings) AS bindingCount, MAX(isObject) AS isObject FROM (
      SELECT 'ServiceAccount' AS kind, namespace, name, 0 AS bindings, 1 AS isObject, snapshotId FROM KubeObject WHERE snapshotId = ${id} AND kind = 'ServiceAccount'
      UNION ALL
      SELECT kind, namespace, name, 1 AS bindings, 0 AS isObject, snapshotId FROM BindingSubject WHERE snapshotId = ${id}
    ) subjects GROUP BY snapshotId, kind, namespace, name`;
}

/** Fills SubjectSummary for a snapshot whose objects and bindings are written (inside its write transaction). */
export function writeSubjectSummary(db: Pick<Database_, "raw">, snapshotId: number): void {
  db.raw
    .prepare(`INSERT INTO SubjectSummary (snapshotId, kind, namespace, name, kindOrder, bindingCount, isObject) SELECT snapshotId, kind, namespace, name, kindOrder, bindingCount, isObject FROM (${subjectRows(snapshotId)}) rows`)
    .run();
}

function hasSubjectSummary(db: Database_, snapshotId: number): boolean {
  return db.raw.prepare(`SELECT 1 AS present FROM SubjectSummary WHERE snapshotId = ? LIMIT 1`).get(snapshotId) !== undefined;
}

/**
 * ServiceAccount objects plus every subject named by a binding, one row each. From the summary
 * written at ingest; a snapshot without one (stored before it existed, or with no subjects at all)
 * groups the rows per request, which gives the same list.
 */
export function pageSubjects(db: Database_, snapshotId: number, query: ListQuery): Page<SubjectListItem> {
  const summary = hasSubjectSummary(db, snapshotId);
  const from = summary ? "SubjectSummary u" : `(${subjectRows(snapshotId)}) u`;
  const result = paged<{ kind: SubjectListItem["kind"]; namespace: string; name: string; bindingCount: number; isObject: number }>(
    db,
    from,
    where(snapshotId, query, { name: "u.name", namespace: "u.namespace" }, summary ? countIndexHint("u.bindingCount", query.sort, SUBJECT_SORTS, "bindings") : []),
    "u.kind, u.namespace, u.name, u.bindingCount, u.isObject",
    orderBy(SUBJECT_SORTS, "u.kindOrder, u.namespace, u.name", query.sort),
    query,
  );
  return {
    ...result,
    items: result.items.map(({ isObject, ...row }) => ({ ...row, exists: row.kind !== "ServiceAccount" || isObject === 1 })),
  };
}

export function pagePodMounts(db: Database_, snapshotId: number, query: ListQuery): Page<PodMountItem> {
  const result = paged<Omit<PodMountItem, "automount"> & { automount: number }>(
    db,
    "PodMount",
    where(snapshotId, query, { name: "name", namespace: "namespace" }),
    "ownerKind, namespace, name, serviceAccount, nodeName, automount, phase",
    orderBy(POD_SORTS, "namespace, name, ownerKind", query.sort),
    query,
  );
  return { ...result, items: result.items.map((row) => ({ ...row, automount: row.automount === 1 })) };
}
