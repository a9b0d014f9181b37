import { compilePolicy, whoCan, type AccessRequest, type CompiledPolicy, type WhoCanResult } from "@/lib/rbac";
import type { ListSort } from "@/lib/store/list-sort";
import { sortWhoCanSubjects } from "./who-can-order";
import type { ClusterObjects } from "@/lib/cluster/objects";
import { listServiceAccountNames, loadClusterObjects, RBAC_KINDS } from "@/lib/store/cluster";
import type { RawDatabase as Database } from "@/lib/store/raw";
import { Recent } from "@/lib/recent";

/**
 * Compiled policies of recently used snapshots, kept in the server process: compiling 100k bindings
 * takes seconds, answering from the compiled index takes microseconds. Snapshots are immutable, so
 * the cache never goes stale; it is only bounded.
 */
const cache = new Recent<CompiledSnapshot>(3);

export interface CompiledSnapshot {
  readonly policy: CompiledPolicy;
  readonly serviceAccounts: readonly { namespace: string; name: string }[];
}

export function compileCluster(cluster: ClusterObjects): CompiledSnapshot {
  return {
    policy: compilePolicy(cluster),
    serviceAccounts: cluster.serviceAccounts.map((sa) => ({ namespace: sa.metadata.namespace, name: sa.metadata.name })),
  };
}

export function compiledSnapshot(db: Database, snapshotId: number): CompiledSnapshot {
  // ServiceAccounts are only needed as names (who-can expands SA groups): read two columns, not JSON.
  return cache.getOrMake(`${db.cacheKey}#${snapshotId}`, () => ({
    policy: compilePolicy(loadClusterObjects(db, snapshotId, RBAC_KINDS)),
    serviceAccounts: listServiceAccountNames(db, snapshotId),
  }));
}

const aggregationCache = new Recent<CompiledPolicy["clusterRoleRules"]>(3);

/**
 * Effective rules of every ClusterRole (aggregation resolved), compiled from the ClusterRoles alone:
 * aggregation depends on nothing else, and the graph explorer's first look at a role then costs
 * the few thousand ClusterRoles rather than compiling an XL snapshot's 100k bindings (seconds).
 */
export function clusterRoleRules(db: Database, snapshotId: number): CompiledPolicy["clusterRoleRules"] {
  const key = `${db.cacheKey}#${snapshotId}`;
  const full = cache.get(key);
  if (full) return full.policy.clusterRoleRules;
  return aggregationCache.getOrMake(key, () => compilePolicy(loadClusterObjects(db, snapshotId, ["ClusterRole"])).clusterRoleRules);
}

/** Recent who-can answers per compiled snapshot (gone with it), by request, scope and order. */
const answers = new WeakMap<CompiledSnapshot, Recent<WhoCanResult>>();

/**
 * The who-can page's answer, sorted: the same question paged or re-sorted (a -A answer on XL is
 * 3,000 subjects and half a second to compute) is answered from the last few computed. Snapshots
 * are immutable, so a kept answer never goes stale.
 */
export function whoCanAnswer(compiled: CompiledSnapshot, request: AccessRequest, allNamespaces: boolean, sort: ListSort | undefined): WhoCanResult {
  let kept = answers.get(compiled);
  if (!kept) answers.set(compiled, (kept = new Recent(8)));
  return kept.getOrMake(JSON.stringify([request, allNamespaces, sort ?? null]), () => {
    const answer = whoCan(compiled.policy, request, { allNamespaces, serviceAccounts: compiled.serviceAccounts });
    return { ...answer, subjects: sortWhoCanSubjects(answer.subjects, sort) };
  });
}
