import Link from "next/link";
import { PageNav } from "./ui";
import type { ListSort, Page } from "@/lib/store";

export type ListSearchParams = Readonly<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export interface ListUrlState {
  readonly q: string;
  readonly namespace: string | undefined;
  readonly page: number;
  readonly sort?: ListSort | undefined;
}

/** `?sort=COLUMN&dir=asc|desc` (the store ignores columns it does not know). */
export function listSort(params: ListSearchParams): ListSort | undefined {
  const column = first(params.sort)?.trim();
  if (!column) return undefined;
  return { column, direction: first(params.dir) === "desc" ? "desc" : "asc" };
}

/** `?q=&namespace=&page=&sort=&dir=` of a list page; a namespace of "-" means cluster-scoped objects only. */
export function listQuery(params: ListSearchParams): ListUrlState {
  const namespace = first(params.namespace) ?? "";
  const page = Number.parseInt(first(params.page) ?? "1", 10);
  const sort = listSort(params);
  return {
    q: (first(params.q) ?? "").trim(),
    namespace: namespace === "" ? undefined : namespace === "-" ? "" : namespace,
    page: Number.isFinite(page) && page > 0 ? page : 1,
    ...(sort && { sort }),
  };
}

/** The list's URL for a state: default values are left out, so plain links stay plain. */
export function listHref(basePath: string, state: Partial<ListUrlState>): string {
  const search = new URLSearchParams();
  if (state.q) search.set("q", state.q);
  if (state.namespace !== undefined) search.set("namespace", state.namespace === "" ? "-" : state.namespace);
  if (state.sort) {
    search.set("sort", state.sort.column);
    if (state.sort.direction === "desc") search.set("dir", "desc");
  }
  if (state.page && state.page > 1) search.set("page", String(state.page));
  const text = search.toString();
  return text ? `${basePath}?${text}` : basePath;
}

/** A column heading; `sort` names the column in the URL when the list can be sorted by it. */
export interface Column {
  readonly label: string;
  readonly sort?: string;
}

/** The sort a click on a heading asks for: the active column flips, another starts ascending. */
export function nextSort(current: ListSort | undefined, column: string): ListSort {
  return current?.column === column && current.direction === "asc" ? { column, direction: "desc" } : { column, direction: "asc" };
}

/**
 * A table whose headings sort it on the server: each sortable heading is a link (state in the URL,
 * works without JavaScript) and carries aria-sort when it is the active column.
 */
export function SortableTable({
  columns,
  sort,
  sortHref,
  caption,
  children,
}: {
  columns: readonly Column[];
  sort: ListSort | undefined;
  /** The page's URL sorted this way (back on its first page). */
  sortHref: (sort: ListSort) => string;
  caption: string;
  children: React.ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}{sort ? `, sorted by ${sort.column} ${sort.direction === "desc" ? "descending" : "ascending"}` : ""}</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((c, i) => {
              const active = c.sort !== undefined && sort?.column === c.sort;
              const direction = active ? sort?.direction : undefined;
              return (
                <th
                  key={`${c.label}-${i}`}
                  scope="col"
                  aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : c.sort ? "none" : undefined}
                  className="px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500"
                >
                  {c.sort ? (
                    <Link
                      href={sortHref(nextSort(sort, c.sort))}
                      className="inline-flex items-center gap-1 hover:text-indigo-700"
                      title={`Sort by ${c.label.toLowerCase()}`}
                    >
                      {c.label}
                      <span aria-hidden className={active ? "text-indigo-600" : "text-slate-300"}>
                        {direction === "desc" ? "▼" : "▲"}
                      </span>
                    </Link>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/** Namespace suggestions a filter offers (the field takes any name). */
export const NAMESPACE_SUGGESTIONS = 200;

/** Name filter and namespace choice, as a plain GET form (state in the URL). */
export function ListFilter({ q, namespace, namespaces, label, sort }: { q: string; namespace: string | undefined; namespaces: readonly string[]; label: string; sort?: ListSort | undefined }) {
  return (
    <form method="get" role="search" aria-label={`Filter ${label}`} className="mb-4 flex flex-wrap items-end gap-3">
      {sort ? <input type="hidden" name="sort" value={sort.column} /> : null}
      {sort?.direction === "desc" ? <input type="hidden" name="dir" value="desc" /> : null}
      <label className="text-sm">
        <span className="block text-xs font-medium uppercase tracking-wide text-slate-600">Name contains</span>
        <input name="q" defaultValue={q} className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-1.5" />
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium uppercase tracking-wide text-slate-600">Namespace</span>
        <input
          name="namespace"
          list={`${label}-namespaces`}
          placeholder="all (- = cluster-scoped)"
          defaultValue={namespace === undefined ? "" : namespace === "" ? "-" : namespace}
          className="mt-1 w-56 rounded-md border border-slate-300 px-3 py-1.5"
        />
        {/* a typed field with suggestions: an XL cluster's 5,000 namespaces as <option>s were most of the page */}
        <datalist id={`${label}-namespaces`}>
          {namespaces.slice(0, NAMESPACE_SUGGESTIONS).map((ns) => (
            <option key={ns} value={ns} />
          ))}
        </datalist>
      </label>
      <button type="submit" className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
        Filter
      </button>
    </form>
  );
}

/** "101–200 of 4,312" with previous/next links that keep the filter. */
export function Pager<T>({ page, pageSize, basePath, query }: { page: Page<T>; pageSize: number; basePath: string; query: ListUrlState }) {
  if (page.total === 0) return <p className="mt-3 text-sm text-slate-600">Nothing matches.</p>;
  return <PageNav label="Pages" className="mt-3" page={page.page} pageSize={pageSize} total={page.total} href={(n) => listHref(basePath, { ...query, page: n })} />;
}
