/**
 * Short builders for tests, in the style of Kubernetes' rbac tests
 * (`newRule("get,list", "", "pods", "")`). Used only by *.test.ts files and the benchmark.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule, RbacPolicy, Role, RoleBinding, Subject } from "@/lib/rbac/objects";

const split = (s: string): string[] => (s === "" ? [] : s.split(","));

/** verbs, apiGroups, resources, nonResourceURLs — comma separated; "" = none. A literal core group is written "core". */
export function newRule(verbs: string, apiGroups: string, resources: string, nonResourceURLs: string, resourceNames = ""): PolicyRule {
  const rule: { -readonly [K in keyof PolicyRule]: PolicyRule[K] } = { verbs: split(verbs) };
  if (apiGroups !== "") rule.apiGroups = split(apiGroups).map((g) => (g === "core" ? "" : g));
  if (resources !== "") rule.resources = split(resources);
  if (nonResourceURLs !== "") rule.nonResourceURLs = split(nonResourceURLs);
  if (resourceNames !== "") rule.resourceNames = split(resourceNames);
  return rule;
}

export function newRole(namespace: string, name: string, ...rules: PolicyRule[]): Role {
  return { kind: "Role", metadata: { name, namespace }, rules };
}

export function newClusterRole(name: string, ...rules: PolicyRule[]): ClusterRole {
  return { kind: "ClusterRole", metadata: { name }, rules };
}

/** "User:alice", "Group:devs", "ServiceAccount:ns:name" or "ServiceAccount::name" (no namespace). */
export function subject(spec: string): Subject {
  const [kind, a = "", b] = spec.split(":");
  if (kind === "ServiceAccount") {
    return b === undefined ? { kind, name: a } : a === "" ? { kind, name: b } : { kind, name: b, namespace: a };
  }
  if (kind === "User" || kind === "Group") return { kind, name: spec.slice(kind.length + 1), apiGroup: "rbac.authorization.k8s.io" };
  throw new Error(`bad subject spec ${spec}`);
}

export function newRoleBinding(namespace: string, roleRef: "Role" | "ClusterRole", roleName: string, ...subjects: string[]): RoleBinding {
  return {
    kind: "RoleBinding",
    metadata: { name: `${roleName}-${subjects.join("+")}`, namespace },
    roleRef: { kind: roleRef, name: roleName, apiGroup: "rbac.authorization.k8s.io" },
    subjects: subjects.map(subject),
  };
}

export function newClusterRoleBinding(roleName: string, ...subjects: string[]): ClusterRoleBinding {
  return {
    kind: "ClusterRoleBinding",
    metadata: { name: `${roleName}-${subjects.join("+")}` },
    roleRef: { kind: "ClusterRole", name: roleName, apiGroup: "rbac.authorization.k8s.io" },
    subjects: subjects.map(subject),
  };
}

export function policyOf(parts: Partial<RbacPolicy>): RbacPolicy {
  return {
    roles: parts.roles ?? [],
    clusterRoles: parts.clusterRoles ?? [],
    roleBindings: parts.roleBindings ?? [],
    clusterRoleBindings: parts.clusterRoleBindings ?? [],
  };
}
