/**
 * `compilePolicy`: done once per snapshot. Resolves aggregation, resolves every binding's role
 * (as the authorizer would at request time), records problems, and builds the indexes the
 * rule walk (`visit.ts`) and who-can use.
 */
import type { Binding, ClusterRole, RbacPolicy, Role, Subject } from "@/lib/rbac/objects";
import { aggregateClusterRoles, plainEffectiveRules, type EffectiveRule } from "@/lib/rbac/aggregation";
import { serviceAccountUsername } from "@/lib/rbac/identity";
import type { BindingRef, PolicyProblem, RoleRefResolved } from "@/lib/rbac/problems";
import { addRoleRules, newRuleIndex, type RuleIndex } from "@/lib/rbac/rule-index";

/** One binding, with its role resolved. */
export interface BindingEntry {
  readonly ordinal: number;
  readonly binding: Binding;
  readonly ref: BindingRef;
  readonly role: RoleRefResolved;
  /** undefined = the role is missing or cannot be used (see `problem`). */
  readonly rules: readonly EffectiveRule[] | undefined;
  readonly problem?: PolicyProblem;
  /** Namespace the rules apply in; null = cluster-wide. */
  readonly scope: string | null;
  readonly subjects: readonly Subject[];
}

type Postings = Map<string, number[]>;

export interface CompiledPolicy {
  readonly problems: readonly PolicyProblem[];
  /** @internal */ readonly roles: ReadonlyMap<string, Role>;
  /** @internal */ readonly clusterRoles: ReadonlyMap<string, ClusterRole>;
  /** @internal */ readonly roleRules: ReadonlyMap<string, readonly EffectiveRule[]>;
  /** @internal */ readonly clusterRoleRules: ReadonlyMap<string, readonly EffectiveRule[]>;
  /** @internal */ readonly crbs: readonly BindingEntry[];
  /** @internal */ readonly rbs: readonly BindingEntry[];
  /** @internal User subjects by name and ServiceAccount subjects by username → CRB ordinals. */
  readonly crbByUser: Postings;
  /** @internal */ readonly crbByGroup: Postings;
  /** @internal keys `${namespace}\0${user}` → RB ordinals. */
  readonly rbByNsUser: Postings;
  /** @internal */ readonly rbByNsGroup: Postings;
  /** @internal across namespaces. */
  readonly rbByUser: Postings;
  /** @internal */ readonly rbByGroup: Postings;
  /** @internal RB ordinals per namespace. */
  readonly rbByNamespace: ReadonlyMap<string, readonly number[]>;
  /** @internal roleKey → CRB ordinals / RB ordinals. */
  readonly crbByRole: ReadonlyMap<string, readonly number[]>;
  readonly rbByRole: ReadonlyMap<string, readonly number[]>;
  /** @internal `${namespace}\0${roleKey}` → RB ordinals. */
  readonly rbByNsRole: ReadonlyMap<string, readonly number[]>;
  /** @internal Roles per namespace (names). */
  readonly rolesByNamespace: ReadonlyMap<string, readonly Role[]>;
  /** @internal rules of ClusterRoles / of Roles per namespace / of all Roles, by (apiGroup, resource). */
  readonly clusterRoleRuleIndex: RuleIndex;
  readonly roleRuleIndexByNamespace: ReadonlyMap<string, RuleIndex>;
  readonly roleRuleIndex: RuleIndex;
  /** @internal every binding by its subjects' names, trimmed and lower-cased (near-miss search for look-alike subjects). */
  readonly bindingsByLooseName: ReadonlyMap<string, readonly { readonly kind: BindingRef["kind"]; readonly ordinal: number }[]>;
  /** @internal namespaces that have RoleBindings, sorted. */
  readonly bindingNamespaces: readonly string[];
}

export function roleKey(role: RoleRefResolved): string {
  return role.kind === "Role" ? `Role:${role.namespace ?? ""}/${role.name}` : `ClusterRole:${role.name}`;
}

export function nsKey(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

export function compilePolicy(policy: RbacPolicy): CompiledPolicy {
  const problems: PolicyProblem[] = [];

  const clusterRoles = new Map<string, ClusterRole>();
  for (const cr of policy.clusterRoles ?? []) {
    if (clusterRoles.has(cr.metadata.name)) problems.push({ code: "DUPLICATE_OBJECT", kind: "ClusterRole", name: cr.metadata.name });
    clusterRoles.set(cr.metadata.name, cr);
  }
  const roles = new Map<string, Role>();
  const roleRules = new Map<string, readonly EffectiveRule[]>();
  for (const r of policy.roles ?? []) {
    const key = nsKey(r.metadata.namespace, r.metadata.name);
    if (roles.has(key)) {
      problems.push({ code: "DUPLICATE_OBJECT", kind: "Role", name: r.metadata.name, namespace: r.metadata.namespace });
    }
    roles.set(key, r);
    roleRules.set(key, plainEffectiveRules(r.rules));
  }
  const rolesByNamespace = new Map<string, Role[]>();
  for (const r of roles.values()) push(rolesByNamespace, r.metadata.namespace, r);

  const clusterRoleRules = aggregateClusterRoles(clusterRoles, problems);

  const crbs = buildEntries(dedupeBindings(policy.clusterRoleBindings ?? [], problems), problems, roleRules, clusterRoleRules);
  const rbs = buildEntries(dedupeBindings(policy.roleBindings ?? [], problems), problems, roleRules, clusterRoleRules);

  const crbByUser: Postings = new Map();
  const crbByGroup: Postings = new Map();
  const crbByRole = new Map<string, number[]>();
  for (const e of crbs) {
    push(crbByRole, roleKey(e.role), e.ordinal);
    e.subjects.forEach((s) => {
      const user = subjectUserKey(s, "");
      if (user !== undefined) post(crbByUser, user, e.ordinal);
      else if (s.kind === "Group") post(crbByGroup, s.name, e.ordinal);
      else if (s.kind === "ServiceAccount") problems.push({ code: "SERVICE_ACCOUNT_WITHOUT_NAMESPACE", binding: e.ref, subject: s });
      else problems.push({ code: "UNSUPPORTED_SUBJECT_KIND", binding: e.ref, subject: s });
    });
  }

  const rbByNsUser: Postings = new Map();
  const rbByNsGroup: Postings = new Map();
  const rbByUser: Postings = new Map();
  const rbByGroup: Postings = new Map();
  const rbByNamespace = new Map<string, number[]>();
  const rbByRole = new Map<string, number[]>();
  const rbByNsRole = new Map<string, number[]>();
  for (const e of rbs) {
    const ns = e.scope ?? "";
    push(rbByNamespace, ns, e.ordinal);
    push(rbByRole, roleKey(e.role), e.ordinal);
    push(rbByNsRole, nsKey(ns, roleKey(e.role)), e.ordinal);
    e.subjects.forEach((s) => {
      const user = subjectUserKey(s, ns);
      if (user !== undefined) {
        post(rbByNsUser, nsKey(ns, user), e.ordinal);
        post(rbByUser, user, e.ordinal);
      } else if (s.kind === "Group") {
        post(rbByNsGroup, nsKey(ns, s.name), e.ordinal);
        post(rbByGroup, s.name, e.ordinal);
      } else if (s.kind !== "ServiceAccount") {
        problems.push({ code: "UNSUPPORTED_SUBJECT_KIND", binding: e.ref, subject: s });
      }
    });
  }

  const bindingsByLooseName = new Map<string, { kind: BindingRef["kind"]; ordinal: number }[]>();
  for (const [kind, entries] of [["ClusterRoleBinding", crbs], ["RoleBinding", rbs]] as const) {
    for (const e of entries) {
      for (const s of e.subjects) {
        const key = looseName(s.name ?? "");
        const list = bindingsByLooseName.get(key);
        const last = list?.[list.length - 1];
        if (last && last.kind === kind && last.ordinal === e.ordinal) continue;
        if (list) list.push({ kind, ordinal: e.ordinal });
        else bindingsByLooseName.set(key, [{ kind, ordinal: e.ordinal }]);
      }
    }
  }

  const seq = { n: 0 };
  const clusterRoleRuleIndex = newRuleIndex();
  for (const [name, rules] of clusterRoleRules) addRoleRules(clusterRoleRuleIndex, { kind: "ClusterRole", name }, rules, seq);
  const roleRuleIndex = newRuleIndex();
  const roleRuleIndexByNamespace = new Map<string, RuleIndex>();
  for (const r of roles.values()) {
    const ns = r.metadata.namespace;
    const ref: RoleRefResolved = { kind: "Role", name: r.metadata.name, namespace: ns };
    const rules = roleRules.get(nsKey(ns, r.metadata.name)) ?? [];
    let idx = roleRuleIndexByNamespace.get(ns);
    if (!idx) roleRuleIndexByNamespace.set(ns, (idx = newRuleIndex()));
    const before = seq.n;
    addRoleRules(idx, ref, rules, seq);
    seq.n = before;
    addRoleRules(roleRuleIndex, ref, rules, seq);
  }

  return {
    problems,
    bindingsByLooseName,
    roles,
    clusterRoleRuleIndex,
    roleRuleIndex,
    roleRuleIndexByNamespace,
    clusterRoles,
    roleRules,
    clusterRoleRules,
    crbs,
    rbs,
    crbByUser,
    crbByGroup,
    rbByNsUser,
    rbByNsGroup,
    rbByUser,
    rbByGroup,
    rbByNamespace,
    crbByRole,
    rbByRole,
    rbByNsRole,
    rolesByNamespace,
    bindingNamespaces: [...rbByNamespace.keys()].sort(),
  };
}

/**
 * The username a User or ServiceAccount subject matches (Kubernetes' appliesToUser): a User by
 * its exact name, a ServiceAccount by `system:serviceaccount:NS:NAME` where NS defaults to the
 * RoleBinding's namespace; a ServiceAccount without any namespace matches nobody (undefined).
 * `apiGroup` is ignored, as Kubernetes ignores it.
 */
export function subjectUserKey(subject: Subject, bindingNamespace: string): string | undefined {
  if (subject.kind === "User") return subject.name;
  if (subject.kind !== "ServiceAccount") return undefined;
  const ns = subject.namespace ? subject.namespace : bindingNamespace;
  if (ns === "") return undefined;
  return serviceAccountUsername(ns, subject.name);
}

/** Subject names compared loosely (case, surrounding spaces) to find look-alike subjects. */
export function looseName(name: string): string {
  return name.trim().toLowerCase();
}

/** The effective rules of a role, or undefined when it does not exist. */
export function effectiveRulesOf(p: CompiledPolicy, role: RoleRefResolved): readonly EffectiveRule[] | undefined {
  if (role.kind === "ClusterRole") return p.clusterRoleRules.get(role.name);
  if (role.namespace === undefined) return undefined;
  return p.roleRules.get(nsKey(role.namespace, role.name));
}

export function bindingEntry(p: CompiledPolicy, kind: BindingRef["kind"], ordinal: number): BindingEntry {
  return (kind === "ClusterRoleBinding" ? p.crbs[ordinal] : p.rbs[ordinal]) as BindingEntry;
}

function dedupeBindings<B extends Binding>(bindings: readonly B[], problems: PolicyProblem[]): B[] {
  const byKey = new Map<string, B>();
  for (const b of bindings) {
    const key = nsKey(b.metadata.namespace ?? "", b.metadata.name);
    if (byKey.has(key)) {
      problems.push({ code: "DUPLICATE_OBJECT", kind: b.kind, name: b.metadata.name, ...(b.metadata.namespace ? { namespace: b.metadata.namespace } : {}) });
      byKey.delete(key);
    }
    byKey.set(key, b);
  }
  return [...byKey.values()];
}

function buildEntries(
  bindings: readonly Binding[],
  problems: PolicyProblem[],
  roleRules: ReadonlyMap<string, readonly EffectiveRule[]>,
  clusterRoleRules: ReadonlyMap<string, readonly EffectiveRule[]>,
): BindingEntry[] {
  return bindings.map((binding, ordinal) => {
    const isRB = binding.kind === "RoleBinding";
    const ns = isRB ? binding.metadata.namespace : "";
    const ref: BindingRef = isRB
      ? { kind: "RoleBinding", name: binding.metadata.name, namespace: ns }
      : { kind: "ClusterRoleBinding", name: binding.metadata.name };
    const refKind = binding.roleRef?.kind as string;
    const refName = binding.roleRef?.name ?? "";
    let role: RoleRefResolved;
    let rules: readonly EffectiveRule[] | undefined;
    let problem: PolicyProblem | undefined;
    if (refKind === "ClusterRole") {
      role = { kind: "ClusterRole", name: refName };
      rules = clusterRoleRules.get(refName);
      if (!rules) problem = { code: "MISSING_ROLE", binding: ref, roleRef: role };
    } else if (refKind === "Role" && isRB) {
      role = { kind: "Role", name: refName, namespace: ns };
      rules = roleRules.get(nsKey(ns, refName));
      if (!rules) problem = { code: "MISSING_ROLE", binding: ref, roleRef: role };
    } else if (refKind === "Role") {
      role = { kind: "Role", name: refName };
      problem = { code: "CLUSTER_BINDING_TO_ROLE", binding: ref, roleRef: role };
    } else {
      role = { kind: "ClusterRole", name: refName };
      problem = { code: "UNSUPPORTED_ROLE_REF_KIND", binding: ref, roleRefKind: String(refKind), name: refName };
    }
    if (problem) problems.push(problem);
    return {
      ordinal,
      binding,
      ref,
      role,
      rules,
      scope: isRB ? ns : null,
      subjects: binding.subjects ?? [],
      ...(problem ? { problem } : {}),
    };
  });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function post(map: Postings, key: string, ordinal: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [ordinal]);
  else if (list[list.length - 1] !== ordinal) list.push(ordinal);
}
