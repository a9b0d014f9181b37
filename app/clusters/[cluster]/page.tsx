import Link from "next/link";
import { notFound } from "next/navigation";
import { AnalysisStateBadge } from "@/components/analysis-state";
import { RunStateBadge } from "@/components/clusters/run-state";
import { RiskTimeline, type TimelinePoint } from "@/components/clusters/risk-timeline";
import { driftHref, snapshotHref } from "@/components/links";
import { Badge, Card, EmptyState, PageHeader, Table, Td, TextLink } from "@/components/ui";
import { clusterHistory, mayBeDefault, type ClusterHistory } from "@/lib/query/clusters";
import { findClusterByName, type DriftCounts, type RiskCounts } from "@/lib/store";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ cluster: string }> }) {
  return { title: `Cluster ${(await params).cluster}` };
}

function Delta({ now, before }: { now: number; before: number | undefined }) {
  if (before === undefined || before === now) return null;
  const up = now > before;
  return (
    <span className={`ml-1 text-xs ${up ? "text-rose-700" : "text-emerald-700"}`}>
      <span aria-hidden="true">{up ? "▲" : "▼"}</span>
      <span className="sr-only">{up ? "up" : "down"} </span>
      {Math.abs(now - before)}
    </span>
  );
}

function DriftCell({ drift, to }: { drift: DriftCounts; to: number }) {
  const parts: [string, number, number][] = [
    ["paths", drift.pathsAppeared, drift.pathsDisappeared],
    ["grants", drift.grantsGained, drift.grantsLost],
    ["findings", drift.findingsNew, drift.findingsFixed],
  ];
  const unchanged = parts.every(([, a, b]) => a === 0 && b === 0);
  return (
    <Link href={driftHref(drift.from, to)} className="link text-xs" title={`drift from snapshot ${drift.from} to ${to}`}>
      {unchanged
        ? `no change since #${drift.from}`
        : parts
            .filter(([, a, b]) => a + b > 0)
            .map(([label, a, b]) => `${label} +${a} −${b}`)
            .join(" · ")}
    </Link>
  );
}

function riskCells(risk: RiskCounts | null, before: RiskCounts | null | undefined) {
  if (!risk) return ["–", "–", "–"].map((t, i) => <Td key={i}>{t}</Td>);
  return (["pathsToClusterAdmin", "critical", "high"] as const).map((key) => (
    <Td key={key}>
      {risk[key]}
      <Delta now={risk[key]} before={before?.[key]} />
    </Td>
  ));
}

function QuickLinks({ history }: { history: ClusterHistory }) {
  const to = history.defaultSnapshot;
  if (to === null) return null;
  const previous = history.timeline.find((p) => p.id === to)?.previous ?? null;
  const yesterday = history.dayAgoSnapshot;
  const button = "rounded-md px-3 py-1.5 text-sm font-medium";
  return (
    <div className="flex flex-wrap gap-2">
      {yesterday !== null && yesterday !== to ? (
        <Link href={driftHref(yesterday, to)} className={`${button} bg-indigo-600 text-white hover:bg-indigo-700`}>
          What changed since yesterday
        </Link>
      ) : (
        <span className={`${button} border border-slate-200 text-slate-600`}>No snapshot from 24 hours ago yet</span>
      )}
      {previous !== null ? (
        <Link href={driftHref(previous, to)} className={`${button} border border-indigo-300 text-indigo-700 hover:bg-indigo-50`}>
          Since the previous snapshot
        </Link>
      ) : null}
      <Link href={snapshotHref(to)} className={`${button} border border-slate-300 text-slate-700 hover:bg-slate-50`}>
        Open snapshot #{to}
      </Link>
    </div>
  );
}

export default async function ClusterPage({ params }: { params: Promise<{ cluster: string }> }) {
  const cluster = findClusterByName(db(), (await params).cluster);
  if (!cluster) notFound();
  const history = clusterHistory(db(), cluster);
  // The chart and the ▲▼ follow the snapshots that can be a default (incomplete reads would dip falsely).
  const ready = history.timeline.filter((p): p is typeof p & { risk: RiskCounts } => mayBeDefault(p) && p.risk !== null);
  const points: TimelinePoint[] = [...ready].reverse();
  const riskById = new Map(ready.map((p) => [p.id, p.risk]));
  return (
    <div className="space-y-6">
      <PageHeader
        title={cluster.name}
        subtitle={
          <>
            <Badge tone="info">{cluster.kind}</Badge> {cluster.server ? <span className="font-mono">{cluster.server}</span> : null}
            {cluster.caFingerprint ? <span className="ml-2 font-mono text-xs" title="SHA-256 fingerprint of the API server's CA">CA {cluster.caFingerprint.slice(0, 23)}…</span> : null} ·{" "}
            {history.timeline.length} snapshot{history.timeline.length === 1 ? "" : "s"} · default{" "}
            {history.defaultSnapshot === null ? "none (no analysed snapshot)" : `#${history.defaultSnapshot}`}
          </>
        }
        actions={<TextLink href="/clusters">All clusters</TextLink>}
      />
      <QuickLinks history={history} />
      <Card title="Risk over time">
        <RiskTimeline points={points} />
      </Card>
      <Card title="Snapshots and drift">
        {history.timeline.length === 0 ? (
          <EmptyState>No snapshot of this cluster is stored.</EmptyState>
        ) : (
          <Table head={["Snapshot", "Taken (UTC)", "Analysis", "Paths to admin", "Critical", "High", "Changed since previous"]} caption="Snapshots of the cluster, newest first">
            {history.timeline.map((p) => (
              <tr key={p.id} data-snapshot={p.id}>
                <Td>
                  <TextLink href={snapshotHref(p.id)}>#{p.id}</TextLink>
                  {p.id === history.defaultSnapshot ? (
                    <span className="ml-1">
                      <Badge tone="good">default</Badge>
                    </span>
                  ) : null}
                </Td>
                <Td>{p.createdAt.slice(0, 19).replace("T", " ")}</Td>
                <Td>
                  <AnalysisStateBadge state={p.analysisState} />
                  {p.incomplete ? (
                    <span className="ml-1">
                      <Badge tone="warn">incomplete</Badge>
                    </span>
                  ) : null}
                </Td>
                {riskCells(p.risk, p.previous === null ? undefined : riskById.get(p.previous))}
                <Td>
                  {p.incomplete ? (
                    <span className="text-xs text-slate-600">read less than the snapshot before: never the default</span>
                  ) : p.drift ? (
                    <DriftCell drift={p.drift} to={p.id} />
                  ) : p.previous !== null && p.analysisState === "ready" ? (
                    <TextLink href={driftHref(p.previous, p.id)}>compare with #{p.previous}</TextLink>
                  ) : (
                    <span className="text-xs text-slate-600">{p.analysisState === "ready" ? "first snapshot" : "not analysed: never the default"}</span>
                  )}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title="Scheduled runs">
        {history.runs.length === 0 ? (
          <p className="text-sm text-slate-500">
            No scheduled run recorded. <code>rbac-atlas serve --every 1h --context {cluster.name}</code> or a CronJob running <code>rbac-atlas schedule</code> takes one regularly.
          </p>
        ) : (
          <Table head={["Started (UTC)", "Context", "Result", "Snapshot", "Why"]} caption="Scheduled runs, newest first">
            {history.runs.map((r) => (
              <tr key={r.id}>
                <Td>{r.startedAt.slice(0, 19).replace("T", " ")}</Td>
                <Td mono>{r.context}</Td>
                <Td>
                  <RunStateBadge state={r.state} />
                </Td>
                <Td>{r.snapshotId === null ? "–" : <TextLink href={snapshotHref(r.snapshotId)}>#{r.snapshotId}</TextLink>}</Td>
                <Td>
                  <span className="text-xs text-slate-700">{r.error}</span>
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
