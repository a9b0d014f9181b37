/**
 * An inverted index of role rules by (apiGroup element, resource element), so "which roles
 * allow this request" (who-can, near misses) looks at a handful of candidate rules instead of
 * every rule of every role. Candidates are always re-checked with `ruleAllows`; the index only
 * narrows, it never decides.
 */
import type { EffectiveRule } from "@/lib/rbac/aggregation";
import type { RoleRefResolved } from "@/lib/rbac/problems";
import { combinedResource, type AccessRequest } from "@/lib/rbac/request";
import { ruleAllows } from "@/lib/rbac/rule-match";

export interface IndexedRule {
  readonly role: RoleRefResolved;
  readonly rule: EffectiveRule;
  /** Position in the build order, to return candidates in a stable order. */
  readonly seq: number;
}

export interface RuleIndex {
  /** `${apiGroup}\0${resource}` → rules (resource rules). */
  readonly byGroupResource: Map<string, IndexedRule[]>;
  /** Rules with nonResourceURLs. */
  readonly nonResource: IndexedRule[];
}

export function newRuleIndex(): RuleIndex {
  return { byGroupResource: new Map(), nonResource: [] };
}

export function addRoleRules(index: RuleIndex, role: RoleRefResolved, rules: readonly EffectiveRule[], seq: { n: number }): void {
  for (const rule of rules) {
    const entry: IndexedRule = { role, rule, seq: seq.n++ };
    const seen = new Set<string>();
    for (const g of rule.rule.apiGroups ?? []) {
      for (const r of rule.rule.resources ?? []) {
        const key = `${g}\u0000${r}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const list = index.byGroupResource.get(key);
        if (list) list.push(entry);
        else index.byGroupResource.set(key, [entry]);
      }
    }
    if ((rule.rule.nonResourceURLs?.length ?? 0) > 0) index.nonResource.push(entry);
  }
}

/** Every indexed rule allowing the request, grouped by role (roles and rules in build order). */
export function rulesAllowing(index: RuleIndex | undefined, request: AccessRequest): Map<string, { role: RoleRefResolved; rules: EffectiveRule[] }> {
  const out = new Map<string, { role: RoleRefResolved; rules: EffectiveRule[] }>();
  if (!index) return out;
  let candidates: IndexedRule[];
  if (request.kind === "nonResource") {
    candidates = index.nonResource;
  } else {
    const resources = [combinedResource(request), "*"];
    if (request.subresource !== "") resources.push(`*/${request.subresource}`);
    const seen = new Set<IndexedRule>();
    candidates = [];
    for (const g of [request.apiGroup, "*"]) {
      for (const r of resources) {
        for (const e of index.byGroupResource.get(`${g}\u0000${r}`) ?? []) {
          if (seen.has(e)) continue;
          seen.add(e);
          candidates.push(e);
        }
      }
    }
    candidates.sort((a, b) => a.seq - b.seq);
  }
  for (const c of candidates) {
    if (!ruleAllows(request, c.rule.rule)) continue;
    const key = c.role.kind === "Role" ? `Role:${c.role.namespace ?? ""}/${c.role.name}` : `ClusterRole:${c.role.name}`;
    const slot = out.get(key);
    if (slot) slot.rules.push(c.rule);
    else out.set(key, { role: c.role, rules: [c.rule] });
  }
  return out;
}
