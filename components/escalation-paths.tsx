/**
 * The path list: per principal its shortest path as a chain of cards, or the paths of a from/to
 * pair. An empty pair answer says plainly that there is no path.
 */
import Link from "next/link";
import type { EscalationPath } from "@/lib/analysis/paths";
import { formatVertexRef } from "@/lib/analysis/refs";
import { PRINCIPALS_PAGE_SIZE, type EscalationView } from "./escalation-data";
import { escalationHref, isFiltered, parseObjectRef, pathSeverity, refLabel, type EscalationFilter, type PrincipalPaths } from "./escalation-model";
import { PrincipalPathsCard, RefLink } from "./escalation-path";
import { EmptyState, PageNav } from "./ui";

/** A principal whose only path is one CLUSTER_ADMIN_EQUIVALENT hop: it holds cluster admin already. */
function isAlreadyAdmin(g: PrincipalPaths): boolean {
  const first = g.paths[0];
  return g.paths.length === 1 && first !== undefined && first.hops.length === 1 && first.hops[0]?.technique === "CLUSTER_ADMIN_EQUIVALENT";
}

function AlreadyAdmin({ snapshot, groups }: { snapshot: number; groups: readonly PrincipalPaths[] }) {
  return (
    <div className="rounded-xl border border-rose-200 bg-rose-50/50 p-4">
      <h3 className="text-base font-semibold text-slate-900">Already cluster admin ({groups.length})</h3>
      <p className="mt-0.5 text-sm text-slate-600">
        Bound by a ClusterRoleBinding to a role that allows every verb on every resource (CLUSTER_ADMIN_EQUIVALENT), or members of
        system:masters. Make sure each is intended.
      </p>
      <ul aria-label="Already cluster admin" className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {groups.map((g) => {
          const via = g.paths[0]?.hops[0]?.via ?? "";
          const viaRef = parseObjectRef(via);
          return (
            <li key={formatVertexRef(g.from)} className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm">
              <RefLink snapshot={snapshot} refValue={g.from} />
              <span className="block text-xs text-slate-600">
                via {viaRef && viaRef.kind !== "Group" ? <RefLink snapshot={snapshot} refValue={viaRef} /> : via === "Group/system:masters" ? "membership of system:masters" : via}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** "26–50 of 1,279 principals" with previous/next links that keep every filter. */
function PrincipalPager({ action, filter, view }: { action: string; filter: EscalationFilter; view: EscalationView }) {
  if (view.pages <= 1) return null;
  return (
    <PageNav label="Principal pages" prefix="Principals" page={view.page} pageSize={PRINCIPALS_PAGE_SIZE} total={view.totalGroups} href={(n) => escalationHref(action, { ...filter, page: n })}>
      <span className="text-slate-500">
        page {view.page} of {view.pages}
      </span>
    </PageNav>
  );
}

export function EscalationPaths({ snapshot, action, filter, view }: { snapshot: number; action: string; filter: EscalationFilter; view: EscalationView }) {
  const pairHref = (p: EscalationPath) => `${action}?${new URLSearchParams({ from: formatVertexRef(p.from), to: formatVertexRef(p.to) })}`;
  const severityOf = (p: EscalationPath) => pathSeverity(p, view.critical);
  const pair = view.pair;
  const title = pair
    ? `Paths${pair.from ? ` from ${refLabel(pair.from)}` : ""}${pair.to ? ` to ${pair.to.kind === "ClusterAdmin" ? "cluster admin" : refLabel(pair.to)}` : ""}`
    : "Paths per principal";
  return (
    <section aria-labelledby="paths-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="paths-title" className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-sm text-slate-600">
          {view.matchingPaths} of {view.totalPaths} {view.totalPaths === 1 ? "path" : "paths"}
          {isFiltered(filter) ? " match the filters" : ""} · shortest first
          {pair ? (
            <>
              {" · "}
              <Link href={action} className="link">
                all principals
              </Link>
            </>
          ) : null}
        </p>
      </div>
      {view.onlyAdminOf !== undefined ? (
        <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          This snapshot holds about {view.onlyAdminOf} paths; only the paths to cluster admin are listed. Pick a sink above (or set To) for the paths
          to a node or secret.
        </p>
      ) : null}
      {view.error ? (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
          {view.error}
        </p>
      ) : null}
      {!view.error && view.groups.length === 0 ? (
        <EmptyState>
          {pair && view.totalPaths === 0
            ? `No path: ${pair.from ? refLabel(pair.from) : "no principal"} cannot reach ${pair.to ? (pair.to.kind === "ClusterAdmin" ? "cluster admin" : refLabel(pair.to)) : "any sink"} through the modelled techniques.`
            : view.totalPaths === 0
              ? "No principal can escalate to a sink in this snapshot."
              : "No path matches these filters."}
        </EmptyState>
      ) : null}
      {view.groups.some(isAlreadyAdmin) ? <AlreadyAdmin snapshot={snapshot} groups={view.groups.filter(isAlreadyAdmin)} /> : null}
      <div className="space-y-4">
        {view.groups.filter((g) => !isAlreadyAdmin(g)).map((g, i) => (
          <PrincipalPathsCard key={formatVertexRef(g.from)} snapshot={snapshot} group={g} index={i} pairHref={pairHref} severityOf={severityOf} causesOf={(p) => view.hopCauses.get(p)} />
        ))}
      </div>
      <PrincipalPager action={action} filter={filter} view={view} />
    </section>
  );
}
