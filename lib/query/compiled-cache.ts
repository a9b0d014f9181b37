import { compilePolicy, whoCan, type AccessRequest, type CompiledPolicy, type WhoCanResult } from "@/lib/rbac";
import type { ListSort } from "@/lib/store/list-sort";
import { sortWhoCanSubjects } from "./who-can-order";
import type { ClusterObjects } from "@/lib/cluster/objects";
import { listServiceAccountNames, loadClusterObjects, RBAC_KINDS } from "@/lib/store/cluster";
import type { RawDatabase as Database } from "@/lib/store/raw";

/**
 * Compiled policies of recently used snapshots, kept in the server process: compiling 100k bindings
 * takes seconds, answering from the compiled index takes microseconds. Snapshots are immutable, so
 * the cache never goes stale; it is only bounded.
 */
const MAX_ENTRIES = 3;
const cache = new Map<string, { policy: CompiledPolicy; serviceAccounts: readonly { namespace: string; name: string }[] }>();

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
  const key = `${db.cacheKey}#${snapshotId}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  // ServiceAccounts are only needed as names (who-can expands SA groups): read two columns, not JSON.
  const compiled: CompiledSnapshot = {
    policy: compilePolicy(loadClusterObjects(db, snapshotId, RBAC_KINDS)),
    serviceAccounts: listServiceAccountNames(db, snapshotId),
  };
  cache.set(key, compiled);
  while (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return compiled;
}

const aggregationCache = new Map<string, CompiledPolicy["clusterRoleRules"]>();

/**
 * Effective rules of every ClusterRole (aggregation resolved), compiled from the ClusterRoles alone:
 * aggregation depends on nothing else, and the graph explorer's first look at a role then costs
 * the few thousand ClusterRoles rather than compiling an XL snapshot's 100k bindings (seconds).
 */
export function clusterRoleRules(db: Database, snapshotId: number): CompiledPolicy["clusterRoleRules"] {
  const key = `${db.cacheKey}#${snapshotId}`;
  const full = cache.get(key);
  if (full) return full.policy.clusterRoleRules;
  const hit = aggregationCache.get(key);
  if (hit) return hit;
  const rules = compilePolicy(loadClusterObjects(db, snapshotId, ["ClusterRole"])).clusterRoleRules;
  aggregationCache.set(key, rules);
  while (aggregationCache.size > MAX_ENTRIES) {
    const oldest = aggregationCache.keys().next().value;
    if (oldest === undefined) break;
    aggregationCache.delete(oldest);
  }
  return rules;
}

/** Recent who-can answers per compiled snapshot (gone with it), by request, scope and order. */
const answers = new WeakMap<CompiledSnapshot, Map<string, WhoCanResult>>();
const MAX_ANSWERS = 8;

/**
 * The who-can page's answer, sorted: the same question paged or re-sorted (a -A answer on XL is
 * 3,000 subjects and half a second to compute) is answered from the last few computed. Snapshots
 * are immutable, so a kept answer never goes stale.
 */
export function whoCanAnswer(compiled: CompiledSnapshot, request: AccessRequest, allNamespaces: boolean, sort: ListSort | undefined): WhoCanResult {
  let kept = answers.get(compiled);
  if (!kept) answers.set(compiled, (kept = new Map()));
  const key = JSON.stringify([request, allNamespaces, sort ?? null]);
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const answer = whoCan(compiled.policy, request, { allNamespaces, serviceAccounts: compiled.serviceAccounts });
  const sorted = { ...answer, subjects: sortWhoCanSubjects(answer.subjects, sort) };
  kept.set(key, sorted);
  while (kept.size > MAX_ANSWERS) kept.delete(kept.keys().next().value as string);
  return sorted;
}
