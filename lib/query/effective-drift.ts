/**
 * Effective permissions gained and lost per subject between two snapshots: what the engine says
 * each subject can do (through aggregated ClusterRoles and the groups it belongs to), not which
 * binding → role pairs name it. Only subjects a changed binding could affect are asked.
 */
import {
  AUTHENTICATED_GROUP,
  SERVICE_ACCOUNTS_GROUP,
  identityFor,
  serviceAccountUsername,
  type Identity,
} from "@/lib/rbac/identity";
import { ruleKey } from "@/lib/rbac/aggregation";
import type { BindingEntry, CompiledPolicy } from "@/lib/rbac/policy";
import type { SubjectKind } from "@/lib/rbac/objects";
import { walkAllBindingsFor } from "@/lib/rbac/visit";
import type { EffectiveRule } from "@/lib/rbac/aggregation";

export interface DriftSubject {
  readonly kind: SubjectKind;
  readonly namespace: string;
  readonly name: string;
}

export interface SnapshotPolicy {
  readonly policy: CompiledPolicy;
  readonly serviceAccounts: readonly { readonly namespace: string; readonly name: string }[];
}

/** One verb on one target ("*" stays a wildcard), in the scope of the binding granting it. */
interface Atom {
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  /** Sorted; empty = any name. */
  readonly names: readonly string[];
  readonly url: string | undefined;
}

const subjectKey = (s: DriftSubject) => `${s.kind}/${s.namespace}/${s.name}`;

/** The identity the authorizer sees for a subject (a Group: an anonymous member with only that group). */
function identityOf(s: DriftSubject): Identity {
  if (s.kind === "ServiceAccount") return identityFor(serviceAccountUsername(s.namespace, s.name));
  if (s.kind === "User") return identityFor(s.name);
  return identityFor("", [s.name], { exactGroups: true });
}

// NUL cannot occur in a stored name (ingest refuses it) and the name count comes first ([] is not
// [""]), so these keys are as distinct as the atoms; a JSON array per atom cost most of the comparison's time in allocation and GC.
const atomKey = (a: Atom) => `${a.verb}\u0000${a.apiGroup}\u0000${a.resource}\u0000${a.names.length}\u0000${a.names.join("\u0000")}\u0000${a.url ?? "\u0001"}`;

const bucketKey = (verb: string, resource: string) => `${verb} ${resource}`;

/**
 * A role's rules broken into atoms, by key and by verb/resource. They do not depend on where the
 * role is bound, so they are built once per rule list (shared by every binding of the role within a
 * compiled policy), not once per subject and binding: building every candidate's atoms was most of
 * a drift page's first request.
 */
interface RoleAtoms {
  /** Equal ids: equal rules, in either snapshot. */
  readonly id: number;
  readonly atoms: ReadonlyMap<string, Atom>;
  readonly buckets: ReadonlyMap<string, readonly Atom[]>;
}

/** One binding applying to a subject: a role's atoms in the binding's scope (null = cluster-wide). */
interface Grant {
  readonly scope: string | null;
  readonly role: RoleAtoms;
}

const grantId = (g: Grant) => `${g.scope ?? "\u0001"}\u0000${g.role.id}`;

/** RoleAtoms per rule list of either policy, numbered by content across both. */
class RoleAtomCache {
  private readonly byRules = new WeakMap<readonly EffectiveRule[], RoleAtoms>();
  private readonly ids = new Map<string, number>();

  of(rules: readonly EffectiveRule[]): RoleAtoms {
    let role = this.byRules.get(rules);
    if (role) return role;
    const atoms = new Map<string, Atom>();
    const add = (a: Atom) => atoms.set(atomKey(a), a);
    for (const { rule } of rules) {
      const names = [...(rule.resourceNames ?? [])].sort();
      for (const verb of rule.verbs ?? []) {
        for (const apiGroup of rule.apiGroups ?? []) for (const resource of rule.resources ?? []) add({ verb, apiGroup, resource, names, url: undefined });
        for (const url of rule.nonResourceURLs ?? []) add({ verb, apiGroup: "", resource: "", names: [], url });
      }
    }
    const buckets = new Map<string, Atom[]>();
    for (const b of atoms.values()) {
      const key = bucketKey(b.verb, b.resource);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(b);
      else buckets.set(key, [b]);
    }
    const key = rulesKeyOf(rules);
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    role = { id, atoms, buckets };
    this.byRules.set(rules, role);
    return role;
  }
}

const rulesKeys = new WeakMap<readonly EffectiveRule[], string>();

function rulesKeyOf(rules: readonly EffectiveRule[]): string {
  let key = rulesKeys.get(rules);
  if (key === undefined) rulesKeys.set(rules, (key = JSON.stringify(rules.map((r) => ruleKey(r.rule)))));
  return key;
}

/** The grants of the bindings applying to an identity, in walk order (a binding whose role is missing grants nothing). */
function grantsOf(policy: CompiledPolicy, roles: RoleAtomCache, identity: Identity): Grant[] {
  const grants: Grant[] = [];
  walkAllBindingsFor(policy, identity, (entry, source) => {
    if (entry.rules) grants.push({ scope: source.scope, role: roles.of(entry.rules) });
    return true;
  });
  return grants;
}

const matches = (wide: string, narrow: string) => wide === "*" || wide === narrow;

/** Whether `b` allows everything `a` allows, in the same scope (so gaining `a` while holding `b` gains nothing). */
function covers(b: Atom, a: Atom): boolean {
  if (!matches(b.verb, a.verb)) return false;
  if (a.url !== undefined || b.url !== undefined) {
    if (a.url === undefined || b.url === undefined) return false;
    return b.url === a.url || (b.url.endsWith("*") && a.url.startsWith(b.url.slice(0, -1)));
  }
  if (!matches(b.apiGroup, a.apiGroup) || !matches(b.resource, a.resource)) return false;
  return b.names.length === 0 || (a.names.length > 0 && a.names.every((n) => b.names.includes(n)));
}

function coveredIn(role: RoleAtoms, verb: string, resource: string, a: Atom): boolean {
  const bucket = role.buckets.get(bucketKey(verb, resource));
  if (!bucket) return false;
  for (const b of bucket) if (covers(b, a)) return true;
  return false;
}

/**
 * Whether a role holds `a` or an atom covering it: an atom held covers itself; any other can only
 * be covered by an atom whose verb and resource are its own or "*" (a URL atom's resource is ""),
 * so it is compared with those four buckets alone.
 */
function roleCovers(role: RoleAtoms, key: string, a: Atom): boolean {
  if (role.atoms.has(key)) return true;
  if (coveredIn(role, a.verb, a.resource, a)) return true;
  if (a.resource !== "*" && coveredIn(role, a.verb, "*", a)) return true;
  if (a.verb === "*") return false;
  return coveredIn(role, "*", a.resource, a) || (a.resource !== "*" && coveredIn(role, "*", "*", a));
}

/** What a subject holds on one side: the roles bound to it per scope. */
class Holding {
  readonly grants: ReadonlySet<string>;
  private readonly byScope = new Map<string | null, RoleAtoms[]>();

  constructor(grants: readonly Grant[]) {
    this.grants = new Set(grants.map(grantId));
    for (const g of grants) {
      const roles = this.byScope.get(g.scope) ?? [];
      if (!roles.includes(g.role)) roles.push(g.role);
      this.byScope.set(g.scope, roles);
    }
  }

  /**
   * The roles that can cover an atom granted in `scope`: those bound in that scope and cluster-wide
   * ones (a cluster-wide atom covers its namespaced copies; non-resource URLs only take effect
   * cluster-wide, so only cluster-wide roles cover them).
   */
  rolesFor(scope: string | null): readonly RoleAtoms[] {
    const here = this.byScope.get(scope) ?? [];
    if (scope === null) return here;
    return [...here, ...(this.byScope.get(null) ?? [])];
  }
}

/**
 * Atoms of `side` that nothing in `other` covers, merged back into readable lines. A grant that
 * `other` holds too (same scope and rules) adds nothing `other` lacks, so only the atoms of the
 * remaining grants are looked at, each against the roles `other` holds in its scope and
 * cluster-wide. Between two hourly snapshots almost every grant is on both sides; comparing all
 * atom pairs took minutes for the thousands of ServiceAccounts a changed group binding makes
 * candidates.
 */
function uncovered(side: readonly Grant[], other: Holding): string[] {
  const seen = new Map<string | null, Set<string>>();
  const lines = new Map<string, { verbs: string[]; text: string }>();
  for (const grant of side) {
    if (other.grants.has(grantId(grant))) continue;
    const scope = grant.scope;
    let done = seen.get(scope);
    if (!done) seen.set(scope, (done = new Set()));
    const roles = other.rolesFor(scope);
    for (const [key, a] of grant.role.atoms) {
      // non-resource rules only take effect through ClusterRoleBindings
      if (a.url !== undefined && scope !== null) continue;
      if (done.has(key)) continue;
      done.add(key);
      if (roles.some((role) => roleCovers(role, key, a))) continue;
      const target = a.url ?? `${a.resource}${a.apiGroup ? `.${a.apiGroup}` : ""}${a.names.length ? `/${a.names.join(",")}` : ""}`;
      const where = a.url !== undefined || scope === null ? "cluster-wide" : `in ${scope}`;
      const line = `${target} ${where}`;
      const entry = lines.get(line) ?? { verbs: [], text: line };
      entry.verbs.push(a.verb);
      lines.set(line, entry);
    }
  }
  return [...lines.values()].map((l) => `${l.verbs.sort().join(",")} ${l.text}`).sort();
}

/** What a binding grants, as a comparable key: scope, subjects, the role's effective rules. */
function bindingSignature(entry: BindingEntry): string {
  return JSON.stringify([entry.scope, entry.subjects.map((s) => [s.kind, s.namespace ?? "", s.name]), entry.rules ? rulesKeyOf(entry.rules) : "[]"]);
}

function bindingKey(entry: BindingEntry): string {
  return `${entry.ref.kind}/${entry.ref.namespace ?? ""}/${entry.ref.name}`;
}

/** Subjects named by a binding that differs between the two policies (added, removed, or granting otherwise). */
function subjectsOfChangedBindings(from: CompiledPolicy, to: CompiledPolicy): DriftSubject[] {
  const signatures = (p: CompiledPolicy) => new Map([...p.crbs, ...p.rbs].map((e) => [bindingKey(e), { e, sig: bindingSignature(e) }] as const));
  const a = signatures(from);
  const b = signatures(to);
  const out = new Map<string, DriftSubject>();
  const take = (e: BindingEntry) => {
    for (const s of e.subjects) {
      const subject: DriftSubject = { kind: s.kind, namespace: s.kind === "ServiceAccount" ? (s.namespace ?? e.ref.namespace ?? "") : "", name: s.name };
      out.set(subjectKey(subject), subject);
    }
  };
  for (const [key, x] of a) if (b.get(key)?.sig !== x.sig) take(x.e);
  for (const [key, y] of b) if (a.get(key)?.sig !== y.sig) take(y.e);
  return [...out.values()];
}

/** Members we know of a changed group: its ServiceAccounts (every one for system:serviceaccounts / system:authenticated). */
function knownMembers(group: string, serviceAccounts: readonly { namespace: string; name: string }[]): DriftSubject[] {
  const all = group === SERVICE_ACCOUNTS_GROUP || group === AUTHENTICATED_GROUP;
  const prefix = `${SERVICE_ACCOUNTS_GROUP}:`;
  const namespace = group.startsWith(prefix) ? group.slice(prefix.length) : undefined;
  if (!all && namespace === undefined) return [];
  return serviceAccounts.filter((sa) => all || sa.namespace === namespace).map((sa) => ({ kind: "ServiceAccount", namespace: sa.namespace, name: sa.name }));
}

export interface EffectiveChange {
  readonly subject: DriftSubject;
  readonly gained: readonly string[];
  readonly lost: readonly string[];
}

/**
 * Effective permissions gained and lost, per subject whose permissions differ. Subjects asked:
 * those a changed binding names, and the ServiceAccounts of a changed ServiceAccount group.
 */
export function effectiveDrift(from: SnapshotPolicy, to: SnapshotPolicy): EffectiveChange[] {
  const candidates = new Map<string, DriftSubject>();
  for (const s of subjectsOfChangedBindings(from.policy, to.policy)) {
    candidates.set(subjectKey(s), s);
    if (s.kind === "Group") {
      for (const m of [...knownMembers(s.name, from.serviceAccounts), ...knownMembers(s.name, to.serviceAccounts)]) candidates.set(subjectKey(m), m);
    }
  }
  const changes: EffectiveChange[] = [];
  const roles = new RoleAtomCache();
  // Subjects holding the same grants on both sides (the ServiceAccounts of a namespace that only
  // their groups name) change alike: compared once per distinct pair of grant lists.
  const compared = new Map<string, { gained: string[]; lost: string[] }>();
  for (const subject of candidates.values()) {
    const identity = identityOf(subject);
    const before = grantsOf(from.policy, roles, identity);
    const after = grantsOf(to.policy, roles, identity);
    const key = `${before.map(grantId).join("\u0002")}\u0003${after.map(grantId).join("\u0002")}`;
    let change = compared.get(key);
    if (!change) compared.set(key, (change = { gained: uncovered(after, new Holding(before)), lost: uncovered(before, new Holding(after)) }));
    if (change.gained.length > 0 || change.lost.length > 0) changes.push({ subject, gained: change.gained, lost: change.lost });
  }
  return changes.sort((a, b) => subjectKey(a.subject).localeCompare(subjectKey(b.subject)));
}
