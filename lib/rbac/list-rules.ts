/**
 * The effective rules of an identity in a namespace, like `kubectl auth can-i --list`
 * (SelfSubjectRulesReview): every rule from the walk, broken down to one (apiGroup, resource,
 * resourceNames) or one non-resource URL per entry, verbs merged, with the grants behind each.
 */
import type { Identity } from "@/lib/rbac/identity";
import { grantOf, type Grant } from "@/lib/rbac/grant";
import type { CompiledPolicy } from "@/lib/rbac/policy";
import { visitRulesFor } from "@/lib/rbac/visit";

export type RuleListEntry =
  | {
      readonly kind: "resource";
      readonly apiGroup: string;
      readonly resource: string;
      /** Empty = any name. */
      readonly resourceNames: readonly string[];
      readonly verbs: readonly string[];
      readonly grants: readonly Grant[];
    }
  | { readonly kind: "nonResource"; readonly nonResourceURL: string; readonly verbs: readonly string[]; readonly grants: readonly Grant[] };

type Mutable = { entry: RuleListEntry; verbs: Set<string>; grants: Grant[] };

export function listRules(p: CompiledPolicy, identity: Identity, namespace: string): readonly RuleListEntry[] {
  const byKey = new Map<string, Mutable>();
  const add = (key: string, make: () => RuleListEntry, verbs: readonly string[], grant: Grant) => {
    let m = byKey.get(key);
    if (!m) {
      m = { entry: make(), verbs: new Set(), grants: [] };
      byKey.set(key, m);
    }
    for (const v of verbs) m.verbs.add(v);
    if (!m.grants.includes(grant)) m.grants.push(grant);
  };
  visitRulesFor(p, identity, namespace, (source, rule) => {
    const grant = grantOf(source, rule);
    const verbs = rule.rule.verbs ?? [];
    const names = [...(rule.rule.resourceNames ?? [])].sort();
    for (const apiGroup of rule.rule.apiGroups ?? []) {
      for (const resource of rule.rule.resources ?? []) {
        add(
          JSON.stringify(["r", apiGroup, resource, names]),
          () => ({ kind: "resource", apiGroup, resource, resourceNames: names, verbs: [], grants: [] }),
          verbs,
          grant,
        );
      }
    }
    // non-resource rules only take effect through ClusterRoleBindings
    if (source.scope === null) {
      for (const url of rule.rule.nonResourceURLs ?? []) {
        add(JSON.stringify(["n", url]), () => ({ kind: "nonResource", nonResourceURL: url, verbs: [], grants: [] }), verbs, grant);
      }
    }
    return true;
  });
  const out = [...byKey.values()].map(({ entry, verbs, grants }) => ({
    ...entry,
    verbs: verbs.has("*") ? ["*"] : [...verbs].sort(),
    grants,
  }));
  return out.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}

function sortKey(e: RuleListEntry): string {
  return e.kind === "resource" ? `0 ${e.resource} ${e.apiGroup} ${e.resourceNames.join(",")}` : `1 ${e.nonResourceURL}`;
}
