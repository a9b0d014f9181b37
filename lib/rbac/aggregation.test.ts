import { describe, expect, it } from "vitest";
import { aggregateClusterRoles, ruleKey } from "@/lib/rbac/aggregation";
import { labelSelectorMatches } from "@/lib/rbac/label-selector";
import type { ClusterRole, LabelSelector, PolicyRule } from "@/lib/rbac/objects";
import type { PolicyProblem } from "@/lib/rbac/problems";
import { newRule } from "@/lib/rbac/testing";

function cr(name: string, labels: Record<string, string>, rules: PolicyRule[] | null, selectors?: LabelSelector[]): ClusterRole {
  return {
    kind: "ClusterRole",
    metadata: { name, labels },
    rules: rules as PolicyRule[],
    ...(selectors ? { aggregationRule: { clusterRoleSelectors: selectors } } : {}),
  };
}

function aggregate(roles: ClusterRole[]) {
  const problems: PolicyProblem[] = [];
  const map = new Map(roles.map((r) => [r.metadata.name, r]));
  const out = aggregateClusterRoles(map, problems);
  const verbsOf = (name: string) => (out.get(name) ?? []).map((r) => r.rule.verbs.join(","));
  return { out, problems, verbsOf };
}

const A = newRule("a", "core", "pods", "");
const B = newRule("b", "core", "pods", "");
const C = newRule("c", "core", "pods", "");

describe("labelSelectorMatches", () => {
  it.each<[string, LabelSelector, Record<string, string>, boolean]>([
    ["matchLabels equal", { matchLabels: { x: "1" } }, { x: "1" }, true],
    ["matchLabels differ", { matchLabels: { x: "1" } }, { x: "2" }, false],
    ["matchLabels missing key", { matchLabels: { x: "1" } }, {}, false],
    ["In", { matchExpressions: [{ key: "x", operator: "In", values: ["1", "2"] }] }, { x: "2" }, true],
    ["In, absent key", { matchExpressions: [{ key: "x", operator: "In", values: ["1"] }] }, {}, false],
    ["NotIn, absent key matches", { matchExpressions: [{ key: "x", operator: "NotIn", values: ["1"] }] }, {}, true],
    ["NotIn, listed value", { matchExpressions: [{ key: "x", operator: "NotIn", values: ["1"] }] }, { x: "1" }, false],
    ["Exists", { matchExpressions: [{ key: "x", operator: "Exists" }] }, { x: "" }, true],
    ["DoesNotExist", { matchExpressions: [{ key: "x", operator: "DoesNotExist" }] }, { x: "" }, false],
    ["labels AND expressions", { matchLabels: { a: "1" }, matchExpressions: [{ key: "b", operator: "Exists" }] }, { a: "1" }, false],
    ["empty selector matches everything", {}, { anything: "1" }, true],
    ["invalid In without values matches nothing", { matchExpressions: [{ key: "x", operator: "In", values: [] }] }, { x: "1" }, false],
  ])("%s", (_name, selector, labels, want) => {
    expect(labelSelectorMatches(selector, labels)).toBe(want);
  });
});

describe("aggregateClusterRoles", () => {
  it("collects rules of matched roles sorted by name, de-duplicated, remembering the origin", () => {
    const { out, verbsOf } = aggregate([
      cr("agg", {}, null, [{ matchLabels: { to: "agg" } }]),
      cr("zz", { to: "agg" }, [C, A]),
      cr("aa", { to: "agg" }, [A, B]),
      cr("other", {}, [newRule("x", "core", "pods", "")]),
    ]);
    expect(verbsOf("agg")).toEqual(["a", "b", "c"]);
    expect(out.get("agg")?.map((r) => [r.ruleIndex, r.aggregatedFrom])).toEqual([
      [0, { clusterRole: "aa", ruleIndex: 0 }],
      [1, { clusterRole: "aa", ruleIndex: 1 }],
      [2, { clusterRole: "zz", ruleIndex: 0 }],
    ]);
    expect(out.get("aa")?.[0]?.aggregatedFrom).toBeUndefined();
  });

  it("ORs selectors in order and uses matchExpressions", () => {
    const { verbsOf } = aggregate([
      cr("agg", {}, [], [{ matchLabels: { k: "2" } }, { matchExpressions: [{ key: "k", operator: "In", values: ["1", "2"] }] }]),
      cr("one", { k: "1" }, [A]),
      cr("two", { k: "2" }, [B]),
    ]);
    expect(verbsOf("agg")).toEqual(["b", "a"]);
  });

  it("excludes the aggregated role itself even when it matches its own selector", () => {
    const { verbsOf } = aggregate([cr("self", { to: "x" }, [C], [{ matchLabels: { to: "x" } }]), cr("leaf", { to: "x" }, [A])]);
    expect(verbsOf("self")).toEqual(["a"]);
  });

  it("replaces stale or null dumped rules and reports stale ones", () => {
    const { verbsOf, problems } = aggregate([
      cr("stale", {}, [newRule("*", "*", "*", "")], [{ matchLabels: { to: "x" } }]),
      cr("nulled", {}, null, [{ matchLabels: { to: "x" } }]),
      cr("leaf", { to: "x" }, [A]),
    ]);
    expect(verbsOf("stale")).toEqual(["a"]);
    expect(verbsOf("nulled")).toEqual(["a"]);
    expect(problems.map((p) => p.code)).toEqual(["STALE_AGGREGATED_RULES"]);
  });

  it("is transitive to a fixpoint (admin ⊇ edit ⊇ view), regardless of name order", () => {
    const { out, verbsOf } = aggregate([
      cr("admin", {}, null, [{ matchLabels: { "to-admin": "true" } }]),
      cr("edit", { "to-admin": "true" }, null, [{ matchLabels: { "to-edit": "true" } }]),
      cr("view", { "to-edit": "true" }, null, [{ matchLabels: { "to-view": "true" } }]),
      cr("a-view-leaf", { "to-view": "true" }, [A]),
      cr("b-edit-leaf", { "to-edit": "true" }, [B]),
      cr("c-admin-leaf", { "to-admin": "true" }, [C]),
    ]);
    expect(verbsOf("view")).toEqual(["a"]);
    expect(verbsOf("edit")).toEqual(["b", "a"]);
    expect(verbsOf("admin")).toEqual(["c", "b", "a"]);
    const adminA = out.get("admin")?.[2];
    expect(adminA?.aggregatedFrom).toEqual({ clusterRole: "a-view-leaf", ruleIndex: 0 });
    expect(adminA?.via).toEqual(["edit", "view"]);
  });

  it("terminates on cycles with the union of the leaf rules", () => {
    const { verbsOf, problems } = aggregate([
      cr("x", { g: "x" }, [newRule("stale", "core", "pods", "")], [{ matchLabels: { g: "y" } }]),
      cr("y", { g: "y" }, null, [{ matchLabels: { g: "x" } }, { matchLabels: { leaf: "1" } }]),
      cr("leaf", { leaf: "1" }, [A]),
    ]);
    expect(verbsOf("x")).toEqual(["a"]);
    expect(verbsOf("y")).toEqual(["a"]);
    expect(problems.map((p) => p.code)).not.toContain("AGGREGATION_NOT_CONVERGED");
  });

  it("an aggregationRule with no selectors yields no rules; an invalid selector is reported", () => {
    const { verbsOf, problems } = aggregate([
      cr("empty", {}, null, []),
      cr("bad", {}, null, [{ matchExpressions: [{ key: "x", operator: "Exists", values: ["1"] }] }]),
      cr("leaf", { x: "1" }, [A]),
    ]);
    expect(verbsOf("empty")).toEqual([]);
    expect(verbsOf("bad")).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual(["INVALID_AGGREGATION_SELECTOR"]);
  });

  it("de-duplicates by deep equality where a missing list equals an empty one, but order matters", () => {
    expect(ruleKey({ verbs: ["get"], apiGroups: [""], resources: ["pods"] })).toBe(
      ruleKey({ verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: [] }),
    );
    expect(ruleKey(newRule("get,list", "core", "pods", ""))).not.toBe(ruleKey(newRule("list,get", "core", "pods", "")));
  });
});
