/**
 * The escalation page's GET form: filters (namespace, technique, severity) and a pair query
 * (from / to references). Everything lives in the URL, so views are shareable and work without JS.
 */
import Link from "next/link";
import { techniqueText } from "@/lib/query/technique-text";
import { NAMESPACE_SUGGESTIONS } from "./list-controls";
import { SEVERITY_LEVELS, type EscalationFilter } from "./escalation-model";

const control =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";
const labelClass = "block text-xs font-medium uppercase tracking-wide text-slate-600";

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: readonly (readonly [string, string])[] }) {
  return (
    <div>
      <label htmlFor={`f-${name}`} className={labelClass}>
        {label}
      </label>
      <select id={`f-${name}`} name={name} defaultValue={value} className={control}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function RefInput({ name, label, value, placeholder, list }: { name: string; label: string; value: string; placeholder: string; list: string }) {
  return (
    <div className="sm:col-span-2">
      <label htmlFor={`f-${name}`} className={labelClass}>
        {label}
      </label>
      <input id={`f-${name}`} name={name} defaultValue={value} placeholder={placeholder} list={list} autoComplete="off" spellCheck={false} className={control} />
    </div>
  );
}

export function EscalationFilters({
  action,
  filter,
  namespaces,
  techniques,
  starts,
  targets,
}: {
  action: string;
  filter: EscalationFilter;
  namespaces: readonly string[];
  techniques: readonly string[];
  starts: readonly string[];
  targets: readonly string[];
}) {
  const withCurrent = (values: readonly string[], current: string) => (current && !values.includes(current) ? [...values, current] : values);
  return (
    <form method="get" action={action} role="search" aria-label="Filter escalation paths" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid gap-x-4 gap-y-3 sm:grid-cols-3 lg:grid-cols-7">
        {/* a typed field with suggestions: an XL cluster's 5,000 namespaces as <option>s were most of the page */}
        <div>
          <label htmlFor="f-namespace" className={labelClass}>
            Namespace
          </label>
          <input id="f-namespace" name="namespace" defaultValue={filter.namespace} placeholder="all namespaces" list="path-namespaces" autoComplete="off" spellCheck={false} className={control} />
        </div>
        <Select
          name="technique"
          label="Technique"
          value={filter.technique}
          options={[["", "All techniques"], ...withCurrent(techniques, filter.technique).map((t) => [t, `${techniqueText(t).name} (${t})`] as const)]}
        />
        <Select name="severity" label="Severity" value={filter.severity} options={[["", "All severities"], ...SEVERITY_LEVELS.map((s) => [s, s] as const)]} />
        <RefInput name="from" label="From" value={filter.from} placeholder="ServiceAccount/ci/deployer" list="path-starts" />
        <RefInput name="to" label="To" value={filter.to} placeholder="ClusterAdmin" list="path-targets" />
      </div>
      <datalist id="path-namespaces">
        {namespaces.slice(0, NAMESPACE_SUGGESTIONS).map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <datalist id="path-starts">
        {starts.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <datalist id="path-targets">
        {targets.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-700">
          Show paths
        </button>
        <Link href={action} className="text-sm text-slate-600 hover:text-slate-900">
          Clear
        </Link>
        <p className="text-xs text-slate-500">
          From / To take <code>Kind/name</code>, <code>Kind/namespace/name</code> or <code>ClusterAdmin</code>; with both set the page shows the
          shortest path(s) for that pair.
        </p>
      </div>
    </form>
  );
}
