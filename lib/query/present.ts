/**
 * The JSON contract of can-i / who-can / rules answers, shared by the CLI (`-o json`) and the HTTP
 * API so both print the same thing. Plain data plus the rendered sentence.
 */
import {
  describeGrant,
  describeMiss,
  describeProblem,
  describeRequest,
  type AccessRequest,
  type Decision,
  type Grant,
  type Identity,
  type NearMiss,
  type PolicyProblem,
  type RuleListEntry,
  type WhoCanResult,
} from "@/lib/rbac";

export interface GrantJson {
  readonly binding: Grant["binding"];
  readonly role: Grant["role"];
  /** 0-based index in the role's effective rules. */
  readonly ruleIndex: number;
  /** The same rule numbered from 1, as the text and the pages number it. */
  readonly ruleNumber: number;
  readonly rule: Grant["rule"]["rule"];
  readonly aggregatedFrom?: { readonly clusterRole: string; readonly ruleIndex: number };
  readonly subject: Grant["subject"];
  readonly matchedVia: Grant["matchedVia"];
  /** Namespace the grant applies in; null = cluster-wide (ClusterRoleBinding). */
  readonly scope: string | null;
  readonly description: string;
}

export function grantJson(g: Grant): GrantJson {
  return {
    binding: g.binding,
    role: g.role,
    ruleIndex: g.rule.ruleIndex,
    ruleNumber: g.rule.ruleIndex + 1,
    rule: g.rule.rule,
    ...(g.rule.aggregatedFrom ? { aggregatedFrom: g.rule.aggregatedFrom } : {}),
    subject: g.subject,
    matchedVia: g.matchedVia,
    scope: g.scope,
    description: describeGrant(g),
  };
}

export interface MissJson {
  readonly code: NearMiss["code"];
  readonly binding?: unknown;
  readonly role?: unknown;
  readonly ruleIndex?: number;
  /** ruleIndex + 1, as the text numbers it. */
  readonly ruleNumber?: number;
  readonly description: string;
}

export function missJson(m: NearMiss): MissJson {
  const source = "source" in m ? m.source : undefined;
  const rule = "rule" in m ? m.rule : undefined;
  return {
    code: m.code,
    binding: source?.binding ?? ("binding" in m ? m.binding : undefined),
    role: source?.role ?? ("role" in m ? m.role : undefined),
    ...(rule ? { ruleIndex: rule.ruleIndex, ruleNumber: rule.ruleIndex + 1 } : {}),
    description: describeMiss(m),
  };
}

export function problemJson(p: PolicyProblem): PolicyProblem & { readonly description: string } {
  return { ...p, description: describeProblem(p) };
}

export interface Incomplete {
  readonly kind: string;
  readonly reason: string;
}

export function requestJson(request: AccessRequest) {
  return { ...request, description: describeRequest(request) };
}

export function decisionJson(d: Decision, incomplete: readonly Incomplete[] = []) {
  return {
    allowed: d.allowed,
    request: requestJson(d.request),
    identity: d.identity,
    scope: d.request.kind === "resource" && d.request.namespace !== "" ? "namespace" : "cluster",
    grants: d.grants.map(grantJson),
    misses: d.misses.map(missJson),
    problems: d.problems.map(problemJson),
    ...(incomplete.length > 0 ? { incomplete } : {}),
  };
}

export function whoCanJson(r: WhoCanResult, incomplete: readonly Incomplete[] = []) {
  return {
    request: requestJson(r.request),
    allNamespaces: r.allNamespaces,
    subjects: r.subjects.map((s) => ({
      kind: s.kind,
      name: s.name,
      ...(s.namespace !== undefined ? { namespace: s.namespace } : {}),
      grants: s.grants.map(grantJson),
    })),
    problems: r.problems.map(problemJson),
    ...(incomplete.length > 0 ? { incomplete } : {}),
  };
}

export function rulesJson(identity: Identity, namespace: string, entries: readonly RuleListEntry[], incomplete: readonly Incomplete[] = []) {
  return {
    identity,
    namespace,
    rules: entries.map((e) => ({ ...e, grants: e.grants.map(grantJson) })),
    ...(incomplete.length > 0 ? { incomplete } : {}),
  };
}
