import type { SubjectKind } from "@/lib/rbac/objects";
import type { Database_ } from "./client";

export interface SubjectListItem {
  readonly kind: SubjectKind;
  readonly name: string;
  /** ServiceAccounts only. */
  readonly namespace: string;
  /** How many bindings name this subject. */
  readonly bindingCount: number;
  /** False for a ServiceAccount named in a binding that does not exist in the snapshot. */
  readonly exists: boolean;
}

/** Every ServiceAccount object, plus every User, Group and ServiceAccount named by a binding subject. */
export function listSubjects(db: Database_, snapshotId: number): SubjectListItem[] {
  const named = db.raw
    .prepare(
      `SELECT kind, name, namespace, COUNT(*) AS bindingCount FROM BindingSubject WHERE snapshotId = ? GROUP BY kind, namespace, name`,
    )
    .all(snapshotId) as { kind: SubjectKind; name: string; namespace: string; bindingCount: number }[];
  const accounts = db.raw
    .prepare(`SELECT namespace, name FROM KubeObject WHERE snapshotId = ? AND kind = 'ServiceAccount'`)
    .all(snapshotId) as { namespace: string; name: string }[];
  const byKey = new Map<string, SubjectListItem>();
  const key = (kind: string, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;
  for (const sa of accounts) {
    byKey.set(key("ServiceAccount", sa.namespace, sa.name), {
      kind: "ServiceAccount",
      name: sa.name,
      namespace: sa.namespace,
      bindingCount: 0,
      exists: true,
    });
  }
  for (const row of named) {
    const k = key(row.kind, row.namespace, row.name);
    const existing = byKey.get(k);
    byKey.set(k, {
      kind: row.kind,
      name: row.name,
      namespace: row.namespace,
      bindingCount: row.bindingCount,
      exists: row.kind !== "ServiceAccount" || existing !== undefined,
    });
  }
  const order: Record<SubjectKind, number> = { User: 0, Group: 1, ServiceAccount: 2 };
  return [...byKey.values()].sort(
    (a, b) => order[a.kind] - order[b.kind] || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
  );
}

export interface BindingListItem {
  readonly kind: "RoleBinding" | "ClusterRoleBinding";
  readonly namespace: string;
  readonly name: string;
  readonly roleKind: string;
  readonly roleName: string;
  readonly subjectCount: number;
}

export function listBindings(
  db: Database_,
  snapshotId: number,
  filter: { roleKind?: string; roleName?: string; roleNamespace?: string } = {},
): BindingListItem[] {
  const clauses = ["b.snapshotId = ?"];
  const args: unknown[] = [snapshotId];
  if (filter.roleKind) {
    clauses.push("b.roleKind = ?");
    args.push(filter.roleKind);
  }
  if (filter.roleName) {
    clauses.push("b.roleName = ?");
    args.push(filter.roleName);
  }
  // A Role is only ever referenced by RoleBindings of its own namespace.
  if (filter.roleKind === "Role" && filter.roleNamespace !== undefined) {
    clauses.push("b.kind = 'RoleBinding' AND b.namespace = ?");
    args.push(filter.roleNamespace);
  }
  return db.raw
    .prepare(
      `SELECT b.kind, b.namespace, b.name, b.roleKind, b.roleName,
        (SELECT COUNT(*) FROM BindingSubject s WHERE s.snapshotId = b.snapshotId AND s.bindingKind = b.kind AND s.bindingNamespace = b.namespace AND s.bindingName = b.name) AS subjectCount
       FROM RbacBinding b WHERE ${clauses.join(" AND ")} ORDER BY b.kind, b.namespace, b.name`,
    )
    .all(...args) as BindingListItem[];
}

export interface RoleListItem {
  readonly kind: "Role" | "ClusterRole";
  readonly namespace: string;
  readonly name: string;
  readonly aggregated: boolean;
  readonly defaultPolicy: boolean;
  readonly ruleCount: number;
  readonly bindingCount: number;
}

export function listRoles(db: Database_, snapshotId: number): RoleListItem[] {
  const rows = db.raw
    .prepare(
      `SELECT r.kind, r.namespace, r.name, r.aggregated, r.defaultPolicy, r.ruleCount,
        (SELECT COUNT(*) FROM RbacBinding b WHERE b.snapshotId = r.snapshotId AND b.roleKind = r.kind AND b.roleName = r.name
           AND (r.kind = 'ClusterRole' OR (b.kind = 'RoleBinding' AND b.namespace = r.namespace))) AS bindingCount
       FROM RbacRole r WHERE r.snapshotId = ? ORDER BY r.kind, r.namespace, r.name`,
    )
    .all(snapshotId) as (Omit<RoleListItem, "aggregated" | "defaultPolicy"> & { aggregated: number; defaultPolicy: number })[];
  return rows.map((row) => ({ ...row, aggregated: row.aggregated === 1, defaultPolicy: row.defaultPolicy === 1 }));
}

export interface PodMountItem {
  readonly ownerKind: string;
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccount: string;
  readonly nodeName: string;
  readonly automount: boolean;
  readonly phase: string;
}

export function listPodMounts(
  db: Database_,
  snapshotId: number,
  filter: { namespace?: string; serviceAccount?: string; ownerKind?: string } = {},
): PodMountItem[] {
  const clauses = ["snapshotId = ?"];
  const args: unknown[] = [snapshotId];
  if (filter.namespace !== undefined) {
    clauses.push("namespace = ?");
    args.push(filter.namespace);
  }
  if (filter.serviceAccount !== undefined) {
    clauses.push("serviceAccount = ?");
    args.push(filter.serviceAccount);
  }
  if (filter.ownerKind !== undefined) {
    clauses.push("ownerKind = ?");
    args.push(filter.ownerKind);
  }
  const rows = db.raw
    .prepare(
      `SELECT ownerKind, namespace, name, serviceAccount, nodeName, automount, phase FROM PodMount WHERE ${clauses.join(" AND ")} ORDER BY namespace, name LIMIT 2000`,
    )
    .all(...args) as (Omit<PodMountItem, "automount"> & { automount: number })[];
  return rows.map((row) => ({ ...row, automount: row.automount === 1 }));
}
