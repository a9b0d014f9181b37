import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { identityFor } from "@/lib/rbac/identity";
import { listRules } from "@/lib/rbac/list-rules";
import { accessMatrix } from "@/lib/rbac/matrix";
import { compilePolicy } from "@/lib/rbac/policy";
import { resolveResourceType } from "@/lib/rbac/resource-types";
import { newClusterRole, newClusterRoleBinding, newRole, newRoleBinding, newRule, policyOf } from "@/lib/rbac/testing";

const p = compilePolicy(
  policyOf({
    roles: [newRole("dev", "r", newRule("get", "core", "pods", ""), newRule("list,get", "core", "pods", ""), newRule("get", "", "", "/rb-url"))],
    clusterRoles: [newClusterRole("c", newRule("get", "core,apps", "deployments", "", "a"), newRule("get", "", "", "/healthz"))],
    roleBindings: [newRoleBinding("dev", "Role", "r", "User:u")],
    clusterRoleBindings: [newClusterRoleBinding("c", "User:u")],
  }),
);
const u = identityFor("u");

describe("listRules", () => {
  it("breaks rules down per group/resource/names, merges verbs and keeps the sources", () => {
    const rows = listRules(p, u, "dev").map((e) =>
      e.kind === "resource"
        ? `${e.resource}.${e.apiGroup} [${e.resourceNames.join(",")}] ${e.verbs.join(",")} x${e.grants.length}`
        : `${e.nonResourceURL} ${e.verbs.join(",")} x${e.grants.length}`,
    );
    expect(rows).toEqual(["deployments. [a] get x1", "deployments.apps [a] get x1", "pods. [] get,list x2", "/healthz get x1"]);
  });

  it("cluster-scoped listing has only ClusterRoleBinding rules; RoleBinding URL rules never appear", () => {
    expect(listRules(p, u, "").map((e) => (e.kind === "resource" ? e.resource : e.nonResourceURL))).toEqual(["deployments", "deployments", "/healthz"]);
  });
});

describe("accessMatrix", () => {
  it("asks namespaced resources in the namespace and cluster-scoped ones cluster-wide", () => {
    const q = compilePolicy(
      policyOf({
        clusterRoles: [newClusterRole("x", newRule("get,list", "core", "pods,nodes", ""))],
        roleBindings: [newRoleBinding("dev", "ClusterRole", "x", "User:u")],
      }),
    );
    const m = accessMatrix(q, u, "dev", [
      { apiGroup: "", resource: "pods", namespaced: true },
      { apiGroup: "", resource: "nodes", namespaced: false },
    ], ["get", "delete"]);
    expect(m.rows.map((r) => [r.resource, r.allowed])).toEqual([
      ["pods", { get: true, delete: false }],
      ["nodes", { get: false, delete: false }],
    ]);
  });
});

describe("resolveResourceType", () => {
  it.each([
    ["po", "", "pods", ""],
    ["pods", "", "pods", ""],
    ["pod", "", "pods", ""],
    ["PODS", "", "pods", ""],
    ["deploy", "apps", "deployments", ""],
    ["deployments.apps", "apps", "deployments", ""],
    ["deployments.v1.apps", "apps", "deployments", ""],
    ["sa", "", "serviceaccounts", ""],
    ["clusterroles.rbac.authorization.k8s.io", "rbac.authorization.k8s.io", "clusterroles", ""],
    ["foo.example.com", "example.com", "foo", ""],
    ["events", "", "events", ""],
    ["events.events.k8s.io", "events.k8s.io", "events", ""],
    ["pods/log", "", "pods", "log"],
    ["netpol", "networking.k8s.io", "networkpolicies", ""],
  ])("%s → %s/%s", (type, group, resource, sub) => {
    expect(resolveResourceType(type)).toMatchObject({ ok: true, apiGroup: group, resource, subresource: sub });
  });

  it("apiGroup override, including the empty core group", () => {
    expect(resolveResourceType("deployments", "extensions")).toMatchObject({ ok: true, apiGroup: "extensions", resource: "deployments", builtIn: false });
    expect(resolveResourceType("po", "")).toMatchObject({ ok: true, apiGroup: "", resource: "pods", builtIn: true });
  });

  it("unknown bare names and empty input are errors", () => {
    expect(resolveResourceType("widgets")).toMatchObject({ ok: false, code: "UNKNOWN_TYPE" });
    expect(resolveResourceType(" ")).toMatchObject({ ok: false, code: "EMPTY_TYPE" });
  });
});

describe("module boundary", () => {
  it("lib/rbac imports nothing outside itself (besides test tooling in tests)", () => {
    const dir = import.meta.dirname;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const src = readFileSync(path.join(dir, file), "utf8");
      for (const m of src.matchAll(/from\s+"([^"]+)"/g)) {
        expect(m[1], `${file} imports ${m[1]}`).toMatch(/^@\/lib\/rbac\//);
      }
    }
  });
});
