/**
 * Findings: severity counts as stat cards (each a filter link), a GET filter form (severity, rule)
 * and the list — severity, rule, title, linked objects, and expandable "why" and remediation.
 */
import Link from "next/link";
import type { Finding } from "@/lib/analysis/findings";
import type { Severity } from "@/lib/analysis/technique";
import { refHref, refLabel, SEVERITY_LEVELS } from "./escalation-model";
import { SeverityBadge } from "./escalation-path";
import { FINDING_ORDERS, missingObjectIndexes, type FindingCounts, type FindingFilter } from "./finding-model";
import { AcceptForm } from "./report/accept-form";
import { PageNav, TextLink } from "./ui";

/** The accepted risk covering a finding, shown as a mark. */
export interface AcceptedMark {
  readonly owner: string;
  readonly expires: string;
  readonly reason: string;
}

const ACCENT: Readonly<Record<Severity, string>> = {
  Critical: "border-l-rose-600",
  High: "border-l-rose-400",
  Medium: "border-l-amber-400",
  Low: "border-l-slate-300",
};

export function findingsHref(action: string, filter: Partial<FindingFilter>): string {
  const q = new URLSearchParams();
  if (filter.severity) q.set("severity", filter.severity);
  if (filter.rule) q.set("rule", filter.rule);
  if (filter.namespace !== undefined) q.set("namespace", filter.namespace === "" ? "-" : filter.namespace);
  if (filter.sort) {
    q.set("sort", filter.sort.column);
    if (filter.sort.direction === "desc") q.set("dir", "desc");
  }
  if (filter.page && filter.page > 1) q.set("page", String(filter.page));
  const s = q.toString();
  return s ? `${action}?${s}` : action;
}

export function SeverityCounts({ action, counts, filter }: { action: string; counts: FindingCounts; filter: FindingFilter }) {
  return (
    <ul aria-label="Findings by severity" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {SEVERITY_LEVELS.map((s) => {
        const active = filter.severity === s;
        return (
          <li key={s}>
            <Link
              href={findingsHref(action, active ? { rule: filter.rule, namespace: filter.namespace } : { severity: s, rule: filter.rule, namespace: filter.namespace })}
              aria-current={active ? "true" : undefined}
              title={active ? "Filter on: click to show every severity" : `Only ${s} findings`}
              className={`block rounded-xl border border-l-4 bg-white p-4 shadow-sm hover:border-indigo-300 ${ACCENT[s]} ${active ? "ring-2 ring-indigo-300" : "border-slate-200"}`}
            >
              <div className="text-2xl font-semibold text-slate-900">{counts.bySeverity[s]}</div>
              <div className="text-xs uppercase tracking-wide text-slate-500">
                {s}
                <span className="sr-only"> findings</span>
              </div>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

const control =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";

export function FindingFilters({
  action,
  counts,
  filter,
  namespaces = [],
}: {
  action: string;
  counts: FindingCounts;
  filter: FindingFilter;
  /** Namespaces with findings, most findings first (offered as suggestions). */
  namespaces?: readonly { namespace: string; count: number }[];
}) {
  return (
    <form method="get" action={action} role="search" aria-label="Filter findings" className="flex flex-wrap items-end gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="min-w-48">
        <label htmlFor="f-severity" className="block text-xs font-medium uppercase tracking-wide text-slate-600">
          Severity
        </label>
        <select id="f-severity" name="severity" defaultValue={filter.severity} className={control}>
          <option value="">All severities</option>
          {SEVERITY_LEVELS.map((s) => (
            <option key={s} value={s}>
              {s} ({counts.bySeverity[s]})
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-72">
        <label htmlFor="f-rule" className="block text-xs font-medium uppercase tracking-wide text-slate-600">
          Rule
        </label>
        <select id="f-rule" name="rule" defaultValue={filter.rule} className={control}>
          <option value="">All rules</option>
          {counts.byRule.map((r) => (
            <option key={r.rule} value={r.rule}>
              {r.rule} ({r.count})
            </option>
          ))}
          {filter.rule && !counts.byRule.some((r) => r.rule === filter.rule) ? <option value={filter.rule}>{filter.rule} (0)</option> : null}
        </select>
      </div>
      <div className="min-w-48">
        <label htmlFor="f-namespace" className="block text-xs font-medium uppercase tracking-wide text-slate-600">
          Namespace
        </label>
        <input
          id="f-namespace"
          name="namespace"
          list="f-namespaces"
          placeholder="any (- = cluster-scoped)"
          defaultValue={filter.namespace === undefined ? "" : filter.namespace === "" ? "-" : filter.namespace}
          className={control}
        />
        <datalist id="f-namespaces">
          {namespaces.slice(0, 200).map((n) => (
            <option key={n.namespace} value={n.namespace === "" ? "-" : n.namespace}>
              {n.count} findings
            </option>
          ))}
        </datalist>
      </div>
      <div className="min-w-40">
        <label htmlFor="f-sort" className="block text-xs font-medium uppercase tracking-wide text-slate-600">
          Sort by
        </label>
        <select id="f-sort" name="sort" defaultValue={filter.sort?.column ?? "severity"} className={control}>
          {FINDING_ORDERS.map((o) => (
            <option key={o.column} value={o.column}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-32">
        <label htmlFor="f-dir" className="block text-xs font-medium uppercase tracking-wide text-slate-600">
          Order
        </label>
        <select id="f-dir" name="dir" defaultValue={filter.sort?.direction ?? "asc"} className={control}>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </div>
      <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-700">
        Filter
      </button>
      <Link href={action} className="pb-1.5 text-sm text-slate-600 hover:text-slate-900">
        Clear
      </Link>
    </form>
  );
}

function FindingObjects({ snapshot, finding }: { snapshot: number; finding: Finding }) {
  const missing = missingObjectIndexes(finding);
  return (
    <ul className="space-y-0.5">
      {finding.objects.map((o, i) => {
        const ref = { kind: o.kind, name: o.name, namespace: o.namespace };
        const href = missing.has(i) ? undefined : refHref(snapshot, ref);
        return (
          <li key={`${o.kind}/${o.namespace ?? ""}/${o.name}/${i}`} className="text-sm">
            {href ? <TextLink href={href}>{refLabel(ref)}</TextLink> : <span>{refLabel(ref)}</span>}
            {missing.has(i) ? <span className="ml-1 text-xs text-rose-700">(missing)</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function FindingItem({ snapshot, finding, action, accepted }: { snapshot: number; finding: Finding; action: string; accepted: AcceptedMark | undefined }) {
  const primary = finding.objects[0];
  return (
    <li className={`rounded-lg border border-l-4 border-slate-200 bg-white px-4 py-3 shadow-sm ${ACCENT[finding.severity]} ${accepted ? "opacity-80" : ""}`}>
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <SeverityBadge severity={finding.severity} />
        <h3 className="text-sm font-semibold text-slate-900">{finding.title}</h3>
        {finding.podCount !== null && finding.podCount !== undefined && finding.owner ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
            {finding.podCount === 0 ? "template only" : `${finding.podCount} ${finding.podCount === 1 ? "pod" : "pods"}`}
          </span>
        ) : null}
        {finding.trusted ? <span className="rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-800">control plane (trusted)</span> : null}
        {accepted ? (
          <span className="rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-800" title={accepted.reason}>
            Accepted · {accepted.owner} · until {accepted.expires}
          </span>
        ) : null}
        <Link href={findingsHref(action, { rule: finding.rule })} className="ml-auto font-mono text-xs text-slate-500 hover:text-indigo-700">
          <span className="sr-only">Only </span>
          {finding.rule}
          <span className="sr-only"> findings</span>
        </Link>
      </div>
      <div className="mt-1.5 grid gap-x-6 gap-y-1 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <FindingObjects snapshot={snapshot} finding={finding} />
        <div className="flex flex-wrap gap-x-6 gap-y-1">
          <details className="group min-w-0 basis-full open:basis-full sm:basis-auto">
            <summary className="cursor-pointer text-sm text-slate-700">Why it matters</summary>
            <p className="mt-1 text-sm leading-relaxed text-slate-700">{finding.why}</p>
          </details>
          <details className="min-w-0 basis-full sm:basis-auto open:basis-full">
            <summary className="cursor-pointer text-sm text-slate-700">Remediation</summary>
            <pre className="mt-1 overflow-x-auto whitespace-pre-wrap rounded-md bg-slate-900 p-3 text-xs text-slate-100 [overflow-wrap:anywhere]">{finding.remediation}</pre>
          </details>
          {!accepted && primary ? (
            <AcceptForm label="Accept" target={{ rule: finding.rule, kind: primary.kind, namespace: primary.namespace ?? "*", name: primary.name }} />
          ) : null}
        </div>
      </div>
    </li>
  );
}

export function FindingList({
  snapshot,
  findings,
  action,
  accepted,
}: {
  snapshot: number;
  findings: readonly Finding[];
  action: string;
  accepted?: ReadonlyMap<string, AcceptedMark>;
}) {
  return (
    <ol aria-label="Findings" className="space-y-2">
      {findings.map((f) => (
        <FindingItem key={f.id} snapshot={snapshot} finding={f} action={action} accepted={accepted?.get(f.id)} />
      ))}
    </ol>
  );
}

/** "101–200 of 7,870" with previous/next links that keep the filters. */
export function FindingPager({ action, filter, page, total, pageSize }: { action: string; filter: FindingFilter; page: number; total: number; pageSize: number }) {
  return <PageNav label="Pages" page={page} pageSize={pageSize} total={total} href={(n) => findingsHref(action, { ...filter, page: n })} />;
}
