import { describe, expect, it } from "vitest";
import type { PolicyRule } from "@/lib/rbac/objects";
import { analyzeCluster, findPaths } from "./analyze";
import { isGrantCovered, ruleCovers } from "./graph";
import { formatVertexRef } from "./refs";
import { clusterFromDocs } from "./test-support";
import type { HeldRule } from "./permissions";

const rule = (verbs: string, groups: string, resources: string, names = ""): PolicyRule => ({
  verbs: verbs.split(","),
  apiGroups: groups.split(","),
  resources: resources.split(","),
  ...(names ? { resourceNames: names.split(",") } : {}),
});
const held = (r: PolicyRule, scope: string | null): HeldRule => ({ rule: r, scope, via: "RoleBinding/team/x", fromClusterBinding: scope === null, role: "Role/team/x" });

describe("ruleCovers: owner allows every request the servant allows", () => {
  it.each<[string, PolicyRule, PolicyRule, boolean]>([
    ["wildcard owner covers anything", rule("*", "*", "*"), rule("create", "", "pods"), true],
    ["same verbs and resource", rule("create,get", "", "pods"), rule("create", "", "pods"), true],
    ["missing verb", rule("get", "", "pods"), rule("create", "", "pods"), false],
    ["servant * verb needs owner *", rule("create,get,update,patch", "", "pods"), rule("*", "", "pods"), false],
    ["servant * resource needs owner *", rule("create", "", "pods,secrets"), rule("create", "", "*"), false],
    ["pods does not cover pods/exec", rule("create", "", "pods"), rule("create", "", "pods/exec"), false],
    ["*/exec covers pods/exec", rule("create", "", "*/exec"), rule("create", "", "pods/exec"), true],
    ["other api group", rule("create", "", "deployments"), rule("create", "apps", "deployments"), false],
    ["owner restricted by names does not cover an unrestricted rule", rule("get", "", "secrets", "a"), rule("get", "", "secrets"), false],
    ["owner names ⊇ servant names", rule("get", "", "secrets", "a,b"), rule("get", "", "secrets", "a"), true],
    ["servant name outside owner names", rule("get", "", "secrets", "a"), rule("get", "", "secrets", "b"), false],
    ["a non-resource rule grants no resource request", rule("get", "", "pods"), { verbs: ["get"], nonResourceURLs: ["/metrics"] }, true],
  ])("%s", (_name, owner, servant, expected) => {
    expect(ruleCovers(owner, servant)).toBe(expected);
  });
});

describe("isGrantCovered: a self-grant adds nothing only if every relevant rule is already held at that scope", () => {
  const podCreate = rule("create", "", "pods");
  it.each<[string, HeldRule[], PolicyRule[], string | null, boolean]>([
    ["namespace admin of team binding a role in team", [held(rule("*", "*", "*"), "team")], [podCreate, rule("get", "", "secrets")], "team", true],
    ["the same role bound in another namespace is new", [held(rule("*", "*", "*"), "team")], [podCreate], "other", false],
    ["a cluster-wide grant is not covered by namespace rules", [held(rule("*", "*", "*"), "team")], [podCreate], null, false],
    ["cluster-wide rules cover a namespace grant", [held(podCreate, null)], [podCreate], "team", true],
    ["one uncovered relevant rule is enough to keep the grant", [held(podCreate, "team")], [podCreate, rule("create", "", "pods/exec")], "team", false],
    ["rules no technique uses do not count", [held(podCreate, "team")], [podCreate, rule("get", "", "configmaps")], "team", true],
    ["nothing held, nothing relevant granted", [], [rule("get", "", "configmaps")], "team", true],
    ["nothing held, something relevant granted", [], [podCreate], "team", false],
  ])("%s", (_name, owner, roleRules, scope, expected) => {
    expect(isGrantCovered(owner, roleRules, scope)).toBe(expected);
  });
});

describe("self-grants in a cluster", () => {
  const docs = (devRules: Record<string, unknown>[]) => [
    { kind: "Namespace", metadata: { name: "team" } },
    { kind: "ServiceAccount", metadata: { name: "dev", namespace: "team" } },
    { kind: "ServiceAccount", metadata: { name: "builder", namespace: "team" } },
    { kind: "Role", metadata: { name: "binder", namespace: "team" }, rules: devRules },
    { kind: "RoleBinding", metadata: { name: "dev-access", namespace: "team" }, roleRef: { kind: "Role", name: "binder" }, subjects: [{ kind: "ServiceAccount", name: "dev" }] },
    { kind: "ClusterRole", metadata: { name: "pod-maker" }, rules: [{ verbs: ["create"], apiGroups: [""], resources: ["pods"] }] },
  ];
  const bind = [
    { verbs: ["create"], apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings"] },
    { verbs: ["bind"], apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"] },
  ];
  const hops = (devRules: Record<string, unknown>[]) => {
    const a = analyzeCluster(clusterFromDocs(docs(devRules)));
    const [p] = findPaths(a, { kind: "ServiceAccount", name: "dev", namespace: "team" }, { kind: "ServiceAccount", name: "builder", namespace: "team" });
    return { hops: p?.hops.map((h) => `${h.technique} ${h.via} -> ${formatVertexRef(h.reaches)}`), grants: a.graph.vertices.filter((v) => v.ref.kind === "RoleGrant").map((v) => formatVertexRef(v.ref)) };
  };

  it("binding a role that adds pod creation is a hop through the RoleGrant", () => {
    const r = hops(bind);
    expect(r.hops).toEqual(["ROLE_BIND RoleBinding/team/dev-access -> RoleGrant/team/pod-maker", "POD_CREATE_TOKEN_THEFT ClusterRole/pod-maker -> ServiceAccount/team/builder"]);
    expect(r.grants).toContain("RoleGrant/team/pod-maker");
  });

  it("binding a role whose rules are already held builds no RoleGrant and keeps the direct path", () => {
    const r = hops([...bind, { verbs: ["create"], apiGroups: [""], resources: ["pods"] }]);
    expect(r.hops).toEqual(["POD_CREATE_TOKEN_THEFT RoleBinding/team/dev-access -> ServiceAccount/team/builder"]);
    expect(r.grants).not.toContain("RoleGrant/team/pod-maker");
  });
});
