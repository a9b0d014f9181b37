import Link from "next/link";
import type { Page } from "@/lib/store";

export type ListSearchParams = Readonly<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** `?q=&namespace=&page=` of a list page; a namespace of "-" means cluster-scoped objects only. */
export function listQuery(params: ListSearchParams): { q: string; namespace: string | undefined; page: number } {
  const namespace = first(params.namespace) ?? "";
  const page = Number.parseInt(first(params.page) ?? "1", 10);
  return {
    q: (first(params.q) ?? "").trim(),
    namespace: namespace === "" ? undefined : namespace === "-" ? "" : namespace,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** Name filter and namespace choice, as a plain GET form (state in the URL). */
export function ListFilter({ q, namespace, namespaces, label }: { q: string; namespace: string | undefined; namespaces: readonly string[]; label: string }) {
  return (
    <form method="get" role="search" aria-label={`Filter ${label}`} className="mb-4 flex flex-wrap items-end gap-3">
      <label className="text-sm">
        <span className="block text-xs font-medium uppercase tracking-wide text-slate-600">Name contains</span>
        <input name="q" defaultValue={q} className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-1.5" />
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium uppercase tracking-wide text-slate-600">Namespace</span>
        <select name="namespace" defaultValue={namespace === undefined ? "" : namespace === "" ? "-" : namespace} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5">
          <option value="">all</option>
          <option value="-">cluster-scoped</option>
          {namespaces.map((ns) => (
            <option key={ns} value={ns}>
              {ns}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
        Filter
      </button>
    </form>
  );
}

/** "101–200 of 4,312" with previous/next links that keep the filter. */
export function Pager<T>({ page, pageSize, basePath, query }: { page: Page<T>; pageSize: number; basePath: string; query: { q: string; namespace: string | undefined } }) {
  if (page.total === 0) return <p className="mt-3 text-sm text-slate-600">Nothing matches.</p>;
  const href = (n: number) => {
    const search = new URLSearchParams();
    if (query.q) search.set("q", query.q);
    if (query.namespace !== undefined) search.set("namespace", query.namespace === "" ? "-" : query.namespace);
    if (n > 1) search.set("page", String(n));
    const text = search.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  const start = (page.page - 1) * pageSize + 1;
  const end = Math.min(page.total, page.page * pageSize);
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center gap-4 text-sm text-slate-700">
      <span>
        {start.toLocaleString("en")}–{end.toLocaleString("en")} of {page.total.toLocaleString("en")}
      </span>
      {page.page > 1 ? (
        <Link className="link" href={href(page.page - 1)}>
          ← Previous
        </Link>
      ) : null}
      {page.page < page.pages ? (
        <Link className="link" href={href(page.page + 1)}>
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
