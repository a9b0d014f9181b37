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

/** Sort keys per column, computed once per subject (a -A answer on XL has thousands of subjects). */
const KEY: Readonly<Record<string, (s: WhoCanSubject) => number | string>> = {
  kind: (s) => KIND_ORDER[s.kind],
  namespace: (s) => s.namespace ?? "",
  name: (s) => s.name,
  bindings: grantingBindings,
};

export const WHO_CAN_SORTS = Object.keys(KEY);

const compareKeys = (a: number | string, b: number | string) => (typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)));

/** The engine's order when `sort` is absent or unknown; ties keep the engine's order (stable sort). */
export function sortWhoCanSubjects(subjects: readonly WhoCanSubject[], sort: ListSort | undefined): readonly WhoCanSubject[] {
  const key = sort && Object.hasOwn(KEY, sort.column) ? KEY[sort.column] : undefined;
  if (!key) return subjects;
  const sign = sort?.direction === "desc" ? -1 : 1;
  return subjects
    .map((subject) => ({ subject, key: key(subject) }))
    .sort((a, b) => sign * compareKeys(a.key, b.key))
    .map((x) => x.subject);
}
