import type { EffectiveRule } from "@/lib/rbac/aggregation";
import type { RuleSource } from "@/lib/rbac/visit";

/** One rule allowing a request, with the binding/role/subject chain that gives it to the identity. */
export interface Grant extends RuleSource {
  readonly rule: EffectiveRule;
}

export function grantOf(source: RuleSource, rule: EffectiveRule): Grant {
  return { ...source, rule };
}
