/**
 * Nearest misses for a denied request: the explanation of "why not". Each is data (tagged by
 * `code`); `describeMiss` renders text. Ranked (closest first) and bounded.
 */
import type { EffectiveRule } from "@/lib/rbac/aggregation";
import { parseServiceAccountUsername, SERVICE_ACCOUNT_USERNAME_PREFIX, type Identity } from "@/lib/rbac/identity";
import type { Subject } from "@/lib/rbac/objects";
import { bindingEntry, looseName, nsKey, roleKey, type BindingEntry, type CompiledPolicy } from "@/lib/rbac/policy";
import type { BindingRef, PolicyProblem, RoleRefResolved } from "@/lib/rbac/problems";
import { requestNamespace, type AccessRequest } from "@/lib/rbac/request";
import { failedDimensions, isNonResourceRule, isResourceRule, ruleAllows } from "@/lib/rbac/rule-match";
import { rulesAllowing } from "@/lib/rbac/rule-index";
import { bindingAppliesTo, walkAllBindingsFor, type RuleSource } from "@/lib/rbac/visit";

export type SimilarSubjectReason =
  | "other-namespace" /** ServiceAccount of the same name in another namespace */
  | "missing-namespace" /** ServiceAccount subject of a ClusterRoleBinding without namespace */
  | "other-kind" /** same name, different subject kind (User vs ServiceAccount) */
  | "spelling"; /** same name up to case or surrounding spaces */

export type NearMiss =
  | { readonly code: "WRONG_VERB"; readonly source: RuleSource; readonly rule: EffectiveRule }
  | { readonly code: "WRONG_API_GROUP"; readonly source: RuleSource; readonly rule: EffectiveRule }
  | { readonly code: "WRONG_RESOURCE"; readonly source: RuleSource; readonly rule: EffectiveRule }
  | { readonly code: "RESOURCE_NAME_NOT_LISTED"; readonly source: RuleSource; readonly rule: EffectiveRule }
  | { readonly code: "WRONG_URL"; readonly source: RuleSource; readonly rule: EffectiveRule }
  | { readonly code: "OTHER_NAMESPACE"; readonly source: RuleSource; readonly rule: EffectiveRule; readonly requestNamespace: string }
  | { readonly code: "ROLEBINDING_FOR_CLUSTER_REQUEST"; readonly source: RuleSource; readonly rule: EffectiveRule }
  | { readonly code: "ROLEBINDING_FOR_NON_RESOURCE_URL"; readonly source: RuleSource; readonly rule: EffectiveRule }
  | { readonly code: "BINDING_ROLE_UNUSABLE"; readonly source: RuleSource; readonly problem: PolicyProblem }
  | {
      readonly code: "SIMILAR_SUBJECT";
      readonly binding: BindingRef;
      readonly role: RoleRefResolved;
      readonly subject: Subject;
      readonly scope: string | null;
      readonly rule: EffectiveRule;
      readonly reason: SimilarSubjectReason;
    };

export type NearMissCode = NearMiss["code"];

const RANK: Record<NearMissCode, number> = {
  RESOURCE_NAME_NOT_LISTED: 0,
  WRONG_VERB: 1,
  WRONG_RESOURCE: 2,
  WRONG_API_GROUP: 3,
  WRONG_URL: 3,
  BINDING_ROLE_UNUSABLE: 4,
  OTHER_NAMESPACE: 5,
  ROLEBINDING_FOR_CLUSTER_REQUEST: 5,
  ROLEBINDING_FOR_NON_RESOURCE_URL: 5,
  SIMILAR_SUBJECT: 6,
};

export const DEFAULT_MISS_LIMIT = 10;

/** The request as it would be if asked in `namespace` (to test a RoleBinding of another namespace). */
function inNamespace(request: AccessRequest, namespace: string): AccessRequest {
  return request.kind === "resource" ? { ...request, namespace } : request;
}

export function findNearMisses(p: CompiledPolicy, identity: Identity, request: AccessRequest, limit = DEFAULT_MISS_LIMIT): NearMiss[] {
  const ns = requestNamespace(request);
  const misses: NearMiss[] = [];
  const outOfScope = new Set<string>();

  walkAllBindingsFor(p, identity, (entry, source) => {
    const inScope = entry.scope === null || (entry.scope === ns && ns !== "");
    if (!entry.rules) {
      if (inScope && entry.problem) misses.push({ code: "BINDING_ROLE_UNUSABLE", source, problem: entry.problem });
      return true;
    }
    for (const rule of entry.rules) {
      if (inScope) {
        const miss = oneDimensionMiss(request, source, rule);
        if (miss) misses.push(miss);
        continue;
      }
      const key = `${entry.ordinal}`;
      if (outOfScope.has(key)) continue;
      if (!ruleAllows(inNamespace(request, entry.scope ?? ""), rule.rule)) continue;
      outOfScope.add(key);
      if (request.kind === "nonResource") misses.push({ code: "ROLEBINDING_FOR_NON_RESOURCE_URL", source, rule });
      else if (ns === "") misses.push({ code: "ROLEBINDING_FOR_CLUSTER_REQUEST", source, rule });
      else misses.push({ code: "OTHER_NAMESPACE", source, rule, requestNamespace: ns });
    }
    return true;
  });

  misses.push(...similarSubjectMisses(p, identity, request));
  return misses
    .map((m, i) => ({ m, i }))
    .sort((a, b) => RANK[a.m.code] - RANK[b.m.code] || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.m);
}

function oneDimensionMiss(request: AccessRequest, source: RuleSource, rule: EffectiveRule): NearMiss | undefined {
  if (request.kind === "resource" && !isResourceRule(rule.rule)) return undefined;
  if (request.kind === "nonResource" && !isNonResourceRule(rule.rule)) return undefined;
  const failed = failedDimensions(request, rule.rule);
  if (failed.length !== 1) return undefined;
  switch (failed[0]) {
    case "verb":
      return { code: "WRONG_VERB", source, rule };
    case "apiGroup":
      return { code: "WRONG_API_GROUP", source, rule };
    case "resource":
      return { code: "WRONG_RESOURCE", source, rule };
    case "resourceName":
      return { code: "RESOURCE_NAME_NOT_LISTED", source, rule };
    case "nonResourceURL":
      return { code: "WRONG_URL", source, rule };
    default:
      return undefined;
  }
}

/**
 * The loose names (looseName) of everything a subject may be called to concern this identity: its
 * user, its ServiceAccount name, its groups. A binding none of whose subjects has one of these loose
 * names neither applies to the identity nor resembles it, so can-i's decision, proof and near misses
 * never depend on it (the store uses this to read only the bindings a question can touch).
 */
export function identityLooseNames(identity: Identity): Set<string> {
  const sa = parseServiceAccountUsername(identity.user);
  return new Set([identity.user, ...(sa ? [sa.name] : []), ...identity.groups].map(looseName));
}

/**
 * What a stored snapshot must hold for can-i (and rules, matrix) to answer for this identity exactly:
 * - `exact`: the subjects a binding must name to apply to it — its user, its groups, and the
 *   ServiceAccount subjects whose username is its user (the authorizer compares
 *   `system:serviceaccount:NS:NAME` as a string, so every split of the user is a candidate, even one
 *   that is not a valid ServiceAccount username);
 * - `lookalikeNames`: the loose names of bindings that only resemble it (near misses), which count
 *   only in the request's scope: ClusterRoleBindings, and RoleBindings of the request's namespace.
 */
export interface SubjectsConcerning {
  readonly users: readonly string[];
  readonly groups: readonly string[];
  readonly serviceAccounts: readonly { readonly namespace: string; readonly name: string }[];
  readonly lookalikeNames: readonly string[];
}

export function subjectsConcerning(identity: Identity): SubjectsConcerning {
  const serviceAccounts: { namespace: string; name: string }[] = [];
  if (identity.user.startsWith(SERVICE_ACCOUNT_USERNAME_PREFIX)) {
    const rest = identity.user.slice(SERVICE_ACCOUNT_USERNAME_PREFIX.length);
    for (let i = rest.indexOf(":"); i > 0; i = rest.indexOf(":", i + 1)) serviceAccounts.push({ namespace: rest.slice(0, i), name: rest.slice(i + 1) });
  }
  return { users: [identity.user], groups: [...identity.groups], serviceAccounts, lookalikeNames: [...identityLooseNames(identity)] };
}

/** Bindings in scope whose role allows the request, but whose subjects only resemble the identity. */
function similarSubjectMisses(p: CompiledPolicy, identity: Identity, request: AccessRequest): NearMiss[] {
  const ns = requestNamespace(request);
  const names = identityLooseNames(identity);
  const seen = new Set<string>();
  const out: NearMiss[] = [];
  for (const name of names) {
    for (const { kind, ordinal } of p.bindingsByLooseName.get(name) ?? []) {
      const id = `${kind}:${ordinal}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const entry = bindingEntry(p, kind, ordinal);
      const inScope = entry.scope === null || (entry.scope === ns && ns !== "");
      if (!inScope || !entry.rules || bindingAppliesTo(identity, entry)) continue;
      const rule = entry.rules.find((r) => ruleAllows(request, r.rule));
      if (!rule) continue;
      for (const subject of entry.subjects) {
        const reason = similarity(identity, subject, entry.scope ?? "");
        if (!reason) continue;
        out.push({ code: "SIMILAR_SUBJECT", binding: entry.ref, role: entry.role, subject, scope: entry.scope, rule, reason });
        break;
      }
    }
  }
  return out;
}

/** In-scope bindings whose role has a rule allowing the request (first such rule). */
export function bindingsAllowing(p: CompiledPolicy, request: AccessRequest): { entry: BindingEntry; rule: EffectiveRule }[] {
  const ns = requestNamespace(request);
  const out: { entry: BindingEntry; rule: EffectiveRule }[] = [];
  for (const { role, rules } of rulesAllowing(p.clusterRoleRuleIndex, request).values()) {
    const key = roleKey(role);
    const rule = rules[0] as EffectiveRule;
    for (const o of p.crbByRole.get(key) ?? []) out.push({ entry: p.crbs[o] as BindingEntry, rule });
    if (ns !== "") for (const o of p.rbByNsRole.get(nsKey(ns, key)) ?? []) out.push({ entry: p.rbs[o] as BindingEntry, rule });
  }
  if (ns !== "") {
    for (const { role, rules } of rulesAllowing(p.roleRuleIndexByNamespace.get(ns), request).values()) {
      const rule = rules[0] as EffectiveRule;
      for (const o of p.rbByNsRole.get(nsKey(ns, roleKey(role))) ?? []) out.push({ entry: p.rbs[o] as BindingEntry, rule });
    }
  }
  return out;
}

const loose = looseName;

function similarity(identity: Identity, subject: Subject, bindingNamespace: string): SimilarSubjectReason | undefined {
  const sa = parseServiceAccountUsername(identity.user);
  if (subject.kind === "ServiceAccount") {
    const subjectNs = subject.namespace ? subject.namespace : bindingNamespace;
    if (sa && subject.name === sa.name) return subjectNs === "" ? "missing-namespace" : subjectNs !== sa.namespace ? "other-namespace" : undefined;
    if (!sa && subject.name === identity.user) return "other-kind";
    if (sa && subjectNs !== "" && loose(subject.name) === loose(sa.name) && loose(subjectNs) === loose(sa.namespace)) return "spelling";
    return undefined;
  }
  if (subject.kind === "User") {
    if (sa && subject.name === sa.name) return "other-kind";
    if (subject.name !== identity.user && loose(subject.name) === loose(identity.user)) return "spelling";
    return undefined;
  }
  if (subject.kind === "Group") {
    if (identity.groups.some((g) => g !== subject.name && loose(g) === loose(subject.name))) return "spelling";
  }
  return undefined;
}
