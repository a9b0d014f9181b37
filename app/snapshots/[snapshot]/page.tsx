import Link from "next/link";
import { Badge, Card, PageHeader, Stat } from "@/components/ui";
import { clusterHref, snapshotHref } from "@/components/links";
import { AnalysisUnavailable } from "@/components/analysis-state";
import { DownloadMenu } from "@/components/report/download-menu";
import { BarChart } from "@/components/charts/bar-chart";
import { defaultAccountBars, namespaceBars, severityBars, sinkBars } from "@/components/overview-model";
import { findingAcceptance } from "@/lib/query/accepted";
import { listFindings, listNamespaces, loadAnalysis } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";

const KIND_PAGES: Record<string, string> = {
  ServiceAccount: "subjects",
  Role: "roles",
  ClusterRole: "roles",
  RoleBinding: "bindings",
  ClusterRoleBinding: "bindings",
  Pod: "pods",
};

export default async function SnapshotOverview({ params }: { params: Promise<{ snapshot: string }> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const namespaces = await listNamespaces(db(), snapshot.id);
  const analysis = loadAnalysis(db(), snapshot.id);
  const findings = analysis ? listFindings(db(), snapshot.id) : [];
  // Headline counts leave accepted risks out (they stay listed, marked, on the findings page).
  const acceptance = findingAcceptance(db(), findings);
  const open = acceptance.openBySeverity;
  const bySeverity = (level: "Critical" | "High" | "Medium" | "Low") => open[level];
  const adminSink = analysis?.sinks.find((s) => s.sink.kind === "ClusterAdmin");
  const nodesReached = analysis?.sinks.filter((s) => s.sink.kind === "Node" && s.reachedBy > 0).length ?? 0;
  const counts = Object.entries(snapshot.counts).filter(([, n]) => n > 0);
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const origin = snapshot.origin as { files?: string[]; server?: string; context?: string; version?: string };
  return (
    <div className="space-y-6">
      <PageHeader
        title={snapshot.name}
        actions={analysis ? <DownloadMenu snapshot={snapshot.id} /> : undefined}
        subtitle={
          <>
            {snapshot.cluster ? (
              <>
                cluster <Link href={clusterHref(snapshot.cluster)} className="link">{snapshot.cluster}</Link> ·{" "}
              </>
            ) : null}
            {total.toLocaleString("en")} objects · ingested {new Date(snapshot.createdAt).toUTCString()} from{" "}
            <Badge tone="info">{snapshot.source}</Badge>
          </>
        }
      />
      {analysis ? (
        <section aria-label="Risk at a glance" className="grid grid-cols-2 gap-3 lg:grid-cols-6">
          <Link href={snapshotHref(snapshot.id, "escalations")} className="col-span-2 rounded-xl border border-rose-200 bg-rose-50 p-4 shadow-sm hover:border-rose-400">
            <div className="text-3xl font-bold text-rose-700">{adminSink?.reachedBy ?? 0}</div>
            <div className="text-sm font-medium text-rose-900">principals can become cluster admin (control plane excluded)</div>
            <div className="mt-1 text-xs text-rose-800">
              {nodesReached} node{nodesReached === 1 ? "" : "s"} reachable as root · {analysis.fixes.fixes.length} change
              {analysis.fixes.fixes.length === 1 ? "" : "s"} would cut every path
            </div>
          </Link>
          {(["Critical", "High", "Medium", "Low"] as const).map((level) => (
            <Stat key={level} label={`${level} findings`} value={bySeverity(level)} href={`${snapshotHref(snapshot.id, "findings")}?severity=${level}`} />
          ))}
        </section>
      ) : (
        <AnalysisUnavailable snapshot={snapshot.id} state={snapshot.analysisState} what="paths and findings" />
      )}
      {analysis ? (
        <section aria-labelledby="risk-charts-title" className="space-y-3">
          <h2 id="risk-charts-title" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Risk summary
          </h2>
          <div className="grid gap-4 lg:grid-cols-2">
            <BarChart id="chart-sinks" title="Principals per sink" valueLabel="principals" rows={sinkBars(snapshot.id, analysis.sinks)} empty="No principal reaches a sink." />
            <BarChart id="chart-severity" title="Open findings by severity" valueLabel="findings" rows={severityBars(snapshot.id, open)} empty="No findings." />
            <BarChart
              id="chart-namespaces"
              title="Open findings by namespace"
              valueLabel="findings"
              rows={namespaceBars(snapshot.id, findings, acceptance.marks)}
              empty="No open findings."
            />
            <BarChart
              id="chart-defaults"
              title="Most exposed default ServiceAccounts"
              valueLabel="exposure score"
              rows={defaultAccountBars(snapshot.id, analysis.exposure)}
              empty="No default ServiceAccount reaches anything or runs a pod."
            />
          </div>
        </section>
      ) : null}
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Objects</h2>
      <div aria-label="Object counts" className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6">
        {counts.map(([kind, n]) => (
          <Stat key={kind} label={kind} value={n.toLocaleString("en")} href={KIND_PAGES[kind] ? snapshotHref(snapshot.id, KIND_PAGES[kind]) : undefined} />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={`Namespaces (${namespaces.length})`}>
          <div className="flex flex-wrap gap-1.5">
            {namespaces.slice(0, 200).map((ns) => (
              <Badge key={ns}>{ns}</Badge>
            ))}
            {namespaces.length > 200 ? <span className="text-xs text-slate-500">… and {namespaces.length - 200} more</span> : null}
          </div>
        </Card>
        <Card title="Source">
          <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
            {origin.server ? (
              <>
                <dt className="text-slate-500">Server</dt>
                <dd className="font-mono text-xs">{origin.server}</dd>
                <dt className="text-slate-500">Context</dt>
                <dd>{origin.context}</dd>
                <dt className="text-slate-500">Version</dt>
                <dd>{origin.version}</dd>
              </>
            ) : null}
            {origin.files ? (
              <>
                <dt className="text-slate-500">Files</dt>
                <dd className="font-mono text-xs">{origin.files.slice(0, 12).join(", ")}{origin.files.length > 12 ? ` … +${origin.files.length - 12}` : ""}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">SHA-256</dt>
            <dd className="truncate font-mono text-xs" title={snapshot.sha256}>{snapshot.sha256}</dd>
            <dt className="text-slate-500">Input size</dt>
            <dd>{(snapshot.inputBytes / 1024).toFixed(1)} KiB</dd>
          </dl>
        </Card>
      </div>
      {snapshot.unreadable.length > 0 ? (
        <Card title="Not readable">
          <p className="mb-2 text-sm text-amber-800">Answers that depend on these kinds may be incomplete.</p>
          <ul className="list-disc pl-5 text-sm">
            {snapshot.unreadable.map((u) => (
              <li key={u.kind}>not readable: {u.kind} ({u.reason})</li>
            ))}
          </ul>
        </Card>
      ) : null}
      {snapshot.skipped.length > 0 ? (
        <Card title="Skipped kinds">
          <p className="text-sm text-slate-600">
            Read but not kept: {snapshot.skipped.map((s) => `${s.kind} ×${s.count}`).join(", ")}
          </p>
        </Card>
      ) : null}
      {snapshot.warnings.length > 0 ? (
        <Card title={`Warnings (${snapshot.warnings.length})`}>
          <ul className="list-disc space-y-1 pl-5 text-sm text-amber-800">
            {snapshot.warnings.slice(0, 50).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
