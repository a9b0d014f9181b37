import Link from "next/link";
import { Badge, Table, Td, TextLink } from "@/components/ui";
import { clusterHref, snapshotHref } from "@/components/links";
import { formatAge, type ClusterOverviewEntry } from "@/lib/query/clusters";
import { RunStateBadge } from "./run-state";

/** The all-clusters table, in the order given (highest risk first). */
export function ClusterTable({ clusters }: { clusters: readonly ClusterOverviewEntry[] }) {
  return (
    <Table head={["Cluster", "Paths to cluster admin", "Critical", "High", "Default snapshot", "Age", "Last run"]} caption="Clusters, highest risk first">
      {clusters.map((c) => (
        <tr key={c.name} data-cluster={c.name}>
          <Td>
            <TextLink href={clusterHref(c.name)}>{c.name}</TextLink>
            <div className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-500">
              <Badge tone="info">{c.kind}</Badge>
              {c.server ? <span className="font-mono">{c.server}</span> : null}
            </div>
          </Td>
          <Td>
            {c.risk ? (
              <Link href={snapshotHref(c.snapshot!.id, "escalations")} className={`font-semibold ${c.risk.pathsToClusterAdmin > 0 ? "text-rose-700" : "text-slate-700"} hover:underline`}>
                {c.risk.pathsToClusterAdmin}
              </Link>
            ) : (
              <span className="text-slate-500">–</span>
            )}
          </Td>
          <Td>
            {c.risk ? (
              <Link href={`${snapshotHref(c.snapshot!.id, "findings")}?severity=Critical`} className={`font-semibold ${c.risk.critical > 0 ? "text-rose-700" : "text-slate-700"} hover:underline`}>
                {c.risk.critical}
              </Link>
            ) : (
              <span className="text-slate-500">–</span>
            )}
          </Td>
          <Td>{c.risk ? c.risk.high : <span className="text-slate-500">–</span>}</Td>
          <Td>
            {c.snapshot ? (
              <TextLink href={snapshotHref(c.snapshot.id)}>#{c.snapshot.id}</TextLink>
            ) : (
              <span className="text-slate-500">none analysed</span>
            )}
            <span className="ml-1 text-xs text-slate-500">of {c.snapshots}</span>
          </Td>
          <Td>{c.snapshot ? <span title={c.snapshot.createdAt}>{formatAge(c.snapshot.ageSeconds)}</span> : "–"}</Td>
          <Td>
            {c.lastRun ? (
              <div className="max-w-xs">
                <RunStateBadge state={c.lastRun.state} />
                {c.lastRun.error ? <p className="mt-1 line-clamp-2 text-xs text-rose-800" title={c.lastRun.error}>{c.lastRun.error}</p> : null}
              </div>
            ) : (
              <span className="text-xs text-slate-500">not scheduled</span>
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
