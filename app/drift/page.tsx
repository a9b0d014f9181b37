import Link from "next/link";
import { subjectHref } from "@/components/links";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { snapshotDrift, type SnapshotDrift } from "@/lib/query/drift";
import { findSnapshot, listSnapshots, parseSnapshotId } from "@/lib/store";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "Drift" };

/** Rows shown per section: the counts are always whole, the lists stop here (the CLI gives everything). */
const SHOWN = 200;

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

function List<T>({ label, items, render }: { label: string; items: readonly T[]; render: (item: T) => React.ReactNode }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold text-slate-700">
        {label} ({items.length.toLocaleString("en")})
      </h3>
      <ul aria-label={label} tabIndex={0} className="max-h-96 space-y-0.5 overflow-auto text-sm">
        {items.slice(0, SHOWN).map((item, i) => (
          <li key={i}>{render(item)}</li>
        ))}
      </ul>
      {items.length > SHOWN ? <p className="mt-1 text-xs text-slate-500">First {SHOWN} shown; `rbac-atlas diff -o json` lists all.</p> : null}
    </div>
  );
}

function DriftView({ drift }: { drift: SnapshotDrift }) {
  const key = (o: { kind: string; namespace: string; name: string }) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}`;
  return (
    <div className="space-y-6">
      <Card title="Permissions gained and lost, per subject">
        {drift.permissions.length === 0 ? (
          <EmptyState>No subject gained or lost a grant or a permission.</EmptyState>
        ) : (
          <List
            label="Subjects with changed grants or permissions"
            items={drift.permissions}
            render={(p) => (
              <div className="py-1">
                <Link className="link" href={subjectHref(drift.to, p.subject.kind, p.subject.name, p.subject.namespace)}>
                  {key(p.subject)}
                </Link>
                <ul className="ml-4 font-mono text-xs">
                  {p.gained.slice(0, 20).map((g) => (
                    <li key={`+${g}`} className="text-rose-700">
                      + {g}
                    </li>
                  ))}
                  {p.lost.slice(0, 20).map((g) => (
                    <li key={`-${g}`} className="text-emerald-700">
                      − {g}
                    </li>
                  ))}
                  {p.gained.length + p.lost.length > 40 ? <li className="text-slate-500">… {p.gained.length + p.lost.length} changes in all</li> : null}
                </ul>
                {p.effective.gained.length + p.effective.lost.length > 0 ? (
                  <ul className="ml-4 text-xs" aria-label={`Effective permissions of ${key(p.subject)}`}>
                    {p.effective.gained.slice(0, 20).map((g) => (
                      <li key={`+${g}`} className="text-rose-700">
                        can now <span className="font-mono">{g}</span>
                      </li>
                    ))}
                    {p.effective.lost.slice(0, 20).map((g) => (
                      <li key={`-${g}`} className="text-emerald-700">
                        can no longer <span className="font-mono">{g}</span>
                      </li>
                    ))}
                    {p.effective.gained.length + p.effective.lost.length > 40 ? (
                      <li className="text-slate-500">… {p.effective.gained.length + p.effective.lost.length} permission changes in all</li>
                    ) : null}
                  </ul>
                ) : null}
              </div>
            )}
          />
        )}
      </Card>
      <Card title="Escalation paths">
        <div className="grid gap-4 md:grid-cols-2">
          <List label="Appeared" items={drift.paths.appeared} render={(p) => `${p.from} → ${p.to}`} />
          <List label="Disappeared" items={drift.paths.disappeared} render={(p) => `${p.from} → ${p.to}`} />
        </div>
        {drift.paths.appeared.length + drift.paths.disappeared.length === 0 ? <EmptyState>No escalation path appeared or disappeared.</EmptyState> : null}
      </Card>
      <Card title="Findings">
        <div className="grid gap-4 md:grid-cols-2">
          <List label="New" items={drift.findings.new} render={(f) => `${f.severity} · ${f.id}`} />
          <List label="Fixed" items={drift.findings.fixed} render={(f) => `${f.severity} · ${f.id}`} />
        </div>
        {drift.findings.new.length + drift.findings.fixed.length === 0 ? <EmptyState>No finding is new or fixed.</EmptyState> : null}
      </Card>
      <Card title="Objects">
        <div className="grid gap-4 md:grid-cols-3">
          <List label="Added" items={drift.objects.added} render={key} />
          <List label="Removed" items={drift.objects.removed} render={key} />
          <List label="Changed" items={drift.objects.changed} render={key} />
        </div>
      </Card>
    </div>
  );
}

export default async function DriftPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const snapshots = await listSnapshots(db());
  const ordered = [...snapshots].sort((a, b) => b.id - a.id);
  const fromText = one(search.from) || String(ordered[1]?.id ?? "");
  const toText = one(search.to) || String(ordered[0]?.id ?? "");
  const fromId = parseSnapshotId(fromText);
  const toId = parseSnapshotId(toText);
  const from = fromId === undefined ? undefined : await findSnapshot(db(), fromId);
  const to = toId === undefined ? undefined : await findSnapshot(db(), toId);
  const drift = from && to ? snapshotDrift(db(), from.id, to.id) : undefined;
  const select = (name: string, label: string, value: string) => (
    <label className="text-sm">
      <span className="block text-xs font-medium uppercase tracking-wide text-slate-600">{label}</span>
      <select name={name} defaultValue={value} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5">
        {ordered.map((s) => (
          <option key={s.id} value={s.id}>
            #{s.id} {s.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="space-y-6">
      <PageHeader title="Drift" subtitle="What changed between two snapshots of a cluster: grants per subject, escalation paths, findings, objects." />
      {ordered.length < 2 ? (
        <EmptyState>Drift needs two snapshots; ingest the cluster again later (or upload a second dump) to compare.</EmptyState>
      ) : (
        <form method="get" aria-label="Compare snapshots" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          {select("from", "From", fromText)}
          {select("to", "To", toText)}
          <button type="submit" className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
            Compare
          </button>
        </form>
      )}
      {(fromText && !from) || (toText && !to) ? <EmptyState>Snapshot {!from ? fromText : toText} is not stored.</EmptyState> : null}
      {drift ? (
        <>
          <p className="text-sm text-slate-600">
            Snapshot {drift.from} → {drift.to}: {drift.permissions.length} subjects with changed grants, {drift.paths.appeared.length} paths appeared, {drift.paths.disappeared.length}{" "}
            disappeared, {drift.findings.new.length} new findings, {drift.findings.fixed.length} fixed, {drift.objects.added.length} objects added, {drift.objects.removed.length} removed,{" "}
            {drift.objects.changed.length} changed.
          </p>
          <DriftView drift={drift} />
        </>
      ) : null}
    </div>
  );
}
