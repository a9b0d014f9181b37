/**
 * RBAC Atlas authorization engine: kube-apiserver RBAC authorizer semantics, with explanations.
 * Pure: no I/O, imports nothing outside lib/rbac.
 */
export {
  ANONYMOUS_USER,
  AUTHENTICATED_GROUP,
  SERVICE_ACCOUNTS_GROUP,
  UNAUTHENTICATED_GROUP,
  identityFor,
  isEmptyIdentity,
  parseServiceAccountUsername,
  serviceAccountNamespaceGroup,
  serviceAccountUsername,
} from "@/lib/rbac/identity";
export { combinedResource, describeRequest, nonResourceRequest, requestNamespace, resourceRequest } from "@/lib/rbac/request";
export {
  apiGroupMatches,
  failedDimensions,
  nonResourceURLMatches,
  resourceMatches,
  resourceNameMatches,
  ruleAllows,
  verbMatches,
} from "@/lib/rbac/rule-match";
export { labelSelectorMatches, validateLabelSelector } from "@/lib/rbac/label-selector";
export { aggregateClusterRoles, ruleKey } from "@/lib/rbac/aggregation";
export { compilePolicy, effectiveRulesOf } from "@/lib/rbac/policy";
export { describeBindingRef, describeProblem, describeRoleRef } from "@/lib/rbac/problems";
export { bindingAppliesTo, subjectMatches, visitAllRulesFor, visitRulesFor, walkAllBindingsFor, walkBindingsFor } from "@/lib/rbac/visit";
export { allows, canI } from "@/lib/rbac/can-i";
export { findNearMisses, DEFAULT_MISS_LIMIT, identityLooseNames, subjectsConcerning } from "@/lib/rbac/near-miss";
export { whoCan, serviceAccountGroupsIn } from "@/lib/rbac/who-can";
export { listRules } from "@/lib/rbac/list-rules";
export { accessMatrix, DEFAULT_MATRIX_RESOURCES, DEFAULT_MATRIX_VERBS } from "@/lib/rbac/matrix";
export { BUILTIN_RESOURCE_TYPES, resolveResourceType } from "@/lib/rbac/resource-types";
export { describeGrant, describeMiss, describeSubject } from "@/lib/rbac/describe";

export type { Identity } from "@/lib/rbac/identity";
export type { AccessRequest, NonResourceRequest, ResourceRequest } from "@/lib/rbac/request";
export type { RuleDimension } from "@/lib/rbac/rule-match";
export type { SelectorCheck } from "@/lib/rbac/label-selector";
export type { AggregationSource, EffectiveRule } from "@/lib/rbac/aggregation";
export type { BindingEntry, CompiledPolicy } from "@/lib/rbac/policy";
export type { BindingRef, PolicyProblem, PolicyProblemCode, RoleRefResolved } from "@/lib/rbac/problems";
export type { BindingVisitor, RuleSource, RuleVisitor, SubjectMatch } from "@/lib/rbac/visit";
export type { Grant } from "@/lib/rbac/grant";
export type { Decision } from "@/lib/rbac/can-i";
export type { NearMiss, NearMissCode, SimilarSubjectReason, SubjectsConcerning } from "@/lib/rbac/near-miss";
export type { WhoCanOptions, WhoCanResult, WhoCanSubject } from "@/lib/rbac/who-can";
export type { RuleListEntry } from "@/lib/rbac/list-rules";
export type { AccessMatrix, AccessMatrixRow, MatrixResource } from "@/lib/rbac/matrix";
export type { ResolvedType, ResolveError, ResourceType } from "@/lib/rbac/resource-types";
export type {
  AnyRole,
  Binding,
  ClusterRole,
  ClusterRoleBinding,
  PolicyRule,
  RbacPolicy,
  Role,
  RoleBinding,
  Subject,
} from "@/lib/rbac/objects";
