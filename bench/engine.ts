/**
 * Micro-benchmark of the authorization engine: `npx tsx bench/engine.ts`.
 * Synthetic policy: 100k RoleBindings, 10k Roles, 1.5k ClusterRoles (some aggregated), 3k
 * ClusterRoleBindings, 50k ServiceAccount subjects. Prints compile time and can-i / who-can
 * latency percentiles.
 */
import { allows, canI, compilePolicy, identityFor, resourceRequest, whoCan, type AccessRequest, type Identity } from "@/lib/rbac";
import type { ClusterRole, ClusterRoleBinding, PolicyRule, RbacPolicy, Role, RoleBinding, Subject } from "@/lib/rbac/objects";

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const int = (n: number) => Math.floor(rand() * n);

const NAMESPACES = 1000;
const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"];
const RESOURCES = ["pods", "secrets", "configmaps", "services", "deployments", "jobs", "pods/log", "pods/exec", "widgets", "leases"];
const GROUPS = ["", "apps", "batch", "example.com", "coordination.k8s.io"];

function randomRule(): PolicyRule {
  const r = rand();
  if (r < 0.02) return { verbs: ["*"], apiGroups: ["*"], resources: ["*"] };
  if (r < 0.05) return { verbs: ["get"], nonResourceURLs: [`/metrics/${int(50)}*`] };
  const rule: { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames?: string[] } = {
    verbs: [...new Set([pick(VERBS), pick(VERBS)])],
    apiGroups: [pick(GROUPS)],
    resources: [...new Set([pick(RESOURCES), pick(RESOURCES)])],
  };
  if (rand() < 0.1) rule.resourceNames = [`obj-${int(20)}`];
  return rule;
}
const rules = (n: number) => Array.from({ length: n }, randomRule);
const ns = (i: number) => `ns-${i}`;
const saCount = 50_000;
const sa = (i: number) => ({ namespace: ns(i % NAMESPACES), name: `sa-${i}` });

function randomSubject(namespace?: string): Subject {
  const r = rand();
  if (r < 0.6) {
    const s = sa(int(saCount));
    return { kind: "ServiceAccount", name: s.name, namespace: namespace && rand() < 0.5 ? namespace : s.namespace };
  }
  if (r < 0.85) return { kind: "User", name: `user-${int(5000)}` };
  return { kind: "Group", name: rand() < 0.1 ? `system:serviceaccounts:${ns(int(NAMESPACES))}` : `group-${int(300)}` };
}

function buildPolicy(): RbacPolicy {
  const clusterRoles: ClusterRole[] = [];
  for (let i = 0; i < 1500; i++) {
    const labels = { [`agg-${i % 30}`]: "true" };
    if (i < 30) {
      clusterRoles.push({ kind: "ClusterRole", metadata: { name: `cr-${i}`, labels: {} }, rules: [], aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`agg-${i}`]: "true" } }] } });
    } else clusterRoles.push({ kind: "ClusterRole", metadata: { name: `cr-${i}`, labels }, rules: rules(1 + int(8)) });
  }
  const roles: Role[] = [];
  for (let i = 0; i < 10_000; i++) roles.push({ kind: "Role", metadata: { name: `role-${i}`, namespace: ns(i % NAMESPACES) }, rules: rules(1 + int(5)) });
  const roleBindings: RoleBinding[] = [];
  for (let i = 0; i < 100_000; i++) {
    const namespace = ns(i % NAMESPACES);
    const toCluster = rand() < 0.4;
    roleBindings.push({
      kind: "RoleBinding",
      metadata: { name: `rb-${i}`, namespace },
      roleRef: toCluster
        ? { kind: "ClusterRole", name: `cr-${int(1500)}`, apiGroup: "rbac.authorization.k8s.io" }
        : { kind: "Role", name: `role-${(i % NAMESPACES) + NAMESPACES * int(10)}`, apiGroup: "rbac.authorization.k8s.io" },
      subjects: Array.from({ length: 1 + int(2) }, () => randomSubject(namespace)),
    });
  }
  const clusterRoleBindings: ClusterRoleBinding[] = [];
  for (let i = 0; i < 3000; i++) {
    clusterRoleBindings.push({
      kind: "ClusterRoleBinding",
      metadata: { name: `crb-${i}` },
      roleRef: { kind: "ClusterRole", name: `cr-${int(1500)}`, apiGroup: "rbac.authorization.k8s.io" },
      subjects: Array.from({ length: 1 + int(2) }, () => randomSubject()),
    });
  }
  return { roles, clusterRoles, roleBindings, clusterRoleBindings };
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

function randomRequest(): AccessRequest {
  const [resource, subresource = ""] = pick(RESOURCES).split("/") as [string, string?];
  return resourceRequest({ verb: pick(VERBS), apiGroup: pick(GROUPS), resource, subresource, namespace: rand() < 0.9 ? ns(int(NAMESPACES)) : "" });
}

function randomIdentity(): Identity {
  if (rand() < 0.7) {
    const s = sa(int(saCount));
    return identityFor(`system:serviceaccount:${s.namespace}:${s.name}`);
  }
  return identityFor(`user-${int(5000)}`, [`group-${int(300)}`]);
}

const t0 = performance.now();
const policy = buildPolicy();
const t1 = performance.now();
const compiled = compilePolicy(policy);
const t2 = performance.now();
console.log(`generate policy: ${(t1 - t0).toFixed(0)} ms`);
console.log(`compile: ${(t2 - t1).toFixed(0)} ms (${compiled.problems.length} problems)`);

const serviceAccounts = Array.from({ length: saCount }, (_, i) => sa(i));
const measure = (n: number, f: () => unknown) => {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    f();
    times.push(performance.now() - a);
  }
  return times;
};

const first = measure(1, () => canI(compiled, randomIdentity(), randomRequest()));
console.log(`first canI: ${first[0]?.toFixed(3)} ms`);
let allowedCount = 0;
const canTimes = measure(20_000, () => {
  if (canI(compiled, randomIdentity(), randomRequest()).allowed) allowedCount++;
});
console.log(`canI x${canTimes.length}: p50 ${percentile(canTimes, 0.5).toFixed(4)} ms, p99 ${percentile(canTimes, 0.99).toFixed(4)} ms (${allowedCount} allowed; denials include near-miss search)`);
const allowsTimes = measure(20_000, () => allows(compiled, randomIdentity(), randomRequest()));
console.log(`allows x${allowsTimes.length}: p50 ${percentile(allowsTimes, 0.5).toFixed(4)} ms, p99 ${percentile(allowsTimes, 0.99).toFixed(4)} ms`);
const whoTimes = measure(300, () => whoCan(compiled, randomRequest(), { serviceAccounts }));
console.log(`whoCan x${whoTimes.length}: p50 ${percentile(whoTimes, 0.5).toFixed(3)} ms, p99 ${percentile(whoTimes, 0.99).toFixed(3)} ms`);
const whoAllTimes = measure(30, () => whoCan(compiled, randomRequest(), { allNamespaces: true, serviceAccounts }));
console.log(`whoCan -A x${whoAllTimes.length}: p50 ${percentile(whoAllTimes, 0.5).toFixed(3)} ms, p99 ${percentile(whoAllTimes, 0.99).toFixed(3)} ms`);
