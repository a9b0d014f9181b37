import Link from "next/link";

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
        {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
      </div>
      {actions}
    </div>
  );
}

export function Card({ title, children, className = "" }: { title?: string; children: React.ReactNode; className?: string }) {
  return (
    <section className={`rounded-xl border border-slate-200 bg-white p-5 shadow-sm ${className}`}>
      {title ? <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h2> : null}
      {children}
    </section>
  );
}

const TONES = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  info: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  good: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  warn: "bg-amber-50 text-amber-800 ring-amber-200",
  bad: "bg-rose-50 text-rose-700 ring-rose-200",
  critical: "bg-rose-600 text-white ring-rose-700",
} as const;

export type Tone = keyof typeof TONES;

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>{children}</span>;
}

export function Table({ head, children, caption }: { head: readonly string[]; children: React.ReactNode; caption?: string }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-50">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ children, mono = false }: { children: React.ReactNode; mono?: boolean }) {
  return <td className={`px-4 py-2 align-top ${mono ? "font-mono text-xs" : ""}`}>{children}</td>;
}

export function TextLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="link">
      {children}
    </Link>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">{children}</p>;
}

export function Stat({ label, value, href }: { label: string; value: number | string; href?: string }) {
  const body = (
    <>
      <div className="text-2xl font-semibold text-slate-900">{value}</div>
      <div className="text-xs uppercase tracking-wide text-slate-500">{label}</div>
    </>
  );
  const className = "block rounded-xl border border-slate-200 bg-white p-4 shadow-sm";
  return href ? (
    <Link href={href} className={`${className} hover:border-indigo-300`}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}

/**
 * "101–200 of 4,312 subjects" with previous/next links: every paged list's navigation. `page` is
 * 1-based; `href(n)` keeps the caller's filters. Renders nothing for an empty list; `children`
 * follow the links.
 */
export function PageNav({
  label,
  page,
  pageSize,
  total,
  href,
  noun,
  prefix,
  className = "",
  children,
}: {
  label: string;
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
  /** After the count: "of 1,279 subjects". */
  noun?: string;
  /** Before the range: "Principals 26–50". */
  prefix?: string;
  className?: string;
  children?: React.ReactNode;
}) {
  if (total === 0) return null;
  const pages = Math.ceil(total / pageSize);
  const start = (page - 1) * pageSize + 1;
  const end = Math.min(total, page * pageSize);
  return (
    <nav aria-label={label} className={`flex flex-wrap items-center gap-4 text-sm text-slate-700 ${className}`}>
      <span>
        {prefix ? `${prefix} ` : ""}
        {start.toLocaleString("en")}–{end.toLocaleString("en")} of {total.toLocaleString("en")}
        {noun ? ` ${noun}` : ""}
      </span>
      {page > 1 ? (
        <Link className="link" href={href(page - 1)}>
          ← Previous
        </Link>
      ) : null}
      {page < pages ? (
        <Link className="link" href={href(page + 1)}>
          Next →
        </Link>
      ) : null}
      {children}
    </nav>
  );
}
