/**
 * One small predicate per rule dimension, mirroring Kubernetes'
 * `pkg/apis/rbac/v1/evaluation_helpers.go`; `ruleAllows` joins them like the RBAC authorizer's
 * `RuleAllows` (plugin/pkg/auth/authorizer/rbac/rbac.go).
 *
 * Every comparison is exact and case-sensitive; `*` is a wildcard only as a whole element.
 */
import type { PolicyRule } from "@/lib/rbac/objects";
import { combinedResource, type AccessRequest } from "@/lib/rbac/request";

export const VERB_ALL = "*";
export const API_GROUP_ALL = "*";
export const RESOURCE_ALL = "*";
export const NON_RESOURCE_ALL = "*";

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const v of rule.verbs ?? []) {
    if (v === VERB_ALL) return true;
    if (v === verb) return true;
  }
  return false;
}

/** `["*"]` covers every group including the core group ""; a rule without apiGroups matches nothing. */
export function apiGroupMatches(rule: PolicyRule, apiGroup: string): boolean {
  for (const g of rule.apiGroups ?? []) {
    if (g === API_GROUP_ALL) return true;
    if (g === apiGroup) return true;
  }
  return false;
}

/**
 * `combined` is "resource" or "resource/subresource". `*` covers everything; `*\/sub` covers
 * that subresource of any resource; anything else (including `pods/*`) is literal.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === RESOURCE_ALL) return true;
    if (r === combined) return true;
    if (subresource === "") continue;
    if (r.length === subresource.length + 2 && r.startsWith("*/") && r.endsWith(subresource)) return true;
  }
  return false;
}

/**
 * No resourceNames = any name. Otherwise the requested name must be listed exactly, so a
 * request without a name (list, watch, create) is not matched — unless the rule literally
 * lists the empty string, which Kubernetes compares like any other name.
 */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  if (names.length === 0) return true;
  return names.includes(name);
}

/** Exact, `*` = every URL, or a prefix when the element ends with `*` (all trailing `*` trimmed, like Go's TrimRight). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === NON_RESOURCE_ALL) return true;
    if (u === path) return true;
    if (u.endsWith("*") && path.startsWith(trimTrailingStars(u))) return true;
  }
  return false;
}

function trimTrailingStars(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 42) end--;
  return s.slice(0, end);
}

/** Resource requests look only at the resource part of a rule, non-resource requests only at nonResourceURLs. */
export function ruleAllows(request: AccessRequest, rule: PolicyRule): boolean {
  if (request.kind === "resource") {
    return (
      verbMatches(rule, request.verb) &&
      apiGroupMatches(rule, request.apiGroup) &&
      resourceMatches(rule, combinedResource(request), request.subresource) &&
      resourceNameMatches(rule, request.name)
    );
  }
  return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
}

/** The dimensions of `rule` that do not match `request` (empty = the rule allows it). */
export type RuleDimension = "verb" | "apiGroup" | "resource" | "resourceName" | "nonResourceURL";

export function failedDimensions(request: AccessRequest, rule: PolicyRule): RuleDimension[] {
  const failed: RuleDimension[] = [];
  if (!verbMatches(rule, request.verb)) failed.push("verb");
  if (request.kind === "resource") {
    if (!apiGroupMatches(rule, request.apiGroup)) failed.push("apiGroup");
    if (!resourceMatches(rule, combinedResource(request), request.subresource)) failed.push("resource");
    if (!resourceNameMatches(rule, request.name)) failed.push("resourceName");
  } else if (!nonResourceURLMatches(rule, request.path)) {
    failed.push("nonResourceURL");
  }
  return failed;
}

/** Whether a rule has a resource part / a non-resource part at all. */
export function isResourceRule(rule: PolicyRule): boolean {
  return (rule.resources?.length ?? 0) > 0;
}
export function isNonResourceRule(rule: PolicyRule): boolean {
  return (rule.nonResourceURLs?.length ?? 0) > 0;
}
