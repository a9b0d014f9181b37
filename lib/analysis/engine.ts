/**
 * The only door from lib/analysis to the authorization engine: every RBAC precondition is decided
 * by these functions (the engine's rule walk and rule matcher), never re-implemented here.
 */
export {
  compilePolicy,
  effectiveRulesOf,
  identityFor,
  labelSelectorMatches,
  parseServiceAccountUsername,
  resourceNameMatches,
  resourceRequest,
  ruleAllows,
  serviceAccountUsername,
  subjectMatches,
  visitAllRulesFor,
  visitRulesFor,
  walkAllBindingsFor,
} from "@/lib/rbac";
export type { BindingEntry, CompiledPolicy, EffectiveRule, Identity, ResourceRequest, RuleSource } from "@/lib/rbac";
export type { PolicyRule } from "@/lib/rbac/objects";
