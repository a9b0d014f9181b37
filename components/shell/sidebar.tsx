"use client";
/**
 * The app shell's sidebar: every page of the current snapshot (taken from the URL, "latest"
 * elsewhere), a snapshot picker that keeps the page when switching, and the global search
 * (`/` or Ctrl-K).
 */
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { snapshotHref } from "../links";
import { GlobalSearch } from "./global-search";

const SNAPSHOT_PAGES = [
  ["", "Overview"],
  ["graph", "Graph"],
  ["can-i", "Can-I"],
  ["who-can", "Who-Can"],
  ["subjects", "Subjects"],
  ["roles", "Roles"],
  ["bindings", "Bindings"],
  ["pods", "Pods"],
  ["escalations", "Escalations"],
  ["findings", "Findings"],
  ["reports", "Reports"],
  ["whatif", "What-if"],
] as const;

const GLOBAL_PAGES = [
  ["/clusters", "Clusters"],
  ["/drift", "Drift"],
  ["/trust", "Trust file"],
  ["/snapshots", "Snapshots"],
  ["/upload", "Upload"],
  ["/connect", "Connect"],
] as const;

interface SnapshotOption {
  readonly id: number;
  readonly name: string;
  readonly cluster: string | null;
}

/** Pick a cluster, then a snapshot: snapshots grouped by cluster, clusters by their newest snapshot. */
function byCluster(snapshots: readonly SnapshotOption[]): [string, SnapshotOption[]][] {
  const groups = new Map<string, SnapshotOption[]>();
  for (const s of [...snapshots].sort((a, b) => b.id - a.id)) {
    const key = s.cluster ?? "";
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.entries()];
}

/** `/snapshots/7/roles/…` → { segment: "7", page: "roles/…" }. */
export function snapshotOfPath(pathname: string): { segment: string; page: string } | undefined {
  const match = pathname.match(/^\/snapshots\/([^/]+)(?:\/(.*))?$/);
  return match ? { segment: decodeURIComponent(match[1] ?? ""), page: match[2] ?? "" } : undefined;
}

export function Sidebar() {
  const pathname = usePathname();
  const router = useRouter();
  const current = snapshotOfPath(pathname);
  const segment = current?.segment ?? "latest";
  const [snapshots, setSnapshots] = useState<readonly SnapshotOption[]>([]);
  // until the list arrives the picker says so, rather than "none yet" on a page of snapshot 1
  const [loaded, setLoaded] = useState(false);

  // Segments the list was read with: moving between pages of a snapshot it holds does not read it
  // again (its size grows with every snapshot stored). Other pages, and a snapshot it does not hold
  // yet (just uploaded, or taken by a schedule), read it again.
  const listed = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (current !== undefined && listed.current.has(current.segment)) return;
    fetch("/api/snapshots")
      .then((r) => (r.ok ? (r.json() as Promise<{ snapshots: SnapshotOption[] }>) : { snapshots: [] }))
      .then((body) => {
        listed.current = new Set(["latest", ...body.snapshots.map((s) => String(s.id))]);
        setSnapshots(body.snapshots.map((s) => ({ id: s.id, name: s.name, cluster: s.cluster ?? null })));
      })
      .catch(() => undefined)
      .finally(() => setLoaded(true));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `current` is derived from the pathname
  }, [pathname]);

  const latestId = snapshots.length > 0 ? Math.max(...snapshots.map((s) => s.id)) : undefined;
  const selected = segment === "latest" ? latestId : Number(segment);
  const topPage = (current?.page ?? "").split("/")[0] ?? "";

  return (
    <div className="flex flex-col gap-4 text-sm">
      <Link href="/" className="flex items-center gap-2 px-2 font-semibold text-slate-900">
        <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-gradient-to-br from-indigo-500 to-cyan-500" />
        RBAC Atlas
      </Link>
      <div className="px-2">
        <label htmlFor="snapshot-picker" className="block text-xs font-medium text-slate-500">
          Snapshot
        </label>
        <select
          id="snapshot-picker"
          value={selected ?? ""}
          onChange={(e) => router.push(snapshotHref(e.target.value, topPage === "" || current?.page.includes("/") ? topPage : current?.page ?? ""))}
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
        >
          {snapshots.length === 0 ? <option value="">{loaded ? "none yet" : "loading…"}</option> : null}
          {byCluster(snapshots).map(([cluster, members]) => (
            <optgroup key={cluster} label={cluster === "" ? "no cluster" : cluster}>
              {members.map((s) => (
                <option key={s.id} value={s.id}>
                  #{s.id} {s.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <GlobalSearch snapshot={selected ?? segment} />
      <nav aria-label="Snapshot">
        <ul className="flex flex-col">
          {SNAPSHOT_PAGES.map(([page, label]) => (
            <NavItem key={label} href={snapshotHref(selected ?? segment, page)} label={label} active={current !== undefined && (page === "" ? current.page === "" : topPage === page)} />
          ))}
        </ul>
      </nav>
      <nav aria-label="Main">
        {/* on a snapshot's page the snapshot menu marks it: "/snapshots" must not be current as well */}
        <ul className="flex flex-col border-t border-slate-200 pt-3">
          {GLOBAL_PAGES.map(([href, label]) => (
            <NavItem key={label} href={href} label={label} active={current === undefined && (pathname === href || pathname.startsWith(`${href}/`))} />
          ))}
        </ul>
      </nav>
    </div>
  );
}

function NavItem({ href, label, active }: { href: string; label: string; active: boolean }) {
  return (
    <li>
      <Link
        href={href}
        aria-current={active ? "page" : undefined}
        className={`block rounded-md px-2 py-1.5 ${active ? "bg-indigo-50 font-medium text-indigo-800" : "text-slate-700 hover:bg-slate-100"}`}
      >
        {label}
      </Link>
    </li>
  );
}
