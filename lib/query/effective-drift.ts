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
import { visitAllRulesFor } from "@/lib/rbac/visit";

export interface DriftSubject {
  readonly kind: SubjectKind;
  readonly namespace: string;
  readonly name: string;
}

export interface SnapshotPolicy {
  readonly policy: CompiledPolicy;
  readonly serviceAccounts: readonly { readonly namespace: string; readonly name: string }[];
}

/** One verb on one target in one scope; "*" stays a wildcard. */
interface Atom {
  readonly scope: string | null;
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
const atomKey = (a: Atom) => `${a.scope ?? "\u0001"}\u0000${a.verb}\u0000${a.apiGroup}\u0000${a.resource}\u0000${a.names.length}\u0000${a.names.join("\u0000")}\u0000${a.url ?? "\u0001"}`;

/** A subject's atoms by key (keys make "the same atom on both sides" one lookup). */
function atomsOf(policy: CompiledPolicy, identity: Identity): Map<string, Atom> {
  const atoms = new Map<string, Atom>();
  const add = (a: Atom) => atoms.set(atomKey(a), a);
  visitAllRulesFor(policy, identity, (source, { rule }) => {
    const names = [...(rule.resourceNames ?? [])].sort();
    for (const verb of rule.verbs ?? []) {
      for (const apiGroup of rule.apiGroups ?? []) for (const resource of rule.resources ?? []) add({ scope: source.scope, verb, apiGroup, resource, names, url: undefined });
      // non-resource rules only take effect through ClusterRoleBindings
      if (source.scope === null) for (const url of rule.nonResourceURLs ?? []) add({ scope: null, verb, apiGroup: "", resource: "", names: [], url });
    }
    return true;
  });
  return atoms;
}

const matches = (wide: string, narrow: string) => wide === "*" || wide === narrow;

/** Whether `b` allows everything `a` allows (so gaining `a` while holding `b` gains nothing). */
function covers(b: Atom, a: Atom): boolean {
  if (!matches(b.verb, a.verb)) return false;
  if (a.url !== undefined || b.url !== undefined) {
    if (a.url === undefined || b.url === undefined) return false;
    return b.url === a.url || (b.url.endsWith("*") && a.url.startsWith(b.url.slice(0, -1)));
  }
  if (b.scope !== null && b.scope !== a.scope) return false;
  if (!matches(b.apiGroup, a.apiGroup) || !matches(b.resource, a.resource)) return false;
  return b.names.length === 0 || (a.names.length > 0 && a.names.every((n) => b.names.includes(n)));
}

const bucketKey = (verb: string, resource: string) => `${verb} ${resource}`;

/**
 * Atoms of `side` that nothing in `other` covers, merged back into readable lines. An atom present
 * on both sides covers itself; any other can only be covered by an atom whose verb and resource are
 * its own or "*" (a URL atom's resource is ""), so it is compared with those four buckets alone.
 * Between two hourly snapshots almost every atom is on both sides; comparing all pairs took minutes
 * for the thousands of ServiceAccounts a changed group binding makes candidates.
 */
function uncovered(side: ReadonlyMap<string, Atom>, other: ReadonlyMap<string, Atom>): string[] {
  const lines = new Map<string, { verbs: string[]; text: string }>();
  let buckets: Map<string, Atom[]> | undefined;
  const coveredByOther = (a: Atom): boolean => {
    if (!buckets) {
      buckets = new Map();
      for (const b of other.values()) {
        const key = bucketKey(b.verb, b.resource);
        const bucket = buckets.get(key);
        if (bucket) bucket.push(b);
        else buckets.set(key, [b]);
      }
    }
    for (const verb of a.verb === "*" ? ["*"] : [a.verb, "*"]) {
      for (const resource of a.resource === "*" ? ["*"] : [a.resource, "*"]) {
        if (buckets.get(bucketKey(verb, resource))?.some((b) => covers(b, a))) return true;
      }
    }
    return false;
  };
  for (const [atom, a] of side) {
    if (other.has(atom) || coveredByOther(a)) continue;
    const target = a.url ?? `${a.resource}${a.apiGroup ? `.${a.apiGroup}` : ""}${a.names.length ? `/${a.names.join(",")}` : ""}`;
    const scope = a.url !== undefined || a.scope === null ? "cluster-wide" : `in ${a.scope}`;
    const key = `${target} ${scope}`;
    const line = lines.get(key) ?? { verbs: [], text: `${target} ${scope}` };
    line.verbs.push(a.verb);
    lines.set(key, line);
  }
  return [...lines.values()].map((l) => `${l.verbs.sort().join(",")} ${l.text}`).sort();
}

/** What a binding grants, as a comparable key: scope, subjects, the role's effective rules. */
function bindingSignature(entry: BindingEntry): string {
  return JSON.stringify([entry.scope, entry.subjects.map((s) => [s.kind, s.namespace ?? "", s.name]), (entry.rules ?? []).map((r) => ruleKey(r.rule))]);
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
  for (const subject of candidates.values()) {
    const identity = identityOf(subject);
    const before = atomsOf(from.policy, identity);
    const after = atomsOf(to.policy, identity);
    const gained = uncovered(after, before);
    const lost = uncovered(before, after);
    if (gained.length > 0 || lost.length > 0) changes.push({ subject, gained, lost });
  }
  return changes.sort((a, b) => subjectKey(a.subject).localeCompare(subjectKey(b.subject)));
}
