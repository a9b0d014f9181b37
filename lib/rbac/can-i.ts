/**
 * can-i: the authorizer's decision, with every allowing rule (proof) and, on denial, the
 * nearest misses. `allows` is the authorizer's fast path: it stops at the first allowing rule.
 */
import type { Identity } from "@/lib/rbac/identity";
import { grantOf, type Grant } from "@/lib/rbac/grant";
import { findNearMisses, type NearMiss } from "@/lib/rbac/near-miss";
import type { CompiledPolicy } from "@/lib/rbac/policy";
import type { PolicyProblem } from "@/lib/rbac/problems";
import { requestNamespace, type AccessRequest } from "@/lib/rbac/request";
import { ruleAllows } from "@/lib/rbac/rule-match";
import { visitRulesFor } from "@/lib/rbac/visit";

export interface Decision {
  readonly allowed: boolean;
  readonly request: AccessRequest;
  readonly identity: Identity;
  /** Every allowing rule, in walk order. */
  readonly grants: readonly Grant[];
  /** Only when denied. */
  readonly misses: readonly NearMiss[];
  /** Problems of bindings that apply to this identity here (e.g. their role is missing). */
  readonly problems: readonly PolicyProblem[];
}

export function canI(p: CompiledPolicy, identity: Identity, request: AccessRequest): Decision {
  const grants: Grant[] = [];
  const problems: PolicyProblem[] = [];
  visitRulesFor(
    p,
    identity,
    requestNamespace(request),
    (source, rule) => {
      if (ruleAllows(request, rule.rule)) grants.push(grantOf(source, rule));
      return true;
    },
    (problem) => problems.push(problem),
  );
  const allowed = grants.length > 0;
  return { allowed, request, identity, grants, misses: allowed ? [] : findNearMisses(p, identity, request), problems };
}

export function allows(p: CompiledPolicy, identity: Identity, request: AccessRequest): boolean {
  let allowed = false;
  visitRulesFor(p, identity, requestNamespace(request), (_source, rule) => {
    if (!ruleAllows(request, rule.rule)) return true;
    allowed = true;
    return false;
  });
  return allowed;
}
