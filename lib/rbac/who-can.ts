/**
 * who-can: every subject named by a binding that applies to the request's scope and whose role
 * allows the request. ServiceAccount groups (`system:serviceaccounts`,
 * `system:serviceaccounts:NS`) are also expanded to the ServiceAccounts passed in.
 */
import type { EffectiveRule } from "@/lib/rbac/aggregation";
import { grantOf, type Grant } from "@/lib/rbac/grant";
import { SERVICE_ACCOUNTS_GROUP, serviceAccountNamespaceGroup } from "@/lib/rbac/identity";
import type { SubjectKind } from "@/lib/rbac/objects";
import { nsKey, roleKey, subjectUserKey, type BindingEntry, type CompiledPolicy } from "@/lib/rbac/policy";
import type { PolicyProblem } from "@/lib/rbac/problems";
import { requestNamespace, type AccessRequest } from "@/lib/rbac/request";
import { rulesAllowing } from "@/lib/rbac/rule-index";
import type { RuleSource, SubjectMatch } from "@/lib/rbac/visit";

export interface WhoCanSubject {
  readonly kind: SubjectKind;
  readonly name: string;
  /** ServiceAccounts only. */
  readonly namespace?: string;
  readonly grants: readonly Grant[];
}

export interface WhoCanResult {
  readonly request: AccessRequest;
  readonly allNamespaces: boolean;
  readonly subjects: readonly WhoCanSubject[];
  /** Problems of bindings considered (bindings whose role is missing cannot grant). */
  readonly problems: readonly PolicyProblem[];
}

export interface WhoCanOptions {
  readonly allNamespaces?: boolean;
  readonly serviceAccounts?: readonly { namespace: string; name: string }[];
}

const KIND_ORDER: Record<SubjectKind, number> = { User: 0, Group: 1, ServiceAccount: 2 };

export function whoCan(p: CompiledPolicy, request: AccessRequest, options: WhoCanOptions = {}): WhoCanResult {
  const allNamespaces = options.allNamespaces === true && request.kind === "resource";
  const ns = requestNamespace(request);
  const scopedBindings: { entry: BindingEntry; rules: EffectiveRule[] }[] = [];

  for (const { role, rules } of rulesAllowing(p.clusterRoleRuleIndex, request).values()) {
    const key = roleKey(role);
    const crbs = p.crbByRole.get(key);
    const rbs = allNamespaces ? p.rbByRole.get(key) : ns !== "" ? p.rbByNsRole.get(nsKey(ns, key)) : undefined;
    // ruleAllows never looks at the namespace: one check per role serves every binding of it
    for (const o of crbs ?? []) scopedBindings.push({ entry: p.crbs[o] as BindingEntry, rules });
    for (const o of rbs ?? []) scopedBindings.push({ entry: p.rbs[o] as BindingEntry, rules });
  }
  if (request.kind === "resource" && (allNamespaces || ns !== "")) {
    const index = allNamespaces ? p.roleRuleIndex : p.roleRuleIndexByNamespace.get(ns);
    for (const { role, rules } of rulesAllowing(index, request).values()) {
      const key = roleKey(role);
      for (const o of p.rbByNsRole.get(nsKey(role.namespace ?? "", key)) ?? []) scopedBindings.push({ entry: p.rbs[o] as BindingEntry, rules });
    }
  }
  scopedBindings.sort(
    (a, b) => (a.entry.scope === null ? 0 : 1) - (b.entry.scope === null ? 0 : 1) || a.entry.ordinal - b.entry.ordinal,
  );

  const subjects = new Map<string, { kind: SubjectKind; name: string; namespace?: string; grants: Grant[] }>();
  const add = (kind: SubjectKind, name: string, namespace: string | undefined, grants: Grant[]) => {
    const key = `${kind}\u0000${namespace ?? ""}\u0000${name}`;
    const s = subjects.get(key);
    if (s) s.grants.push(...grants);
    else subjects.set(key, { kind, name, ...(namespace !== undefined ? { namespace } : {}), grants: [...grants] });
  };
  const saByNamespace = groupByNamespace(options.serviceAccounts ?? []);

  for (const { entry, rules } of scopedBindings) {
    const bindingNs = entry.scope ?? "";
    for (const subject of entry.subjects) {
      const direct: SubjectMatch = { kind: "direct" };
      const source: RuleSource = { binding: entry.ref, role: entry.role, subject, matchedVia: direct, scope: entry.scope };
      const grants = rules.map((r) => grantOf(source, r));
      if (subject.kind === "User") add("User", subject.name, undefined, grants);
      else if (subject.kind === "ServiceAccount") {
        if (subjectUserKey(subject, bindingNs) === undefined) continue;
        add("ServiceAccount", subject.name, subject.namespace ? subject.namespace : bindingNs, grants);
      } else if (subject.kind === "Group") {
        add("Group", subject.name, undefined, grants);
        const members =
          subject.name === SERVICE_ACCOUNTS_GROUP
            ? (options.serviceAccounts ?? [])
            : subject.name.startsWith(`${SERVICE_ACCOUNTS_GROUP}:`)
              ? (saByNamespace.get(subject.name.slice(SERVICE_ACCOUNTS_GROUP.length + 1)) ?? [])
              : [];
        if (members.length === 0) continue;
        const viaSource: RuleSource = { ...source, matchedVia: { kind: "group", group: subject.name } };
        const viaGrants = rules.map((r) => grantOf(viaSource, r));
        for (const sa of members) {
          if (subject.name !== SERVICE_ACCOUNTS_GROUP && subject.name !== serviceAccountNamespaceGroup(sa.namespace)) continue;
          add("ServiceAccount", sa.name, sa.namespace, viaGrants);
        }
      }
    }
  }

  const problems = bindingProblems(p, ns, allNamespaces);

  return {
    request,
    allNamespaces,
    subjects: [...subjects.values()].sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        cmp(a.namespace ?? "", b.namespace ?? "") ||
        cmp(a.name, b.name),
    ),
    problems,
  };
}

/**
 * Which ServiceAccounts a who-can result expands (options.serviceAccounts): all of them when the
 * `system:serviceaccounts` group can, else those of each namespace whose `system:serviceaccounts:NS`
 * group can. Lets a caller answer without the snapshot's ServiceAccounts, then read only these.
 */
export function serviceAccountGroupsIn(result: WhoCanResult): { readonly all: boolean; readonly namespaces: readonly string[] } {
  const namespaces = new Set<string>();
  let all = false;
  for (const subject of result.subjects) {
    if (subject.kind !== "Group") continue;
    if (subject.name === SERVICE_ACCOUNTS_GROUP) all = true;
    else if (subject.name.startsWith(`${SERVICE_ACCOUNTS_GROUP}:`)) namespaces.add(subject.name.slice(SERVICE_ACCOUNTS_GROUP.length + 1));
  }
  return { all, namespaces: [...namespaces].sort() };
}

type SA = { namespace: string; name: string };
const saGroupingCache = new WeakMap<readonly SA[], Map<string, SA[]>>();

/** ServiceAccounts by namespace; cached per input array (callers pass the same snapshot list repeatedly). */
function groupByNamespace(serviceAccounts: readonly SA[]): Map<string, SA[]> {
  const cached = saGroupingCache.get(serviceAccounts);
  if (cached) return cached;
  const out = new Map<string, SA[]>();
  for (const sa of serviceAccounts) {
    const list = out.get(sa.namespace);
    if (list) list.push(sa);
    else out.set(sa.namespace, [sa]);
  }
  saGroupingCache.set(serviceAccounts, out);
  return out;
}

function bindingProblems(p: CompiledPolicy, ns: string, allNamespaces: boolean): PolicyProblem[] {
  return p.problems.filter((problem) => {
    if (!("binding" in problem)) return false;
    if (problem.code === "SERVICE_ACCOUNT_WITHOUT_NAMESPACE" || problem.code === "UNSUPPORTED_SUBJECT_KIND") return false;
    if (problem.binding.kind === "ClusterRoleBinding") return true;
    return allNamespaces || (ns !== "" && problem.binding.namespace === ns);
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
