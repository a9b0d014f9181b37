import { describe, expect, it } from "vitest";
import type { EscalationPath } from "@/lib/analysis/paths";
import type { VertexRef } from "@/lib/analysis/refs";
import {
  escalationFilter,
  escalationHref,
  groupByPrincipal,
  namespacesOf,
  parseObjectRef,
  pathMatches,
  pathSeverity,
  refHref,
  refLabel,
  techniquesOf,
} from "./escalation-model";

const sa = (namespace: string, name: string): VertexRef => ({ kind: "ServiceAccount", name, namespace });
const node = (name: string): VertexRef => ({ kind: "Node", name, namespace: null });
const ADMIN: VertexRef = { kind: "ClusterAdmin", name: null, namespace: null };

// the demo's CI deployer: create pods in ops → cluster-janitor's token → cluster-admin
const deployerToAdmin: EscalationPath = {
  from: sa("ci", "deployer"),
  to: ADMIN,
  hops: [
    { technique: "POD_CREATE_TOKEN_THEFT", via: "RoleBinding/ops/ci-deployer", reaches: sa("ops", "cluster-janitor") },
    { technique: "CLUSTER_ADMIN_EQUIVALENT", via: "ClusterRoleBinding/cluster-janitor", reaches: ADMIN },
  ],
};
const deployerToNode: EscalationPath = {
  from: sa("ci", "deployer"),
  to: node("worker-1"),
  hops: [{ technique: "PRIVILEGED_POD_NODE_ESCAPE", via: "RoleBinding/ops/ci-deployer", reaches: node("worker-1") }],
};
const aliceToSecret: EscalationPath = {
  from: { kind: "User", name: "alice@example.com", namespace: null },
  to: { kind: "Secret", name: "stripe-api-key", namespace: "payments" },
  hops: [{ technique: "POD_CREATE_TOKEN_THEFT", via: "RoleBinding/payments/alice-admin", reaches: { kind: "Secret", name: "stripe-api-key", namespace: "payments" } }],
};
const filter = (over: Partial<ReturnType<typeof escalationFilter>>) => ({ ...escalationFilter({}), ...over });

describe("escalation page model", () => {
  it("reads the filters from the URL, first value of repeated parameters, trimmed", () => {
    expect(escalationFilter({ namespace: [" ops ", "x"], technique: "POD_EXEC", from: "User/a" })).toEqual({
      namespace: "ops",
      technique: "POD_EXEC",
      severity: "",
      from: "User/a",
      to: "",
      page: 1,
    });
  });

  it("reads the principal page, falling back to 1 for junk, and keeps every filter in the page links", () => {
    expect(escalationFilter({ page: "3" }).page).toBe(3);
    for (const junk of ["0", "-2", "x", "99999999999999999999"]) expect(escalationFilter({ page: junk }).page).toBe(1);
    const href = escalationHref("/snapshots/1/escalations", filter({ namespace: "ops", severity: "High", page: 2 }));
    expect(href).toBe("/snapshots/1/escalations?namespace=ops&severity=High&page=2");
    expect(escalationHref("/e", filter({}))).toBe("/e");
  });

  it.each([
    ["ClusterAdmin", deployerToAdmin, "Critical"],
    ["a node", deployerToNode, "High"],
    ["a Secret", aliceToSecret, "Medium"],
  ] as const)("a path to %s is %s", (_name, path, severity) => {
    expect(pathSeverity(path)).toBe(severity);
  });

  it("a path to a user-tagged crown jewel is Critical", () => {
    expect(pathSeverity(aliceToSecret, new Set(["Secret/payments/stripe-api-key"]))).toBe("Critical");
  });

  it.each([
    ["namespace of an intermediate vertex", { namespace: "ops" }, deployerToAdmin, true],
    ["namespace only in the evidence binding", { namespace: "ops" }, deployerToNode, true],
    ["namespace not on the path", { namespace: "payments" }, deployerToAdmin, false],
    ["technique used by a hop", { technique: "CLUSTER_ADMIN_EQUIVALENT" }, deployerToAdmin, true],
    ["technique not used", { technique: "POD_EXEC" }, deployerToAdmin, false],
    ["severity equal", { severity: "High" }, deployerToNode, true],
    ["severity different", { severity: "Critical" }, deployerToNode, false],
    ["no filter", {}, aliceToSecret, true],
  ] as const)("filter by %s", (_name, over, path, expected) => {
    expect(pathMatches(path, filter(over))).toBe(expected);
  });

  it("groups per principal, most severe reach first, each group's paths most severe first", () => {
    const groups = groupByPrincipal([aliceToSecret, deployerToNode, deployerToAdmin]);
    expect(groups.map((g) => [refLabel(g.from), g.severity, g.paths.map((p) => refLabel(p.to))])).toEqual([
      ["ServiceAccount ci/deployer", "Critical", ["ClusterAdmin", "Node worker-1"]],
      ["User alice@example.com", "Medium", ["Secret payments/stripe-api-key"]],
    ]);
  });

  it.each([
    ["RoleBinding/ops/ci-deployer", { kind: "RoleBinding", namespace: "ops", name: "ci-deployer" }],
    ["ClusterRoleBinding/system:kube-controller-manager", { kind: "ClusterRoleBinding", namespace: null, name: "system:kube-controller-manager" }],
    ["Group/system:masters", { kind: "Group", namespace: null, name: "system:masters" }],
    ["User/https://idp/alice", { kind: "User", namespace: null, name: "https://idp/alice" }],
    ["Node/control-plane-1", { kind: "Node", namespace: null, name: "control-plane-1" }],
    ["Pod/platform/node-debugger-worker-2", { kind: "Pod", namespace: "platform", name: "node-debugger-worker-2" }],
    ["Role/a/b/c", undefined],
    ["RoleBinding/only-name", undefined],
    ["ClusterAdmin", undefined],
  ] as const)("parses the reference %s", (text, expected) => {
    expect(parseObjectRef(text)).toEqual(expected);
  });

  it.each([
    [sa("ci", "deployer"), "/snapshots/3/subjects/ServiceAccount/ci/deployer"],
    [{ kind: "Group", name: "system:masters", namespace: null }, "/snapshots/3/subjects/Group/system%3Amasters"],
    [node("worker-1"), "/snapshots/3/objects/Node/worker-1"],
    [{ kind: "RoleBinding", name: "ci-deployer", namespace: "ops" }, "/snapshots/3/bindings/RoleBinding/ops/ci-deployer"],
    [ADMIN, undefined],
    [{ kind: "RoleGrant", name: "edit", namespace: "data" }, undefined],
  ] as const)("links %j to %s", (ref, href) => {
    expect(refHref(3, ref)).toBe(href);
  });

  it("labels a self-granted role with its scope", () => {
    expect(refLabel({ kind: "RoleGrant", name: "edit", namespace: "data" })).toBe("self-granted role edit in data");
    expect(refLabel({ kind: "RoleGrant", name: "cluster-admin", namespace: null })).toBe("self-granted role cluster-admin cluster-wide");
  });

  it("offers the namespaces and techniques that occur on the paths", () => {
    const paths = [deployerToAdmin, deployerToNode, aliceToSecret];
    expect(namespacesOf(paths)).toEqual(["ci", "ops", "payments"]);
    expect(techniquesOf(paths)).toEqual(["CLUSTER_ADMIN_EQUIVALENT", "POD_CREATE_TOKEN_THEFT", "PRIVILEGED_POD_NODE_ESCAPE"]);
  });
});
