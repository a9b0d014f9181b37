import { describe, expect, it } from "vitest";
import { allows, canI } from "@/lib/rbac/can-i";
import { describeGrant, describeMiss } from "@/lib/rbac/describe";
import { identityFor, type Identity } from "@/lib/rbac/identity";
import type { RbacPolicy } from "@/lib/rbac/objects";
import { compilePolicy } from "@/lib/rbac/policy";
import { nonResourceRequest, resourceRequest, type AccessRequest } from "@/lib/rbac/request";
import {
  newClusterRole,
  newClusterRoleBinding,
  newRole,
  newRoleBinding,
  newRule,
  policyOf,
} from "@/lib/rbac/testing";

/** user "name" with groups "a,b" (exact groups: the authorizer's view). */
const who = (user: string, groups = ""): Identity => identityFor(user, groups === "" ? [] : groups.split(","), { exactGroups: true });
const res = (verb: string, resource: string, namespace: string, subresource = "", name = "", apiGroup = ""): AccessRequest =>
  resourceRequest({ verb, resource, namespace, subresource, name, apiGroup });

type Case = readonly [Identity, AccessRequest];

function expectDecisions(policy: RbacPolicy, pass: readonly Case[], fail: readonly Case[]) {
  const p = compilePolicy(policy);
  for (const [id, req] of pass) {
    expect(canI(p, id, req).allowed, `${id.user} [${id.groups}] should pass ${JSON.stringify(req)}`).toBe(true);
    expect(allows(p, id, req)).toBe(true);
  }
  for (const [id, req] of fail) {
    expect(canI(p, id, req).allowed, `${id.user} [${id.groups}] should fail ${JSON.stringify(req)}`).toBe(false);
    expect(allows(p, id, req)).toBe(false);
  }
}

describe("authorizer cases (after Kubernetes' rbac authorizer tests)", () => {
  it("a RoleBinding to a wildcard ClusterRole grants only in its namespace, and verbs are case-sensitive", () => {
    expectDecisions(
      policyOf({
        clusterRoles: [newClusterRole("admin", newRule("*", "*", "*", "*"))],
        roleBindings: [newRoleBinding("ns1", "ClusterRole", "admin", "User:admin", "Group:admins")],
      }),
      [
        [who("admin"), res("get", "Pods", "ns1")],
        [who("admin"), res("watch", "Pods", "ns1")],
        [who("admin", "group1"), res("watch", "Foobar", "ns1")],
        [who("joe", "admins"), res("watch", "Foobar", "ns1")],
        [who("joe", "group1,admins"), res("watch", "Foobar", "ns1")],
      ],
      [
        [who("admin"), res("GET", "Pods", "ns2")],
        [who("admin"), res("GET", "Nodes", "")],
        [who("admin", "admins"), res("GET", "Pods", "ns2")],
        [who("admin", "admins"), res("GET", "Nodes", "")],
        [who("admin"), res("get", "nodes", "")],
        [who("admin"), nonResourceRequest("get", "/apis")], // RoleBindings never grant URLs
      ],
    );
  });

  it("non-resource URLs: exact, prefix with trailing *, verbs", () => {
    expectDecisions(
      policyOf({
        clusterRoles: [
          newClusterRole("non-resource-url-getter", newRule("get", "", "", "/apis")),
          newClusterRole("non-resource-url", newRule("*", "", "", "/apis")),
          newClusterRole("non-resource-url-prefix", newRule("get", "", "", "/apis/*")),
        ],
        clusterRoleBindings: [
          newClusterRoleBinding("non-resource-url-getter", "User:foo", "Group:bar"),
          newClusterRoleBinding("non-resource-url", "User:admin", "Group:admin"),
          newClusterRoleBinding("non-resource-url-prefix", "User:prefixed", "Group:prefixed"),
        ],
      }),
      [
        [who("foo"), nonResourceRequest("get", "/apis")],
        [who("", "bar"), nonResourceRequest("get", "/apis")],
        [who("admin"), nonResourceRequest("get", "/apis")],
        [who("", "admin"), nonResourceRequest("get", "/apis")],
        [who("admin"), nonResourceRequest("watch", "/apis")],
        [who("", "admin"), nonResourceRequest("watch", "/apis")],
        [who("prefixed"), nonResourceRequest("get", "/apis/v1")],
        [who("", "prefixed"), nonResourceRequest("get", "/apis/v1")],
        [who("prefixed"), nonResourceRequest("get", "/apis/v1/foobar")],
      ],
      [
        [who("foo"), nonResourceRequest("watch", "/apis")],
        [who("", "bar"), nonResourceRequest("watch", "/apis")],
        [who("foo"), nonResourceRequest("get", "/api/v1")],
        [who("admin"), nonResourceRequest("get", "/api/v1")],
        [who("", "admin"), nonResourceRequest("get", "/api/v1")],
        [who("prefixed"), nonResourceRequest("get", "/api/v1")],
        [who("prefixed"), nonResourceRequest("get", "/apis")],
        [who("admin"), res("get", "apis", "")], // URL rules never grant resources
      ],
    );
  });

  it("a rule on pods does not cover pods/status", () => {
    expectDecisions(
      policyOf({
        clusterRoles: [newClusterRole("admin", newRule("*", "*", "pods", "*"))],
        roleBindings: [newRoleBinding("ns1", "ClusterRole", "admin", "User:admin", "Group:admins")],
      }),
      [[who("admin"), res("get", "pods", "ns1")]],
      [[who("admin"), res("get", "pods", "ns1", "status")]],
    );
  });

  it("pods/status and */scale rules match those subresources only", () => {
    expectDecisions(
      policyOf({
        clusterRoles: [newClusterRole("admin", newRule("*", "*", "pods/status", "*"), newRule("*", "*", "*/scale", "*"))],
        roleBindings: [newRoleBinding("ns1", "ClusterRole", "admin", "User:admin", "Group:admins")],
      }),
      [
        [who("admin"), res("get", "pods", "ns1", "status")],
        [who("admin"), res("get", "pods", "ns1", "scale")],
        [who("admin"), res("get", "deployments", "ns1", "scale")],
        [who("admin"), res("get", "anything", "ns1", "scale")],
      ],
      [
        [who("admin"), res("get", "pods", "ns1")],
        [who("admin"), res("get", "deployments", "ns1")],
        [who("admin"), res("get", "anything", "ns1")],
      ],
    );
  });
});

describe("binding scope", () => {
  const policy = policyOf({
    roles: [newRole("dev", "reader", newRule("get,list", "core", "pods", "")), newRole("other", "reader", newRule("*", "*", "*", ""))],
    clusterRoles: [newClusterRole("secrets", newRule("get", "core", "secrets", "")), newClusterRole("nodes", newRule("get", "core", "nodes", ""))],
    roleBindings: [
      newRoleBinding("dev", "Role", "reader", "User:alice"),
      newRoleBinding("dev", "ClusterRole", "secrets", "User:alice"),
      newRoleBinding("dev", "ClusterRole", "nodes", "User:alice"),
      newRoleBinding("dev", "Role", "missing", "User:alice"),
    ],
    clusterRoleBindings: [
      { ...newClusterRoleBinding("x", "User:bob"), roleRef: { kind: "Role", name: "reader", apiGroup: "rbac.authorization.k8s.io" } },
      newClusterRoleBinding("gone", "User:bob"),
      newClusterRoleBinding("secrets", "User:bob"),
    ],
  });
  const alice = who("alice");
  const bob = who("bob");
  it.each<[string, Identity, AccessRequest, boolean]>([
    ["RoleBinding to a Role grants in its namespace", alice, res("list", "pods", "dev"), true],
    ["RoleBinding's Role is looked up in the binding's namespace", alice, res("delete", "pods", "dev"), false],
    ["RoleBinding does not grant in another namespace", alice, res("list", "pods", "other"), false],
    ["RoleBinding does not grant a cluster-scoped request", alice, res("list", "pods", ""), false],
    ["RoleBinding to a ClusterRole is scoped to the binding namespace", alice, res("get", "secrets", "dev"), true],
    ["RoleBinding to a ClusterRole does not reach other namespaces", alice, res("get", "secrets", "prod"), false],
    ["RoleBinding to a ClusterRole about nodes cannot grant cluster-scoped nodes", alice, res("get", "nodes", ""), false],
    ["ClusterRoleBinding to a Role grants nothing", bob, res("get", "pods", "dev"), false],
    ["a missing ClusterRole does not stop the walk", bob, res("get", "secrets", "any"), true],
    ["a ClusterRoleBinding grants in every namespace", bob, res("get", "secrets", "prod"), true],
    ["a ClusterRoleBinding grants cluster-wide", bob, res("get", "secrets", ""), true],
  ])("%s", (_name, id, req, want) => {
    expect(canI(compilePolicy(policy), id, req).allowed).toBe(want);
  });

  it("records problems: missing roles, ClusterRoleBinding to a Role", () => {
    const p = compilePolicy(policy);
    expect(p.problems.map((x) => x.code).sort()).toEqual(["CLUSTER_BINDING_TO_ROLE", "MISSING_ROLE", "MISSING_ROLE"]);
    const d = canI(p, bob, res("get", "pods", "dev"));
    expect(d.problems.map((x) => x.code).sort()).toEqual(["CLUSTER_BINDING_TO_ROLE", "MISSING_ROLE"]);
    expect(canI(p, alice, res("get", "pods", "prod")).problems).toEqual([]);
  });
});

describe("subjects", () => {
  const policy = policyOf({
    clusterRoles: [newClusterRole("r", newRule("get", "core", "pods", ""))],
    roleBindings: [
      newRoleBinding("dev", "ClusterRole", "r", "ServiceAccount::local"), // no namespace: the binding's
      newRoleBinding("dev", "ClusterRole", "r", "ServiceAccount:prod:remote"),
      newRoleBinding("dev", "ClusterRole", "r", "User:*"),
      newRoleBinding("dev", "ClusterRole", "r", "Group:Devs"),
    ],
    clusterRoleBindings: [
      newClusterRoleBinding("r", "ServiceAccount::nowhere"),
      newClusterRoleBinding("r", "User:system:serviceaccount:ops:bot"),
      { ...newClusterRoleBinding("r", "User:alice"), metadata: { name: "odd-apigroup" }, subjects: [{ kind: "User", name: "carol", apiGroup: "example.com" }] },
    ],
  });
  const p = compilePolicy(policy);
  it.each<[string, Identity, string, boolean]>([
    ["SA subject without namespace in a RoleBinding takes the binding's namespace", who("system:serviceaccount:dev:local"), "dev", true],
    ["... and not another namespace's SA of that name", who("system:serviceaccount:prod:local"), "dev", false],
    ["SA subject from another namespace is granted in the binding's namespace", who("system:serviceaccount:prod:remote"), "dev", true],
    ["User * is not a wildcard", who("bob"), "dev", false],
    ["User * matches only the user literally named *", who("*"), "dev", true],
    ["Group names are case-sensitive", who("bob", "devs"), "dev", false],
    ["Group match", who("bob", "Devs"), "dev", true],
    ["SA subject without namespace in a ClusterRoleBinding matches nobody", who("system:serviceaccount:default:nowhere"), "x", false],
    ["a User subject with an SA username matches that SA", who("system:serviceaccount:ops:bot"), "x", true],
    ["subject apiGroup is ignored, like Kubernetes' appliesToUser", who("carol"), "x", true],
    ["the username is compared exactly", who("Carol"), "x", false],
  ])("%s", (_name, id, ns, want) => {
    expect(canI(p, id, res("get", "pods", ns)).allowed).toBe(want);
  });

  it("reports the first matching subject and how it matched", () => {
    const q = compilePolicy(
      policyOf({
        clusterRoles: [newClusterRole("r", newRule("get", "core", "pods", ""))],
        roleBindings: [newRoleBinding("dev", "ClusterRole", "r", "User:nobody", "Group:g1", "User:alice")],
      }),
    );
    const d = canI(q, who("alice", "g1"), res("get", "pods", "dev"));
    expect(d.grants).toHaveLength(1);
    expect(d.grants[0]?.subject).toEqual({ kind: "Group", name: "g1", apiGroup: "rbac.authorization.k8s.io" });
    expect(d.grants[0]?.matchedVia).toEqual({ kind: "group", group: "g1" });
    expect(d.grants[0]?.scope).toBe("dev");
  });
});

describe("grants and explanations", () => {
  const p = compilePolicy(
    policyOf({
      roles: [newRole("dev", "reader", newRule("get", "core", "pods", ""), newRule("list", "apps", "deployments", ""))],
      clusterRoles: [
        newClusterRole("edit", newRule("get,list", "core", "pods", ""), newRule("create", "core", "pods/exec", "")),
        newClusterRole("named", newRule("get", "core", "secrets", "", "a,b")),
        newClusterRole("nodes", newRule("get,list", "core", "nodes", "")),
        newClusterRole("urls", newRule("get", "", "", "/metrics")),
      ],
      roleBindings: [
        newRoleBinding("dev", "Role", "reader", "User:alice"),
        newRoleBinding("dev", "ClusterRole", "edit", "Group:system:serviceaccounts"),
        newRoleBinding("dev", "ClusterRole", "named", "User:alice"),
        newRoleBinding("a", "ClusterRole", "edit", "User:alice"),
        newRoleBinding("a", "ClusterRole", "nodes", "User:alice"),
        newRoleBinding("a", "ClusterRole", "urls", "User:alice"),
        newRoleBinding("dev", "ClusterRole", "ghost", "User:alice"),
        newRoleBinding("dev", "ClusterRole", "edit", "ServiceAccount:prod:ci"),
      ],
    }),
  );
  const alice = identityFor("alice");

  it("lists every allowing rule, with binding, role, rule index and group", () => {
    const d = canI(p, identityFor("system:serviceaccount:dev:ci"), res("get", "pods", "dev"));
    expect(d.allowed).toBe(true);
    expect(d.misses).toEqual([]);
    expect(d.grants.map(describeGrant)).toMatchInlineSnapshot(`
      [
        "allowed by RoleBinding dev/edit-Group:system:serviceaccounts of ClusterRole edit (rule 1) to Group system:serviceaccounts via group system:serviceaccounts",
      ]
    `);
  });

  it("explains a denial with ranked nearest misses", () => {
    const d = canI(p, alice, res("list", "pods", "dev"));
    expect(d.allowed).toBe(false);
    expect(d.misses.map((m) => m.code)).toEqual(["WRONG_VERB", "BINDING_ROLE_UNUSABLE", "OTHER_NAMESPACE"]);
    expect(d.misses.map(describeMiss)).toMatchInlineSnapshot(`
      [
        "Role dev/reader (rule 1, bound by RoleBinding dev/reader-User:alice) grants get but not this verb on pods",
        "RoleBinding dev/ghost-User:alice of ClusterRole ghost to User alice: RoleBinding dev/ghost-User:alice refers to ClusterRole ghost, which does not exist: it grants nothing",
        "ClusterRole edit would allow it but is bound by RoleBinding a/edit-User:alice, so it does not apply in namespace dev",
      ]
    `);
    expect(d.problems.map((x) => x.code)).toEqual(["MISSING_ROLE"]);
  });

  it.each<[string, AccessRequest, string]>([
    ["resourceNames", res("get", "secrets", "dev", "", "c"), "RESOURCE_NAME_NOT_LISTED"],
    ["resourceNames with no name", res("get", "secrets", "dev"), "RESOURCE_NAME_NOT_LISTED"],
    ["apiGroup", res("list", "deployments", "dev", "", "", "extensions"), "WRONG_API_GROUP"],
    ["resource", res("get", "pods", "dev", "log"), "WRONG_RESOURCE"],
    ["RoleBinding for a cluster-scoped request", res("list", "nodes", ""), "ROLEBINDING_FOR_CLUSTER_REQUEST"],
    ["RoleBinding for a URL", nonResourceRequest("get", "/metrics"), "ROLEBINDING_FOR_NON_RESOURCE_URL"],
  ])("near miss: %s", (_name, req, code) => {
    const d = canI(p, alice, req);
    expect(d.allowed).toBe(false);
    expect(d.misses[0]?.code).toBe(code);
  });

  it("near miss: a ServiceAccount of the same name in another namespace", () => {
    const d = canI(p, identityFor("system:serviceaccount:qa:ci", ["x"]), res("create", "pods", "dev", "exec"));
    expect(d.misses.map((m) => [m.code, m.code === "SIMILAR_SUBJECT" ? m.reason : ""])).toEqual([["SIMILAR_SUBJECT", "other-namespace"]]);
  });

  it("bounds the misses", () => {
    const many = compilePolicy(
      policyOf({
        clusterRoles: Array.from({ length: 30 }, (_, i) => newClusterRole(`r${i}`, newRule("get", "core", "pods", ""))),
        clusterRoleBindings: Array.from({ length: 30 }, (_, i) => newClusterRoleBinding(`r${i}`, "User:u")),
      }),
    );
    expect(canI(many, who("u"), res("list", "pods", "")).misses).toHaveLength(10);
  });
});
