import { describe, expect, it } from "vitest";
import { compilePolicy } from "@/lib/rbac/policy";
import { nonResourceRequest, resourceRequest } from "@/lib/rbac/request";
import { newClusterRole, newClusterRoleBinding, newRole, newRoleBinding, newRule, policyOf } from "@/lib/rbac/testing";
import { whoCan, type WhoCanResult } from "@/lib/rbac/who-can";

const p = compilePolicy(
  policyOf({
    roles: [newRole("dev", "pod-reader", newRule("get", "core", "pods", "")), newRole("prod", "pod-reader", newRule("get", "core", "pods", ""))],
    clusterRoles: [
      newClusterRole("reader", newRule("get,list", "core", "pods", "")),
      newClusterRole("urls", newRule("get", "", "", "/metrics")),
      newClusterRole("named", newRule("get", "core", "pods", "", "only")),
    ],
    roleBindings: [
      newRoleBinding("dev", "Role", "pod-reader", "User:alice", "ServiceAccount::builder"),
      newRoleBinding("prod", "Role", "pod-reader", "User:bob"),
      newRoleBinding("dev", "ClusterRole", "reader", "Group:system:serviceaccounts:dev"),
      newRoleBinding("prod", "ClusterRole", "urls", "User:carol"),
      newRoleBinding("dev", "ClusterRole", "named", "User:dan"),
      newRoleBinding("dev", "Role", "absent", "User:erin"),
    ],
    clusterRoleBindings: [
      newClusterRoleBinding("reader", "Group:ops", "ServiceAccount::nons"),
      newClusterRoleBinding("urls", "User:metrics"),
      newClusterRoleBinding("reader", "Group:system:serviceaccounts"),
    ],
  }),
);
const sas = [
  { namespace: "dev", name: "builder" },
  { namespace: "dev", name: "web" },
  { namespace: "prod", name: "api" },
];
const view = (res: WhoCanResult) =>
  res.subjects.map((s) => `${s.kind}:${s.namespace ? `${s.namespace}/` : ""}${s.name} <- ${s.grants.map((g) => `${g.binding.kind === "RoleBinding" ? g.scope + "/" : ""}${g.role.name}${g.matchedVia.kind === "group" ? ` via ${g.matchedVia.group}` : ""}`).join(", ")}`);

describe("whoCan", () => {
  it("lists subjects of in-scope bindings whose role allows, expanding SA groups to the given ServiceAccounts", () => {
    expect(view(whoCan(p, resourceRequest({ verb: "get", resource: "pods", namespace: "dev" }), { serviceAccounts: sas }))).toEqual([
      "User:alice <- dev/pod-reader",
      "Group:ops <- reader",
      "Group:system:serviceaccounts <- reader",
      "Group:system:serviceaccounts:dev <- dev/reader",
      "ServiceAccount:dev/builder <- reader via system:serviceaccounts, dev/pod-reader, dev/reader via system:serviceaccounts:dev",
      "ServiceAccount:dev/web <- reader via system:serviceaccounts, dev/reader via system:serviceaccounts:dev",
      "ServiceAccount:prod/api <- reader via system:serviceaccounts",
    ]);
  });

  it("cluster-scoped requests consider only ClusterRoleBindings; SA subjects without namespace there are skipped", () => {
    expect(view(whoCan(p, resourceRequest({ verb: "list", resource: "pods" })))).toEqual(["Group:ops <- reader", "Group:system:serviceaccounts <- reader"]);
  });

  it("allNamespaces considers RoleBindings of every namespace, each grant with its scope", () => {
    const res = whoCan(p, resourceRequest({ verb: "get", resource: "pods", namespace: "ignored" }), { allNamespaces: true });
    expect(res.allNamespaces).toBe(true);
    expect(view(res)).toEqual([
      "User:alice <- dev/pod-reader",
      "User:bob <- prod/pod-reader",
      "Group:ops <- reader",
      "Group:system:serviceaccounts <- reader",
      "Group:system:serviceaccounts:dev <- dev/reader",
      "ServiceAccount:dev/builder <- dev/pod-reader",
    ]);
  });

  it("resourceNames rules count only for requests naming that object", () => {
    const named = (name: string) => view(whoCan(p, resourceRequest({ verb: "get", resource: "pods", namespace: "dev", name }))).filter((s) => s.startsWith("User:dan"));
    expect(named("only")).toEqual(["User:dan <- dev/named"]);
    expect(named("other")).toEqual([]);
  });

  it("non-resource URLs only through ClusterRoleBindings", () => {
    expect(view(whoCan(p, nonResourceRequest("get", "/metrics"), { allNamespaces: true }))).toEqual(["User:metrics <- urls"]);
  });

  it("reports unusable bindings in scope", () => {
    expect(whoCan(p, resourceRequest({ verb: "get", resource: "pods", namespace: "dev" })).problems.map((x) => x.code)).toEqual(["MISSING_ROLE"]);
    expect(whoCan(p, resourceRequest({ verb: "get", resource: "pods", namespace: "prod" })).problems).toEqual([]);
  });
});
