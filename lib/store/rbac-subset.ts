import type { SubjectsConcerning } from "@/lib/rbac/near-miss";
import { EMPTY_CLUSTER, type ClusterObjects, type KeptKind } from "@/lib/cluster/objects";
import { collectionOf } from "./cluster";
import type { RawDatabase } from "./raw-client";

/**
 * The part of a stored snapshot's RBAC a single question can depend on, read through the indexes
 * instead of parsing every Role and binding of the snapshot (at 150k pods that is the whole cost of a
 * stored can-i). Which part is the engine's to say (lib/rbac: looseNamesConcerning, who-can's scope);
 * these functions only read it. Objects come back in storage order, the order a full load has, so the
 * engine walks them in the same order and gives the same answer, proof and near misses.
 */

interface ObjectRow {
  readonly id: number;
  readonly kind: KeptKind;
  readonly objectJson: string;
}

/** Parses a row's object once: by KubeObject id, in `parsed` (shared by the reads of one question). */
function parserWith(parsed: Map<number, unknown>): (row: ObjectRow) => unknown {
  return (row) => {
    let object = parsed.get(row.id);
    if (object === undefined) {
      object = JSON.parse(row.objectJson);
      parsed.set(row.id, object);
    }
    return object;
  };
}

function toCluster(rows: readonly ObjectRow[], parse: (row: ObjectRow) => unknown = parserWith(new Map())): ClusterObjects {
  const buckets: Record<string, unknown[]> = {};
  for (const key of Object.keys(EMPTY_CLUSTER)) buckets[key] = [];
  const seen = new Set<number>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    buckets[collectionOf(row.kind)]?.push(parse(row));
  }
  return buckets as unknown as ClusterObjects;
}

/**
 * True when the snapshot's binding subjects carry their binding's KubeObject id (every snapshot
 * stored or migrated since the column exists; one written later by an older version has none).
 */
function hasObjectIds(db: RawDatabase, snapshotId: number): boolean {
  const first = db.raw.prepare(`SELECT objectId FROM BindingSubject WHERE snapshotId = ? LIMIT 1`).get(snapshotId) as { objectId: number | null } | undefined;
  return first !== undefined && first.objectId !== null;
}

/** True when the snapshot's binding subjects carry looseName (stored by this version or later). */
function hasLooseNames(db: RawDatabase, snapshotId: number): boolean {
  return db.raw.prepare(`SELECT 1 FROM BindingSubject WHERE snapshotId = ? AND looseName IS NULL LIMIT 1`).get(snapshotId) === undefined;
}

/** A namespace's scope: its RoleBindings and every ClusterRoleBinding ("" = ClusterRoleBindings only). */
function inScope(namespace: string): string {
  return `(s.bindingKind = 'ClusterRoleBinding' OR (s.bindingKind = 'RoleBinding' AND s.bindingNamespace = ${sqlString(namespace)} AND ${sqlString(namespace)} <> ''))`;
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export interface ConcerningOptions {
  /** Only bindings in this namespace's scope (what a decision there reads); default every binding. */
  readonly scope?: string;
  /** Also the bindings in this namespace's scope whose subjects only resemble the identity (near misses). */
  readonly lookalikesIn?: string;
  /**
   * Objects of this snapshot already parsed, by KubeObject id: a question that reads twice (can-i's
   * scope, then everywhere after a denial) parses each binding and role once. Filled by the read.
   * The engine never changes its input, so both reads can hold the same objects.
   */
  readonly parsed?: Map<number, unknown>;
}

/**
 * The bindings that name one of `subjects` exactly, as the authorizer matches them (all of them, or
 * those in `scope`), and those in `lookalikesIn`'s scope with a subject of one of its loose names;
 * then the Roles and ClusterRoles those bindings refer to — every ClusterRole when one of those is
 * aggregated (its rules come from others, chosen by label). Undefined for a snapshot stored before
 * subjects had loose names: the caller reads it whole.
 */
export function loadBindingsConcerning(
  db: RawDatabase,
  snapshotId: number,
  subjects: SubjectsConcerning,
  options: ConcerningOptions = {},
): ClusterObjects | undefined {
  if (!hasLooseNames(db, snapshotId)) return undefined;
  const parse = parserWith(options.parsed ?? new Map());
  // By the stored KubeObject id: the subject index holds it, so a subject's bindings are one index
  // range and a primary-key read each, in id order (at 150k pods, thousands of them for one
  // ServiceAccount). By name only for snapshots stored without it.
  const joinObject = hasObjectIds(db, snapshotId)
    ? `JOIN KubeObject o ON o.id = s.objectId`
    : `JOIN KubeObject o ON o.snapshotId = s.snapshotId AND o.kind = s.bindingKind AND o.namespace = s.bindingNamespace AND o.name = s.bindingName`;
  const scope = options.scope === undefined ? "" : ` AND ${inScope(options.scope)}`;
  const select = `SELECT o.id AS id, o.kind AS kind, o.objectJson AS objectJson FROM BindingSubject s ${joinObject} WHERE s.snapshotId = ?${scope}`;
  const bindings = new Map<number, ObjectRow>();
  const add = (rows: unknown[]) => {
    for (const row of rows as ObjectRow[]) bindings.set(row.id, row);
  };
  const named = db.raw.prepare(`${select} AND s.kind = ? AND s.namespace = '' AND s.name = ?`);
  for (const user of subjects.users) add(named.all(snapshotId, "User", user));
  for (const group of subjects.groups) add(named.all(snapshotId, "Group", group));
  // A ServiceAccount subject's namespace defaults to its RoleBinding's when missing or empty (two
  // statements rather than an OR, so each reads the index it needs).
  const namedServiceAccount = db.raw.prepare(`${select} AND s.kind = 'ServiceAccount' AND s.namespace = ? AND s.name = ?`);
  const defaultedServiceAccount = db.raw.prepare(`${select} AND s.kind = 'ServiceAccount' AND s.namespace = '' AND s.name = ? AND s.bindingNamespace = ?`);
  for (const sa of subjects.serviceAccounts) {
    add(namedServiceAccount.all(snapshotId, sa.namespace, sa.name));
    add(defaultedServiceAccount.all(snapshotId, sa.name, sa.namespace));
  }
  if (options.lookalikesIn !== undefined && subjects.lookalikeNames.length > 0) {
    const names = subjects.lookalikeNames;
    const lookalikes = `SELECT o.id AS id, o.kind AS kind, o.objectJson AS objectJson FROM BindingSubject s ${joinObject} WHERE s.snapshotId = ? AND ${inScope(options.lookalikesIn)}`;
    add(db.raw.prepare(`${lookalikes} AND s.looseName IN (${names.map(() => "?").join(",")})`).all(snapshotId, ...names));
  }
  const rows: ObjectRow[] = [...bindings.values()];
  const role = db.raw.prepare(`SELECT id, kind, objectJson FROM KubeObject WHERE snapshotId = ? AND kind = ? AND namespace = ? AND name = ?`);
  // Thousands of bindings can name the same few roles (a group bound in every namespace): each
  // role is read and parsed once.
  const roleRows = new Map<string, ObjectRow | undefined>();
  const roleRow = (kind: string, namespace: string, name: string): ObjectRow | undefined => {
    const key = `${kind}\0${namespace}\0${name}`;
    if (!roleRows.has(key)) roleRows.set(key, role.get(snapshotId, kind, namespace, name) as ObjectRow | undefined);
    return roleRows.get(key);
  };
  const clusterRoles = new Map<number, ObjectRow>();
  for (const binding of bindings.values()) {
    const parsed = parse(binding) as { metadata: { namespace?: string }; roleRef: { kind: string; name: string } };
    const ref = parsed.roleRef;
    if (ref.kind === "ClusterRole") {
      const found = roleRow("ClusterRole", "", ref.name);
      if (found) clusterRoles.set(found.id, found);
    } else if (ref.kind === "Role" && binding.kind === "RoleBinding") {
      const found = roleRow("Role", parsed.metadata.namespace ?? "", ref.name);
      if (found) rows.push(found);
    }
  }
  const aggregated = [...clusterRoles.values()].some((row) => (parse(row) as { aggregationRule?: unknown }).aggregationRule !== undefined);
  if (aggregated) {
    rows.push(...(db.raw.prepare(`SELECT id, kind, objectJson FROM KubeObject WHERE snapshotId = ? AND kind = 'ClusterRole'`).all(snapshotId) as ObjectRow[]));
  } else {
    rows.push(...clusterRoles.values());
  }
  return toCluster(rows, parse);
}

/**
 * Every ClusterRole and ClusterRoleBinding, and the Roles and RoleBindings of one namespace: all a
 * who-can in that namespace (or cluster-wide, namespace "") reads, its problems included.
 */
export function loadNamespacePolicy(db: RawDatabase, snapshotId: number, namespace: string): ClusterObjects {
  // One statement per kind: each reads exactly its range of the (snapshotId, kind, namespace) index.
  const ofKind = db.raw.prepare(`SELECT id, kind, objectJson FROM KubeObject WHERE snapshotId = ? AND kind = ?`);
  const ofKindIn = db.raw.prepare(`SELECT id, kind, objectJson FROM KubeObject WHERE snapshotId = ? AND kind = ? AND namespace = ?`);
  const rows = [
    ...(ofKind.all(snapshotId, "ClusterRole") as ObjectRow[]),
    ...(ofKind.all(snapshotId, "ClusterRoleBinding") as ObjectRow[]),
    ...(ofKindIn.all(snapshotId, "Role", namespace) as ObjectRow[]),
    ...(ofKindIn.all(snapshotId, "RoleBinding", namespace) as ObjectRow[]),
  ];
  return toCluster(rows);
}

/** ServiceAccounts (namespace and name) of one namespace, or of all when namespace is undefined. */
export function listServiceAccountsIn(db: RawDatabase, snapshotId: number, namespace?: string): { namespace: string; name: string }[] {
  if (namespace === undefined) {
    return db.raw
      .prepare(`SELECT namespace, name FROM KubeObject WHERE snapshotId = ? AND kind = 'ServiceAccount' ORDER BY namespace, name`)
      .all(snapshotId) as { namespace: string; name: string }[];
  }
  return db.raw
    .prepare(`SELECT namespace, name FROM KubeObject WHERE snapshotId = ? AND kind = 'ServiceAccount' AND namespace = ? ORDER BY name`)
    .all(snapshotId, namespace) as { namespace: string; name: string }[];
}
