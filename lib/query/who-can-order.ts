/**
 * Who-can answers sorted by a column of the page (`?sort=&dir=`). The engine orders subjects by
 * kind then namespace then name; this re-sorts its answer on the server before the page is cut.
 */
import type { WhoCanSubject } from "@/lib/rbac";
import type { ListSort } from "@/lib/store/list-sort";

const KIND_ORDER: Readonly<Record<WhoCanSubject["kind"], number>> = { User: 0, Group: 1, ServiceAccount: 2 };

/** Distinct bindings granting the subject the request (what the "Granted by" column lists). */
export function grantingBindings(subject: WhoCanSubject): number {
  return new Set(subject.grants.map((g) => `${g.binding.kind}/${g.binding.namespace ?? ""}/${g.binding.name}`)).size;
}

const COMPARE: Readonly<Record<string, (a: WhoCanSubject, b: WhoCanSubject) => number>> = {
  kind: (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  namespace: (a, b) => (a.namespace ?? "").localeCompare(b.namespace ?? ""),
  name: (a, b) => a.name.localeCompare(b.name),
  bindings: (a, b) => grantingBindings(a) - grantingBindings(b),
};

export const WHO_CAN_SORTS = Object.keys(COMPARE);

/** The engine's order when `sort` is absent or unknown; ties keep the engine's order (stable sort). */
export function sortWhoCanSubjects(subjects: readonly WhoCanSubject[], sort: ListSort | undefined): readonly WhoCanSubject[] {
  const compare = sort && Object.hasOwn(COMPARE, sort.column) ? COMPARE[sort.column] : undefined;
  if (!compare) return subjects;
  const sign = sort?.direction === "desc" ? -1 : 1;
  return [...subjects].sort((a, b) => sign * compare(a, b));
}
