import { EMPTY_CLUSTER, type ClusterObjects, type KeptKind } from "@/lib/cluster/objects";
import type { Database_ } from "./client";
import { readChunkedManifest } from "./manifest-chunks";
import type { RawDatabase } from "./raw-client";

const COLLECTION: Record<KeptKind, keyof ClusterObjects> = {
  Namespace: "namespaces",
  ServiceAccount: "serviceAccounts",
  Secret: "secrets",
  Node: "nodes",
  PersistentVolume: "persistentVolumes",
  MutatingWebhookConfiguration: "webhookConfigurations",
  ValidatingWebhookConfiguration: "webhookConfigurations",
  Pod: "pods",
  Deployment: "workloads",
  DaemonSet: "workloads",
  StatefulSet: "workloads",
  ReplicaSet: "workloads",
  Job: "workloads",
  CronJob: "workloads",
  ReplicationController: "workloads",
  Role: "roles",
  ClusterRole: "clusterRoles",
  RoleBinding: "roleBindings",
  ClusterRoleBinding: "clusterRoleBindings",
};

export function collectionOf(kind: KeptKind): keyof ClusterObjects {
  return COLLECTION[kind];
}

/** Rebuilds the engine's view of a stored snapshot (optionally only some kinds). */
export function loadClusterObjects(db: RawDatabase, snapshotId: number, kinds?: readonly KeptKind[]): ClusterObjects {
  const buckets: Record<string, unknown[]> = {};
  for (const key of Object.keys(EMPTY_CLUSTER)) buckets[key] = [];
  const filter = kinds ? ` AND kind IN (${kinds.map(() => "?").join(",")})` : "";
  const statement = db.raw.prepare(`SELECT kind, objectJson FROM KubeObject WHERE snapshotId = ?${filter} ORDER BY id`);
  for (const row of statement.iterate(snapshotId, ...(kinds ?? [])) as Iterable<{ kind: KeptKind; objectJson: string }>) {
    buckets[COLLECTION[row.kind]]?.push(JSON.parse(row.objectJson));
  }
  return buckets as unknown as ClusterObjects;
}

export const RBAC_KINDS: readonly KeptKind[] = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

export interface StoredObjectView {
  readonly kind: KeptKind;
  readonly namespace: string;
  readonly name: string;
  readonly object: unknown;
  readonly manifest: Record<string, unknown>;
  readonly originFile: string;
  readonly originIndex: number;
}

export async function findObject(
  db: Database_,
  snapshotId: number,
  kind: KeptKind,
  namespace: string,
  name: string,
): Promise<StoredObjectView | undefined> {
  const row = await db.prisma.kubeObject.findUnique({
    where: { snapshotId_kind_namespace_name: { snapshotId, kind, namespace, name } },
  });
  if (!row) return undefined;
  return {
    kind: row.kind as KeptKind,
    namespace: row.namespace,
    name: row.name,
    object: JSON.parse(row.objectJson),
    manifest: storedManifest(db, row),
    originFile: row.originFile,
    originIndex: row.originIndex,
  };
}

/** The manifest from its chunk, or from manifestJson in snapshots stored before chunks existed. */
function storedManifest(
  db: RawDatabase,
  row: { snapshotId: number; manifestJson: string; manifestChunk: number | null; manifestSlot: number | null },
): Record<string, unknown> {
  if (row.manifestChunk === null || row.manifestSlot === null) return JSON.parse(row.manifestJson) as Record<string, unknown>;
  const manifest = readChunkedManifest(db, row.snapshotId, { chunk: row.manifestChunk, slot: row.manifestSlot });
  if (manifest === undefined) throw new Error(`snapshot ${row.snapshotId}: manifest chunk ${row.manifestChunk} slot ${row.manifestSlot} is missing`);
  return manifest;
}

export interface ObjectListItem {
  readonly kind: KeptKind;
  readonly namespace: string;
  readonly name: string;
}

export async function listObjects(
  db: Database_,
  snapshotId: number,
  kinds: readonly KeptKind[],
  options: { namespace?: string; search?: string; take?: number; skip?: number } = {},
): Promise<{ items: ObjectListItem[]; total: number }> {
  const where = {
    snapshotId,
    kind: { in: [...kinds] },
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    ...(options.search ? { name: { contains: options.search } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.prisma.kubeObject.findMany({
      where,
      select: { kind: true, namespace: true, name: true },
      orderBy: [{ namespace: "asc" }, { name: "asc" }],
      take: options.take ?? 500,
      skip: options.skip ?? 0,
    }),
    db.prisma.kubeObject.count({ where }),
  ]);
  return { items: rows.map((row) => ({ ...row, kind: row.kind as KeptKind })), total };
}

export async function listNamespaces(db: Database_, snapshotId: number): Promise<string[]> {
  // raw: through Prisma, 5,000 namespaces of an XL snapshot took longer than the rest of a list page
  const rows = db.raw.prepare(`SELECT name FROM KubeObject WHERE snapshotId = ? AND kind = 'Namespace' ORDER BY name`).all(snapshotId) as { name: string }[];
  return rows.map((row) => row.name);
}

/** Namespace and name of every ServiceAccount of a snapshot, without parsing the objects. */
export function listServiceAccountNames(db: RawDatabase, snapshotId: number): { namespace: string; name: string }[] {
  return db.raw
    .prepare(`SELECT namespace, name FROM KubeObject WHERE snapshotId = ? AND kind = 'ServiceAccount' ORDER BY namespace, name`)
    .all(snapshotId) as { namespace: string; name: string }[];
}

/** ServiceAccounts and Secrets of a namespace, as escalation vertices (a crown-jewel namespace stands for them). */
export function namespaceMembers(db: RawDatabase, snapshotId: number, namespace: string): { kind: "ServiceAccount" | "Secret"; name: string; namespace: string }[] {
  return db.raw
    .prepare(`SELECT kind, name, namespace FROM KubeObject WHERE snapshotId = ? AND namespace = ? AND kind IN ('ServiceAccount', 'Secret') ORDER BY kind, name`)
    .all(snapshotId, namespace) as { kind: "ServiceAccount" | "Secret"; name: string; namespace: string }[];
}
