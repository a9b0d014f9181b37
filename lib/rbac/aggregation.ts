/**
 * ClusterRole aggregation, as the clusterrole-aggregation controller computes it
 * (pkg/controller/clusterroleaggregation): for a ClusterRole with an `aggregationRule`, for each
 * selector in order, the ClusterRoles it matches sorted by name, itself skipped, their rules
 * appended unless an equal rule (deep equality, nil = empty) is already there.
 *
 * We compute the least fixpoint: aggregated roles start empty (their dumped rules — `null` or
 * stale — are ignored) and are recomputed until nothing changes, so chains (admin ⊇ edit ⊇ view)
 * and cycles resolve to the rules that really come from non-aggregated roles.
 */
import type { ClusterRole, PolicyRule } from "@/lib/rbac/objects";
import { labelSelectorMatches, validateLabelSelector } from "@/lib/rbac/label-selector";
import type { PolicyProblem } from "@/lib/rbac/problems";

export interface AggregationSource {
  /** The non-aggregated ClusterRole that holds the rule itself. */
  readonly clusterRole: string;
  /** Index of the rule in that ClusterRole's `rules`. */
  readonly ruleIndex: number;
}

export interface EffectiveRule {
  readonly rule: PolicyRule;
  /** Index in the role's effective rules (for a plain role: its `rules` index). */
  readonly ruleIndex: number;
  /** Set on rules of an aggregated ClusterRole: where the rule is defined. */
  readonly aggregatedFrom?: AggregationSource;
  /** Aggregated ClusterRoles the rule passed through, nearest first (e.g. ["edit"] for admin's copy of a view rule). */
  readonly via?: readonly string[];
}

/** Deep-equality key of a rule; a missing list equals an empty one, element order matters. */
export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([
    rule.verbs ?? [],
    rule.apiGroups ?? [],
    rule.resources ?? [],
    rule.resourceNames ?? [],
    rule.nonResourceURLs ?? [],
  ]);
}

export function isAggregated(role: ClusterRole): boolean {
  return role.aggregationRule !== undefined && role.aggregationRule !== null;
}

export function plainEffectiveRules(rules: readonly PolicyRule[] | null | undefined): EffectiveRule[] {
  return (rules ?? []).map((rule, ruleIndex) => ({ rule, ruleIndex }));
}

/**
 * Effective rules of every ClusterRole (by name; `clusterRoles` already de-duplicated by name).
 */
export function aggregateClusterRoles(
  clusterRoles: ReadonlyMap<string, ClusterRole>,
  problems: PolicyProblem[],
): Map<string, readonly EffectiveRule[]> {
  const effective = new Map<string, readonly EffectiveRule[]>();
  const aggregatedNames: string[] = [];
  for (const [name, role] of clusterRoles) {
    if (isAggregated(role)) {
      aggregatedNames.push(name);
      effective.set(name, []);
    } else {
      effective.set(name, plainEffectiveRules(role.rules));
    }
  }
  if (aggregatedNames.length === 0) return effective;
  aggregatedNames.sort(compareStrings);
  const sortedAll = [...clusterRoles.values()].sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));

  // Per aggregated role: the matched role names, selector by selector (name-sorted, self excluded).
  const sources = new Map<string, string[][]>();
  for (const name of aggregatedNames) {
    const role = clusterRoles.get(name) as ClusterRole;
    const perSelector: string[][] = [];
    (role.aggregationRule?.clusterRoleSelectors ?? []).forEach((selector, selectorIndex) => {
      const check = validateLabelSelector(selector);
      if (!check.valid) {
        problems.push({ code: "INVALID_AGGREGATION_SELECTOR", clusterRole: name, selectorIndex, reason: check.reason });
        return;
      }
      perSelector.push(
        sortedAll
          .filter((c) => c.metadata.name !== name && labelSelectorMatches(selector, c.metadata.labels))
          .map((c) => c.metadata.name),
      );
    });
    sources.set(name, perSelector);
  }

  const limit = 2 * aggregatedNames.length + 4;
  let changed = true;
  let passes = 0;
  while (changed && passes < limit) {
    changed = false;
    passes++;
    for (const name of aggregatedNames) {
      const next: EffectiveRule[] = [];
      const seen = new Set<string>();
      for (const matched of sources.get(name) ?? []) {
        for (const sourceName of matched) {
          for (const src of effective.get(sourceName) ?? []) {
            const key = ruleKey(src.rule);
            if (seen.has(key)) continue;
            seen.add(key);
            next.push(
              src.aggregatedFrom
                ? { rule: src.rule, ruleIndex: next.length, aggregatedFrom: src.aggregatedFrom, via: [sourceName, ...(src.via ?? [])] }
                : { rule: src.rule, ruleIndex: next.length, aggregatedFrom: { clusterRole: sourceName, ruleIndex: src.ruleIndex } },
            );
          }
        }
      }
      if (!sameRules(effective.get(name) ?? [], next)) {
        effective.set(name, next);
        changed = true;
      }
    }
  }
  if (changed) problems.push({ code: "AGGREGATION_NOT_CONVERGED", clusterRoles: aggregatedNames });

  for (const name of aggregatedNames) {
    const role = clusterRoles.get(name) as ClusterRole;
    const dumped = role.rules ?? [];
    const computed = effective.get(name) ?? [];
    if (dumped.length > 0 && !sameKeys(dumped, computed.map((r) => r.rule))) {
      problems.push({ code: "STALE_AGGREGATED_RULES", clusterRole: name, dumpedRules: dumped.length, effectiveRules: computed.length });
    }
  }
  return effective;
}

function sameRules(a: readonly EffectiveRule[], b: readonly EffectiveRule[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as EffectiveRule;
    const y = b[i] as EffectiveRule;
    if (ruleKey(x.rule) !== ruleKey(y.rule)) return false;
    if (x.aggregatedFrom?.clusterRole !== y.aggregatedFrom?.clusterRole) return false;
    if (x.aggregatedFrom?.ruleIndex !== y.aggregatedFrom?.ruleIndex) return false;
  }
  return true;
}

function sameKeys(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return a.length === b.length && a.every((r, i) => ruleKey(r) === ruleKey(b[i] as PolicyRule));
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
