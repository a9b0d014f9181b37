/**
 * Integration: Kubernetes' default (bootstrap) RBAC policy through can-i and who-can.
 * Every expectation below was derived by reading fixtures/k8s-bootstrap-policy/*.yaml.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { allows, canI } from "@/lib/rbac/can-i";
import { identityFor, type Identity } from "@/lib/rbac/identity";
import type { ClusterRole, ClusterRoleBinding, RbacPolicy, Role, RoleBinding } from "@/lib/rbac/objects";
import { compilePolicy, effectiveRulesOf } from "@/lib/rbac/policy";
import { nonResourceRequest, resourceRequest, type AccessRequest } from "@/lib/rbac/request";
import { newRoleBinding, policyOf } from "@/lib/rbac/testing";
import { whoCan } from "@/lib/rbac/who-can";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/k8s-bootstrap-policy");

type Raw = Record<string, unknown> & { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } };

function loadBootstrap(): RbacPolicy {
  const items: Raw[] = [];
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith(".yaml")).sort()) {
    const doc = parse(readFileSync(path.join(FIXTURES, file), "utf8")) as { kind: string; items: Raw[] };
    expect(doc.kind).toBe("List");
    items.push(...doc.items);
  }
  const meta = (o: Raw) => ({ name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}), ...(o.metadata.labels ? { labels: o.metadata.labels } : {}) });
  const rules = (o: Raw) => (o.rules ?? []) as Role["rules"];
  const subjects = (o: Raw) => (o.subjects ?? []) as RoleBinding["subjects"];
  return {
    roles: items.filter((o) => o.kind === "Role").map((o) => ({ kind: "Role", metadata: meta(o), rules: rules(o) }) as Role),
    clusterRoles: items
      .filter((o) => o.kind === "ClusterRole")
      .map((o) => ({ kind: "ClusterRole", metadata: meta(o), rules: rules(o), ...(o.aggregationRule ? { aggregationRule: o.aggregationRule } : {}) }) as ClusterRole),
    roleBindings: items
      .filter((o) => o.kind === "RoleBinding")
      .map((o) => ({ kind: "RoleBinding", metadata: meta(o), subjects: subjects(o), roleRef: o.roleRef }) as RoleBinding),
    clusterRoleBindings: items
      .filter((o) => o.kind === "ClusterRoleBinding")
      .map((o) => ({ kind: "ClusterRoleBinding", metadata: meta(o), subjects: subjects(o), roleRef: o.roleRef }) as ClusterRoleBinding),
  };
}

const bootstrap = loadBootstrap();
const p = compilePolicy(bootstrap);

const anonymous = identityFor("system:anonymous");
const someone = identityFor("jane");
const scheduler = identityFor("system:kube-scheduler");
const kcm = identityFor("system:kube-controller-manager");
const gc = identityFor("system:serviceaccount:kube-system:generic-garbage-collector");
const master = identityFor("root", ["system:masters"]);
const r = (verb: string, resource: string, extra: Partial<Parameters<typeof resourceRequest>[0]> = {}) => resourceRequest({ verb, resource, ...extra });

describe("bootstrap policy: can-i", () => {
  it("compiles without problems", () => {
    expect(p.problems).toEqual([]);
  });

  it.each<[string, Identity, AccessRequest, boolean]>([
    ["anonymous can get /healthz (system:public-info-viewer)", anonymous, nonResourceRequest("get", "/healthz"), true],
    ["anonymous can get /version", anonymous, nonResourceRequest("get", "/version"), true],
    ["anonymous cannot get /api/v1/namespaces (discovery is for authenticated only)", anonymous, nonResourceRequest("get", "/api/v1/namespaces"), false],
    ["anonymous cannot list namespaces", anonymous, r("list", "namespaces"), false],
    ["anonymous cannot post /healthz", anonymous, nonResourceRequest("post", "/healthz"), false],
    ["anonymous with exact groups (none) cannot get /healthz", identityFor("system:anonymous", [], { exactGroups: true }), nonResourceRequest("get", "/healthz"), false],
    ["authenticated user can get /api/v1 (system:discovery, /api/*)", someone, nonResourceRequest("get", "/api/v1"), true],
    ["authenticated user cannot get /metrics", someone, nonResourceRequest("get", "/metrics"), false],
    ["authenticated user can create selfsubjectaccessreviews", someone, r("create", "selfsubjectaccessreviews", { apiGroup: "authorization.k8s.io" }), true],
    ["... but not in the core group", someone, r("create", "selfsubjectaccessreviews"), false],
    ["authenticated user cannot create subjectaccessreviews", someone, r("create", "subjectaccessreviews", { apiGroup: "authorization.k8s.io" }), false],
    ["authenticated user cannot list pods", someone, r("list", "pods", { namespace: "default" }), false],
    ["kube-scheduler can create pods/binding", scheduler, r("create", "pods", { subresource: "binding", namespace: "default" }), true],
    ["kube-scheduler can create bindings", scheduler, r("create", "bindings", { namespace: "default" }), true],
    ["kube-scheduler cannot create pods", scheduler, r("create", "pods", { namespace: "default" }), false],
    ["kube-scheduler can update the kube-scheduler lease (resourceNames)", scheduler, r("update", "leases", { apiGroup: "coordination.k8s.io", namespace: "kube-system", name: "kube-scheduler" }), true],
    ["kube-scheduler can update any lease in kube-system (leader-locking Role)", scheduler, r("update", "leases", { apiGroup: "coordination.k8s.io", namespace: "kube-system", name: "other" }), true],
    ["... but not another lease outside kube-system", scheduler, r("update", "leases", { apiGroup: "coordination.k8s.io", namespace: "default", name: "other" }), false],
    ["kube-scheduler can get the extension-apiserver-authentication configmap in kube-system", scheduler, r("get", "configmaps", { namespace: "kube-system", name: "extension-apiserver-authentication" }), true],
    ["... but not other configmaps", scheduler, r("get", "configmaps", { namespace: "kube-system", name: "x" }), false],
    ["kube-controller-manager can list anything", kcm, r("list", "widgets", { apiGroup: "example.com" }), true],
    ["kube-controller-manager can create serviceaccounts/token", kcm, r("create", "serviceaccounts", { subresource: "token", namespace: "x" }), true],
    ["kube-controller-manager can delete secrets", kcm, r("delete", "secrets", { namespace: "x", name: "s" }), true],
    ["kube-controller-manager cannot delete configmaps", kcm, r("delete", "configmaps", { namespace: "x", name: "c" }), false],
    ["garbage collector SA can delete any resource", gc, r("delete", "deployments", { apiGroup: "apps", namespace: "x", name: "d" }), true],
    ["garbage collector SA can patch any subresource", gc, r("patch", "pods", { subresource: "status", namespace: "x" }), true],
    ["garbage collector SA cannot create pods", gc, r("create", "pods", { namespace: "x" }), false],
    ["garbage collector SA without its groups still can (bound by name)", identityFor(gc.user, [], { exactGroups: true }), r("get", "nodes"), true],
    ["a same-named SA in another namespace cannot", identityFor("system:serviceaccount:default:generic-garbage-collector"), r("get", "nodes"), false],
    ["system:masters can do anything, URLs too", master, nonResourceRequest("delete", "/anything"), true],
  ])("%s", (_name, id, req, want) => {
    expect(canI(p, id, req).allowed).toBe(want);
    expect(allows(p, id, req)).toBe(want);
  });

  it("the proof for anonymous /healthz names the binding, role and group", () => {
    const d = canI(p, anonymous, nonResourceRequest("get", "/healthz"));
    expect(d.grants.map((g) => [g.binding.name, g.role.name, g.rule.ruleIndex, g.matchedVia])).toEqual([
      ["system:public-info-viewer", "system:public-info-viewer", 0, { kind: "group", group: "system:unauthenticated" }],
    ]);
  });
});

describe("bootstrap policy: aggregated view / edit / admin", () => {
  const can = (role: string, verb: string, resource: string, extra: Partial<Parameters<typeof resourceRequest>[0]> = {}) => {
    const rules = effectiveRulesOf(p, { kind: "ClusterRole", name: role }) ?? [];
    const q = compilePolicy(policyOf({ ...bootstrap, roleBindings: [newRoleBinding("ns", "ClusterRole", role, "User:u")] }));
    const viaBinding = canI(q, identityFor("u", [], { exactGroups: true }), r(verb, resource, { namespace: "ns", ...extra })).allowed;
    expect(rules.length).toBeGreaterThan(0);
    return viaBinding;
  };
  it.each<[string, string, string, Partial<Parameters<typeof resourceRequest>[0]>, boolean]>([
    ["view", "get", "pods", {}, true],
    ["view", "get", "pods", { subresource: "log" }, true],
    ["view", "get", "secrets", {}, false],
    ["view", "create", "pods", {}, false],
    ["view", "get", "deployments", { apiGroup: "apps", subresource: "scale" }, true],
    ["edit", "create", "pods", { subresource: "exec" }, true],
    ["edit", "get", "pods", { subresource: "exec" }, true],
    ["edit", "get", "secrets", {}, true],
    ["edit", "impersonate", "serviceaccounts", {}, true],
    ["edit", "list", "pods", {}, true],
    ["edit", "create", "roles", { apiGroup: "rbac.authorization.k8s.io" }, false],
    ["edit", "create", "pods", { subresource: "binding" }, false],
    ["admin", "create", "rolebindings", { apiGroup: "rbac.authorization.k8s.io" }, true],
    ["admin", "create", "localsubjectaccessreviews", { apiGroup: "authorization.k8s.io" }, true],
    ["admin", "create", "pods", { subresource: "exec" }, true],
    ["admin", "get", "pods", {}, true],
    ["admin", "create", "clusterroles", { apiGroup: "rbac.authorization.k8s.io" }, false],
  ])("%s can %s %s %j: %s", (role, verb, resource, extra, want) => {
    expect(can(role, verb, resource, extra)).toBe(want);
  });

  it("remembers where aggregated rules come from, through edit and view", () => {
    const edit = effectiveRulesOf(p, { kind: "ClusterRole", name: "edit" }) ?? [];
    const admin = effectiveRulesOf(p, { kind: "ClusterRole", name: "admin" }) ?? [];
    // edit = system:aggregate-to-edit (13 rules, sorted first) then view's rules
    expect(edit[0]?.aggregatedFrom).toEqual({ clusterRole: "system:aggregate-to-edit", ruleIndex: 0 });
    expect(edit[13]?.aggregatedFrom).toEqual({ clusterRole: "system:aggregate-to-view", ruleIndex: 0 });
    expect(edit[13]?.via).toEqual(["view"]);
    // admin = edit's rules ("edit" sorts before "system:aggregate-to-admin"), then system:aggregate-to-admin's
    expect(admin.slice(0, edit.length).map((x) => x.rule)).toEqual(edit.map((x) => x.rule));
    expect(admin[13]?.via).toEqual(["edit", "view"]);
    expect(admin[edit.length]?.aggregatedFrom).toEqual({ clusterRole: "system:aggregate-to-admin", ruleIndex: 0 });
    expect(admin).toHaveLength(edit.length + 2);
  });
});

describe("bootstrap policy: who-can", () => {
  const names = (req: AccessRequest, opts = {}) => whoCan(p, req, opts).subjects.map((s) => `${s.kind}:${s.namespace ? `${s.namespace}/` : ""}${s.name}`);

  it("create pods/binding: the scheduler, system:masters and the daemonset controller", () => {
    expect(names(r("create", "pods", { subresource: "binding", namespace: "default" }))).toEqual([
      "User:system:kube-scheduler",
      "Group:system:masters",
      "ServiceAccount:kube-system/daemon-set-controller",
    ]);
  });

  it("get /healthz: both authentication groups and system:masters", () => {
    expect(names(nonResourceRequest("get", "/healthz"))).toEqual(["Group:system:authenticated", "Group:system:masters", "Group:system:unauthenticated"]);
  });

  it("update a lease in kube-system includes the RoleBinding subjects there, not in default", () => {
    const req = r("update", "leases", { apiGroup: "coordination.k8s.io", namespace: "kube-system", name: "x" });
    expect(names(req)).toContain("ServiceAccount:kube-system/kube-scheduler");
    expect(names({ ...req, namespace: "default" })).not.toContain("ServiceAccount:kube-system/kube-scheduler");
    const all = whoCan(p, { ...req, namespace: "default" }, { allNamespaces: true });
    const sa = all.subjects.find((s) => s.kind === "ServiceAccount" && s.name === "kube-scheduler");
    expect(sa?.grants.map((g) => g.scope)).toEqual(["kube-system"]);
  });

  it("every subject who-can lists is allowed by can-i", () => {
    const req = r("create", "pods", { subresource: "binding", namespace: "default" });
    for (const s of whoCan(p, req).subjects) {
      const id =
        s.kind === "User"
          ? identityFor(s.name, [], { exactGroups: true })
          : s.kind === "Group"
            ? identityFor("x", [s.name], { exactGroups: true })
            : identityFor(`system:serviceaccount:${s.namespace}:${s.name}`, [], { exactGroups: true });
      expect(allows(p, id, req)).toBe(true);
    }
  });
});
