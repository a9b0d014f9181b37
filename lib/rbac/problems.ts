/**
 * Problems found while compiling a policy: each is additive (the walk goes on, rules only add
 * permissions), tagged by `code`, and carries the objects involved.
 */
import type { Subject } from "@/lib/rbac/objects";

export interface BindingRef {
  readonly kind: "RoleBinding" | "ClusterRoleBinding";
  readonly name: string;
  /** Set for RoleBindings. */
  readonly namespace?: string;
}

export interface RoleRefResolved {
  readonly kind: "Role" | "ClusterRole";
  readonly name: string;
  /** Set for Roles: the namespace the Role is looked up in. */
  readonly namespace?: string;
}

export type PolicyProblem =
  | { readonly code: "MISSING_ROLE"; readonly binding: BindingRef; readonly roleRef: RoleRefResolved }
  | { readonly code: "CLUSTER_BINDING_TO_ROLE"; readonly binding: BindingRef; readonly roleRef: RoleRefResolved }
  | { readonly code: "UNSUPPORTED_ROLE_REF_KIND"; readonly binding: BindingRef; readonly roleRefKind: string; readonly name: string }
  | { readonly code: "SERVICE_ACCOUNT_WITHOUT_NAMESPACE"; readonly binding: BindingRef; readonly subject: Subject }
  | { readonly code: "UNSUPPORTED_SUBJECT_KIND"; readonly binding: BindingRef; readonly subject: Subject }
  | { readonly code: "INVALID_AGGREGATION_SELECTOR"; readonly clusterRole: string; readonly selectorIndex: number; readonly reason: string }
  | { readonly code: "AGGREGATION_NOT_CONVERGED"; readonly clusterRoles: readonly string[] }
  | { readonly code: "STALE_AGGREGATED_RULES"; readonly clusterRole: string; readonly dumpedRules: number; readonly effectiveRules: number }
  | {
      readonly code: "DUPLICATE_OBJECT";
      readonly kind: "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding";
      readonly name: string;
      readonly namespace?: string;
    };

export type PolicyProblemCode = PolicyProblem["code"];

export function describeBindingRef(b: BindingRef): string {
  return b.kind === "RoleBinding" ? `RoleBinding ${b.namespace ?? ""}/${b.name}` : `ClusterRoleBinding ${b.name}`;
}

export function describeRoleRef(r: RoleRefResolved): string {
  return r.kind === "Role" ? `Role ${r.namespace ?? ""}/${r.name}` : `ClusterRole ${r.name}`;
}

export function describeProblem(p: PolicyProblem): string {
  switch (p.code) {
    case "MISSING_ROLE":
      return `${describeBindingRef(p.binding)} refers to ${describeRoleRef(p.roleRef)}, which does not exist: it grants nothing`;
    case "CLUSTER_BINDING_TO_ROLE":
      return `${describeBindingRef(p.binding)} refers to Role ${p.roleRef.name}; a ClusterRoleBinding can only use a ClusterRole, so it grants nothing`;
    case "UNSUPPORTED_ROLE_REF_KIND":
      return `${describeBindingRef(p.binding)} refers to unsupported roleRef kind "${p.roleRefKind}" (${p.name}): it grants nothing`;
    case "SERVICE_ACCOUNT_WITHOUT_NAMESPACE":
      return `${describeBindingRef(p.binding)} names ServiceAccount ${p.subject.name} without a namespace: that subject matches nobody`;
    case "UNSUPPORTED_SUBJECT_KIND":
      return `${describeBindingRef(p.binding)} has a subject of unsupported kind "${p.subject.kind}" (${p.subject.name}): it matches nobody`;
    case "INVALID_AGGREGATION_SELECTOR":
      return `ClusterRole ${p.clusterRole} aggregation selector ${p.selectorIndex} is invalid (${p.reason}) and selects nothing`;
    case "AGGREGATION_NOT_CONVERGED":
      return `ClusterRole aggregation did not settle for ${p.clusterRoles.join(", ")}`;
    case "STALE_AGGREGATED_RULES":
      return `ClusterRole ${p.clusterRole} was dumped with ${p.dumpedRules} rules that differ from its aggregation (${p.effectiveRules} rules); the aggregated rules are used`;
    case "DUPLICATE_OBJECT":
      return `${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name} appears more than once; the last one is used`;
  }
}
