/**
 * The one rule walk, like Kubernetes' `DefaultRuleResolver.VisitRulesFor`
 * (pkg/registry/rbac/validation/rule.go): every ClusterRoleBinding that applies to the identity,
 * then — for a namespaced request — every RoleBinding of that namespace that applies; for each,
 * the first subject that matches and every rule of its role. A binding whose role is missing is
 * skipped (reported through `onProblem`), never fatal.
 */
import type { EffectiveRule } from "@/lib/rbac/aggregation";
import type { Identity } from "@/lib/rbac/identity";
import type { Subject } from "@/lib/rbac/objects";
import { nsKey, subjectUserKey, type BindingEntry, type CompiledPolicy } from "@/lib/rbac/policy";
import type { BindingRef, PolicyProblem, RoleRefResolved } from "@/lib/rbac/problems";

export type SubjectMatch = { readonly kind: "direct" } | { readonly kind: "group"; readonly group: string };

export interface RuleSource {
  readonly binding: BindingRef;
  readonly role: RoleRefResolved;
  /** The binding's first subject that matched the identity. */
  readonly subject: Subject;
  readonly matchedVia: SubjectMatch;
  /** Namespace the rules apply in; null = cluster-wide (ClusterRoleBinding). */
  readonly scope: string | null;
}

export type RuleVisitor = (source: RuleSource, rule: EffectiveRule) => boolean;

/** Kubernetes' appliesToUser for one subject; `bindingNamespace` is "" for ClusterRoleBindings. */
export function subjectMatches(identity: Identity, subject: Subject, bindingNamespace: string): SubjectMatch | undefined {
  if (subject.kind === "Group") {
    return identity.groups.includes(subject.name) ? { kind: "group", group: subject.name } : undefined;
  }
  const user = subjectUserKey(subject, bindingNamespace);
  return user !== undefined && user === identity.user ? DIRECT : undefined;
}

const DIRECT: SubjectMatch = { kind: "direct" };

/** First matching subject of a binding, like Kubernetes' appliesTo. */
export function bindingAppliesTo(identity: Identity, entry: BindingEntry): RuleSource | undefined {
  const ns = entry.scope ?? "";
  for (const subject of entry.subjects) {
    const via = subjectMatches(identity, subject, ns);
    if (via) return { binding: entry.ref, role: entry.role, subject, matchedVia: via, scope: entry.scope };
  }
  return undefined;
}

function candidates(userList: readonly number[] | undefined, groupLists: (readonly number[] | undefined)[]): number[] {
  const lists = [userList, ...groupLists].filter((l): l is readonly number[] => l !== undefined && l.length > 0);
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0] as number[];
  const all: number[] = [];
  for (const l of lists) for (const o of l) all.push(o);
  all.sort((a, b) => a - b);
  const out: number[] = [];
  for (const o of all) if (out[out.length - 1] !== o) out.push(o);
  return out;
}

export type BindingVisitor = (entry: BindingEntry, source: RuleSource) => boolean;

/** The bindings applying to `identity` for a request in `namespace`, in walk order. Returns false when stopped. */
export function walkBindingsFor(p: CompiledPolicy, identity: Identity, namespace: string, visitor: BindingVisitor): boolean {
  const crbOrdinals = candidates(
    p.crbByUser.get(identity.user),
    identity.groups.map((g) => p.crbByGroup.get(g)),
  );
  for (const o of crbOrdinals) {
    const entry = p.crbs[o] as BindingEntry;
    const source = bindingAppliesTo(identity, entry);
    if (source && !visitor(entry, source)) return false;
  }
  if (namespace === "") return true;
  const rbOrdinals = candidates(
    p.rbByNsUser.get(nsKey(namespace, identity.user)),
    identity.groups.map((g) => p.rbByNsGroup.get(nsKey(namespace, g))),
  );
  for (const o of rbOrdinals) {
    const entry = p.rbs[o] as BindingEntry;
    const source = bindingAppliesTo(identity, entry);
    if (source && !visitor(entry, source)) return false;
  }
  return true;
}

/** Every binding applying to `identity` anywhere: all ClusterRoleBindings, then RoleBindings of every namespace. */
export function walkAllBindingsFor(p: CompiledPolicy, identity: Identity, visitor: BindingVisitor): boolean {
  if (!walkBindingsFor(p, identity, "", visitor)) return false;
  const rbOrdinals = candidates(
    p.rbByUser.get(identity.user),
    identity.groups.map((g) => p.rbByGroup.get(g)),
  );
  for (const o of rbOrdinals) {
    const entry = p.rbs[o] as BindingEntry;
    const source = bindingAppliesTo(identity, entry);
    if (source && !visitor(entry, source)) return false;
  }
  return true;
}

function visitRules(entry: BindingEntry, source: RuleSource, visitor: RuleVisitor, onProblem?: (p: PolicyProblem) => void): boolean {
  if (!entry.rules) {
    if (entry.problem && onProblem) onProblem(entry.problem);
    return true;
  }
  for (const rule of entry.rules) if (!visitor(source, rule)) return false;
  return true;
}

/** Visit every rule applying to `identity` for a request in `namespace` ("" = cluster-scoped). `visitor` returns false to stop. */
export function visitRulesFor(
  p: CompiledPolicy,
  identity: Identity,
  namespace: string,
  visitor: RuleVisitor,
  onProblem?: (problem: PolicyProblem) => void,
): void {
  walkBindingsFor(p, identity, namespace, (entry, source) => visitRules(entry, source, visitor, onProblem));
}

/** Visit every rule the identity holds anywhere (ClusterRoleBindings and RoleBindings of every namespace), each with its scope. */
export function visitAllRulesFor(
  p: CompiledPolicy,
  identity: Identity,
  visitor: RuleVisitor,
  onProblem?: (problem: PolicyProblem) => void,
): void {
  walkAllBindingsFor(p, identity, (entry, source) => visitRules(entry, source, visitor, onProblem));
}
