/**
 * Text at the edge: grants and near misses rendered as sentences.
 */
import type { EffectiveRule } from "@/lib/rbac/aggregation";
import type { Grant } from "@/lib/rbac/grant";
import type { NearMiss } from "@/lib/rbac/near-miss";
import type { PolicyRule, Subject } from "@/lib/rbac/objects";
import { describeBindingRef, describeProblem, describeRoleRef } from "@/lib/rbac/problems";
import type { RuleSource } from "@/lib/rbac/visit";

export function describeSubject(subject: Subject, scope: string | null): string {
  if (subject.kind === "ServiceAccount") {
    const ns = subject.namespace ? subject.namespace : (scope ?? "");
    return ns === "" ? `ServiceAccount ${subject.name} (no namespace)` : `ServiceAccount ${ns}/${subject.name}`;
  }
  return `${subject.kind} ${subject.name}`;
}

/** Rules are numbered from 1 in text, as on the pages (`ruleIndex` stays the 0-based array index). */
function describeRuleRef(rule: EffectiveRule): string {
  const from = rule.aggregatedFrom;
  return from ? `rule ${rule.ruleIndex + 1}, aggregated from ClusterRole ${from.clusterRole} rule ${from.ruleIndex + 1}` : `rule ${rule.ruleIndex + 1}`;
}

function describeSource(source: RuleSource): string {
  const via = source.matchedVia.kind === "group" ? ` via group ${source.matchedVia.group}` : "";
  return `${describeBindingRef(source.binding)} of ${describeRoleRef(source.role)} to ${describeSubject(source.subject, source.scope)}${via}`;
}

/** "allowed by RoleBinding dev/x of ClusterRole edit (rule 4) to ServiceAccount dev/ci via group system:serviceaccounts" */
export function describeGrant(g: Grant): string {
  const via = g.matchedVia.kind === "group" ? ` via group ${g.matchedVia.group}` : "";
  return `allowed by ${describeBindingRef(g.binding)} of ${describeRoleRef(g.role)} (${describeRuleRef(g.rule)}) to ${describeSubject(g.subject, g.scope)}${via}`;
}

function list(values: readonly string[] | undefined): string {
  const v = values ?? [];
  if (v.length === 0) return "nothing";
  return v.map((x) => (x === "" ? '"" (core)' : x)).join(", ");
}

function what(rule: PolicyRule): string {
  const groups = (rule.apiGroups ?? []).map((g) => (g === "" ? "core" : g));
  return `${list(rule.verbs)} on ${list(rule.resources)} in apiGroup ${groups.length ? groups.join(", ") : "none"}`;
}

function holder(source: RuleSource, rule: EffectiveRule): string {
  return `${describeRoleRef(source.role)} (${describeRuleRef(rule)}, bound by ${describeBindingRef(source.binding)})`;
}

export function describeMiss(m: NearMiss): string {
  switch (m.code) {
    case "WRONG_VERB":
      return `${holder(m.source, m.rule)} grants ${list(m.rule.rule.verbs)} but not this verb on ${list(m.rule.rule.resources ?? m.rule.rule.nonResourceURLs)}`;
    case "WRONG_API_GROUP":
      return `${holder(m.source, m.rule)} grants ${what(m.rule.rule)}, not in the requested apiGroup`;
    case "WRONG_RESOURCE":
      return `${holder(m.source, m.rule)} grants ${list(m.rule.rule.verbs)} on ${list(m.rule.rule.resources)} but not on the requested resource`;
    case "RESOURCE_NAME_NOT_LISTED":
      return `${holder(m.source, m.rule)} grants ${what(m.rule.rule)} but only resourceNames [${(m.rule.rule.resourceNames ?? []).join(", ")}]`;
    case "WRONG_URL":
      return `${holder(m.source, m.rule)} grants ${list(m.rule.rule.verbs)} on non-resource URLs ${list(m.rule.rule.nonResourceURLs)} only`;
    case "OTHER_NAMESPACE":
      return `${describeRoleRef(m.source.role)} would allow it but is bound by ${describeBindingRef(m.source.binding)}, so it does not apply in namespace ${m.requestNamespace}`;
    case "ROLEBINDING_FOR_CLUSTER_REQUEST":
      return `${describeRoleRef(m.source.role)} would allow it but is bound only by ${describeBindingRef(m.source.binding)}; a RoleBinding never grants a cluster-scoped request`;
    case "ROLEBINDING_FOR_NON_RESOURCE_URL":
      return `${describeRoleRef(m.source.role)} lists the URL but is bound by ${describeBindingRef(m.source.binding)}; non-resource URLs are granted only through ClusterRoleBindings`;
    case "BINDING_ROLE_UNUSABLE":
      return `${describeSource(m.source)}: ${describeProblem(m.problem)}`;
    case "SIMILAR_SUBJECT": {
      const why: Record<typeof m.reason, string> = {
        "other-namespace": "a ServiceAccount of the same name in another namespace",
        "missing-namespace": "a ServiceAccount without namespace, which matches nobody in a ClusterRoleBinding",
        "other-kind": "the same name as a different subject kind",
        spelling: "a name that differs only in case or spaces",
      };
      return `${describeRoleRef(m.role)} would allow it, but ${describeBindingRef(m.binding)} names ${describeSubject(m.subject, m.scope)}: ${why[m.reason]}`;
    }
  }
}
