import { describe, expect, it } from "vitest";
import { compilePolicy } from "@/lib/rbac/policy";
import type { RbacPolicy } from "@/lib/rbac/objects";
import { newClusterRole, newClusterRoleBinding, newRole, newRoleBinding, newRule, policyOf } from "@/lib/rbac/testing";
import { effectiveDrift, type SnapshotPolicy } from "./effective-drift";

const SERVICE_ACCOUNTS = [
  { namespace: "ci", name: "builder" },
  { namespace: "ci", name: "deployer" },
  { namespace: "web", name: "frontend" },
];

const snapshot = (parts: Partial<RbacPolicy>): SnapshotPolicy => ({ policy: compilePolicy(policyOf(parts)), serviceAccounts: SERVICE_ACCOUNTS });

const BASE = {
  clusterRoles: [
    newClusterRole("pod-reader", newRule("get,list", "core", "pods", "")),
    newClusterRole("secret-reader", newRule("get", "core", "secrets", "")),
    newClusterRole("one-secret", newRule("get", "core", "secrets", "", "token")),
    newClusterRole("health", newRule("get", "", "", "/healthz,/livez")),
    newClusterRole("probes", newRule("get", "", "", "/*")),
  ],
  roles: [newRole("ci", "deploy", newRule("create,update", "apps", "deployments", ""))],
  clusterRoleBindings: [newClusterRoleBinding("pod-reader", "User:alice")],
  roleBindings: [newRoleBinding("ci", "Role", "deploy", "ServiceAccount:ci:deployer"), newRoleBinding("web", "ClusterRole", "secret-reader", "User:alice")],
};

const changesOf = (from: Partial<RbacPolicy>, to: Partial<RbacPolicy>) =>
  effectiveDrift(snapshot(from), snapshot(to)).map((c) => [`${c.subject.kind}/${c.subject.namespace}/${c.subject.name}`, c.gained, c.lost]);

describe("effective-permission drift", () => {
  it("reports nothing for a grant already covered: a namespaced copy of a cluster-wide rule, one named secret where all are readable", () => {
    const to = {
      ...BASE,
      roleBindings: [...BASE.roleBindings, newRoleBinding("ci", "ClusterRole", "pod-reader", "User:alice"), newRoleBinding("web", "ClusterRole", "one-secret", "User:alice")],
    };
    expect(changesOf(BASE, to)).toEqual([]);
  });

  it("reports what is not covered, in its scope, both ways", () => {
    const to = { ...BASE, roleBindings: [...BASE.roleBindings, newRoleBinding("ci", "ClusterRole", "one-secret", "User:alice")] };
    expect(changesOf(BASE, to)).toEqual([["User//alice", ["get secrets/token in ci"], []]]);
    expect(changesOf(to, BASE)).toEqual([["User//alice", [], ["get secrets/token in ci"]]]);
  });

  it("counts non-resource URLs only through ClusterRoleBindings, and a trailing * covers what it prefixes", () => {
    const viaRoleBinding = { ...BASE, roleBindings: [...BASE.roleBindings, newRoleBinding("ci", "ClusterRole", "health", "User:bob")] };
    expect(changesOf(BASE, viaRoleBinding)).toEqual([]);
    const viaClusterBinding = { ...BASE, clusterRoleBindings: [...BASE.clusterRoleBindings, newClusterRoleBinding("health", "User:bob")] };
    expect(changesOf(BASE, viaClusterBinding)).toEqual([["User//bob", ["get /healthz cluster-wide", "get /livez cluster-wide"], []]]);
    const wider = { ...viaClusterBinding, clusterRoleBindings: [...viaClusterBinding.clusterRoleBindings, newClusterRoleBinding("probes", "User:bob")] };
    expect(changesOf(wider, { ...wider, clusterRoleBindings: wider.clusterRoleBindings.filter((b) => b.roleRef.name !== "health") })).toEqual([]);
  });

  it("asks every ServiceAccount of a changed group: those holding the same grants change alike, one already covered does not change", () => {
    const to = {
      ...BASE,
      roles: [...BASE.roles, newRole("ci", "ship", newRule("update", "apps", "deployments", ""), newRule("get", "core", "configmaps", ""))],
      roleBindings: [...BASE.roleBindings, newRoleBinding("ci", "Role", "ship", "Group:system:serviceaccounts:ci")],
    };
    expect(changesOf(BASE, to)).toEqual([
      ["Group//system:serviceaccounts:ci", ["get configmaps in ci", "update deployments.apps in ci"], []],
      ["ServiceAccount/ci/builder", ["get configmaps in ci", "update deployments.apps in ci"], []],
      ["ServiceAccount/ci/deployer", ["get configmaps in ci"], []],
    ]);
  });
});
