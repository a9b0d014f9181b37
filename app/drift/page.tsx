import Link from "next/link";
import { subjectHref } from "@/components/links";
import { Card, EmptyState, PageHeader, PageNav } from "@/components/ui";
import { snapshotDrift } from "@/lib/query/drift";
import { markDriftTrust, untrustedCount, type MarkedDrift } from "@/lib/query/drift-trust";
import { findClusterByName, findSnapshot, listSnapshots, parseSnapshotId, previousReadySnapshotId, type SnapshotSummary } from "@/lib/store";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "Drift" };

/** Rows shown per section: the counts are always whole, the lists stop here (the CLI gives everything). */
const SHOWN = 200;
/** Subjects per page of the permission changes (each can carry many lines: at L, 200 of them were 1–1.5 MB of HTML). */
const SUBJECTS_PER_PAGE = 50;
/** Lines shown per subject and list (grants gained, lost; permissions gained, lost); the rest is counted. */
const LINES_SHOWN = 10;

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

function List<T>({ label, items, render, count }: { label: string; items: readonly T[]; render: (item: T) => React.ReactNode; count?: string }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold text-slate-700">
        {label} ({count ?? items.length.toLocaleString("en")})
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

/** v2 §1.11: the trusted control plane's paths and findings are listed last and marked, and counted apart. */
function trustedLast<T extends { trusted: boolean }>(items: readonly T[]): { items: T[]; count: string } {
  const trusted = items.filter((i) => i.trusted).length;
  const count = (items.length - trusted).toLocaleString("en");
  return { items: [...items.filter((i) => !i.trusted), ...items.filter((i) => i.trusted)], count: trusted > 0 ? `${count} + ${trusted.toLocaleString("en")} trusted` : count };
}

const trustedMark = (item: { trusted: boolean }) => (item.trusted ? " · control plane (trusted)" : "");

function DriftView({ drift, page, pageHref }: { drift: MarkedDrift; page: number; pageHref: (page: number) => string }) {
  const key = (o: { kind: string; namespace: string; name: string }) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}`;
  const pages = Math.max(1, Math.ceil(drift.permissions.length / SUBJECTS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const subjects = drift.permissions.slice((current - 1) * SUBJECTS_PER_PAGE, current * SUBJECTS_PER_PAGE);
  return (
    <div className="space-y-6">
      <Card title="Permissions gained and lost, per subject">
        {drift.permissions.length === 0 ? (
          <EmptyState>No subject gained or lost a grant or a permission.</EmptyState>
        ) : (
          <>
            <List
              label="Subjects with changed grants or permissions"
              items={subjects}
              count={drift.permissions.length.toLocaleString("en")}
              render={(p) => (
                <div className="py-1">
                  <Link className="link" href={subjectHref(drift.to, p.subject.kind, p.subject.name, p.subject.namespace)}>
                    {key(p.subject)}
                  </Link>
                  <ul className="ml-4 font-mono text-xs">
                    {p.gained.slice(0, LINES_SHOWN).map((g) => (
                      <li key={`+${g}`} className="text-rose-700">
                        + {g}
                      </li>
                    ))}
                    {p.lost.slice(0, LINES_SHOWN).map((g) => (
                      <li key={`-${g}`} className="text-emerald-700">
                        − {g}
                      </li>
                    ))}
                    {p.gained.length > LINES_SHOWN || p.lost.length > LINES_SHOWN ? <li className="text-slate-500">… {p.gained.length + p.lost.length} changes in all</li> : null}
                  </ul>
                  {p.effective.gained.length + p.effective.lost.length > 0 ? (
                    <ul className="ml-4 text-xs" aria-label={`Effective permissions of ${key(p.subject)}`}>
                      {p.effective.gained.slice(0, LINES_SHOWN).map((g) => (
                        <li key={`+${g}`} className="text-rose-700">
                          can now <span className="font-mono">{g}</span>
                        </li>
                      ))}
                      {p.effective.lost.slice(0, LINES_SHOWN).map((g) => (
                        <li key={`-${g}`} className="text-emerald-700">
                          can no longer <span className="font-mono">{g}</span>
                        </li>
                      ))}
                      {p.effective.gained.length > LINES_SHOWN || p.effective.lost.length > LINES_SHOWN ? (
                        <li className="text-slate-500">… {p.effective.gained.length + p.effective.lost.length} permission changes in all</li>
                      ) : null}
                    </ul>
                  ) : null}
                </div>
              )}
            />
            <PageNav className="mt-3" label="Subject pages" prefix="Subjects" noun="subjects" page={current} pageSize={SUBJECTS_PER_PAGE} total={drift.permissions.length} href={pageHref} />
          </>
        )}
      </Card>
      <Card title="Escalation paths">
        <div className="grid gap-4 md:grid-cols-2">
          <List label="Appeared" {...trustedLast(drift.paths.appeared)} render={(p) => `${p.from} → ${p.to}${trustedMark(p)}`} />
          <List label="Disappeared" {...trustedLast(drift.paths.disappeared)} render={(p) => `${p.from} → ${p.to}${trustedMark(p)}`} />
        </div>
        {drift.paths.appeared.length + drift.paths.disappeared.length === 0 ? <EmptyState>No escalation path appeared or disappeared.</EmptyState> : null}
      </Card>
      <Card title="Findings">
        <div className="grid gap-4 md:grid-cols-2">
          <List label="New" {...trustedLast(drift.findings.new)} render={(f) => `${f.severity} · ${f.id}${trustedMark(f)}`} />
          <List label="Fixed" {...trustedLast(drift.findings.fixed)} render={(f) => `${f.severity} · ${f.id}${trustedMark(f)}`} />
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

/** Snapshots offered per other cluster in the pickers (the pair's own cluster lists all of its own); any id works in the URL. */
const OTHER_CLUSTER_SNAPSHOTS = 3;

export default async function DriftPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const snapshots = await listSnapshots(db());
  const ordered = [...snapshots].sort((a, b) => b.id - a.id);
  const toText = one(search.to) || String(ordered[0]?.id ?? "");
  const toId = parseSnapshotId(toText);
  const to = toId === undefined ? undefined : await findSnapshot(db(), toId);
  // "What changed since the last snapshot": by default the snapshot analysed before `to` in the same
  // cluster; without one (a cluster's first snapshot), the snapshot before it in the whole database.
  const fromText = one(search.from) || String((to && previousInCluster(to)) ?? ordered.find((s) => to === undefined || s.id < to.id)?.id ?? "");
  const fromId = parseSnapshotId(fromText);
  const from = fromId === undefined ? undefined : await findSnapshot(db(), fromId);
  const drift = from && to ? markDriftTrust(db(), snapshotDrift(db(), from.id, to.id)) : undefined;
  const groups = pickerGroups(ordered, to?.cluster ?? null, [from?.id, to?.id]);
  const select = (name: string, label: string, value: string) => (
    <label className="text-sm">
      <span className="block text-xs font-medium uppercase tracking-wide text-slate-600">{label}</span>
      <select name={name} defaultValue={value} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5">
        {groups.map(([cluster, members]) => (
          <optgroup key={cluster} label={`cluster ${cluster}`}>
            {members.map((s) => (
              <option key={s.id} value={s.id}>
                #{s.id} {s.name}
              </option>
            ))}
          </optgroup>
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
            Snapshot {drift.from} → {drift.to}
            {from?.cluster && from.cluster === to?.cluster ? ` of cluster ${from.cluster}` : ""}: {drift.permissions.length} subjects with changed grants,{" "}
            {untrustedCount(drift.paths.appeared)} paths appeared, {untrustedCount(drift.paths.disappeared)} disappeared, {untrustedCount(drift.findings.new)} new findings,{" "}
            {untrustedCount(drift.findings.fixed)} fixed (the trusted control plane left out), {drift.objects.added.length} objects added, {drift.objects.removed.length} removed,{" "}
            {drift.objects.changed.length} changed.
          </p>
          {from && to && from.cluster !== to.cluster ? (
            <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              These snapshots belong to different clusters ({from.cluster ?? "none"} and {to.cluster ?? "none"}): everything one has and the other lacks counts as a change.
            </p>
          ) : null}
          <DriftView drift={drift} page={Number.parseInt(one(search.page), 10) || 1} pageHref={(n) => `/drift?${new URLSearchParams({ from: String(drift.from), to: String(drift.to), page: String(n) })}`} />
        </>
      ) : null}
    </div>
  );
}

function previousInCluster(to: SnapshotSummary): number | undefined {
  const cluster = to.cluster === null ? undefined : findClusterByName(db(), to.cluster);
  return cluster ? previousReadySnapshotId(db(), cluster.id, to.id) : undefined;
}

/**
 * The pickers' options, by cluster: the pair's own cluster first with every snapshot, then each other
 * cluster's newest few (with 200 clusters of 48 snapshots each, listing all would be ~1 MB a page),
 * and the chosen pair always.
 */
function pickerGroups(ordered: readonly SnapshotSummary[], own: string | null, chosen: readonly (number | undefined)[]): [string, SnapshotSummary[]][] {
  const groups = new Map<string, SnapshotSummary[]>();
  const name = (s: SnapshotSummary) => s.cluster ?? "(none)";
  if (own !== null) groups.set(own, []);
  for (const s of ordered) {
    const members = groups.get(name(s)) ?? [];
    groups.set(name(s), members);
    if (name(s) === own || members.length < OTHER_CLUSTER_SNAPSHOTS || chosen.includes(s.id)) members.push(s);
  }
  return [...groups.entries()].filter(([, members]) => members.length > 0);
}
