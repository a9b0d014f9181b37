import { EscalationFilters } from "@/components/escalation-filters";
import { loadEscalationView } from "@/components/escalation-data";
import { EscalationPaths } from "@/components/escalation-paths";
import { ExposureTable } from "@/components/escalation-exposure";
import { FixSetView } from "@/components/escalation-fixes";
import { escalationFilter, type SearchParams } from "@/components/escalation-model";
import { SinkList } from "@/components/escalation-sinks";
import { TrustedStarts } from "@/components/escalation-trusted";
import { PathGraph } from "@/components/graph-client";
import { snapshotHref } from "@/components/links";
import { AnalysisUnavailable } from "@/components/analysis-state";
import { CriticalPanel } from "@/components/critical-panel";
import { DownloadMenu } from "@/components/report/download-menu";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui";
import { listCritical } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";

export const metadata = { title: "Escalations" };

export default async function EscalationsPage({ params, searchParams }: { params: Promise<{ snapshot: string }>; searchParams: Promise<SearchParams> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const filter = escalationFilter(await searchParams);
  const action = snapshotHref(snapshot.id, "escalations");
  const view = loadEscalationView(db(), snapshot.id, filter);
  const header = (
    <PageHeader title="Escalations" subtitle="Who can become cluster admin, root on a node or read secrets — and exactly how, step by step." actions={<DownloadMenu snapshot={snapshot.id} />} />
  );
  if (!view) {
    return (
      <div className="space-y-6">
        {header}
        <AnalysisUnavailable snapshot={snapshot.id} state={snapshot.analysisState} what="escalation paths and fixes" />
      </div>
    );
  }
  const admin = view.sinks.find((s) => s.sink.kind === "ClusterAdmin");
  const pathsTo = (to: string) => `${action}?${new URLSearchParams({ to })}`;
  return (
    <div className="space-y-6">
      {header}
      <div aria-label="Escalation summary" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Principals that can become cluster admin (control plane excluded)" value={admin?.reachedBy ?? 0} href={pathsTo("ClusterAdmin")} />
        <Stat label="Nodes reachable as root" value={view.sinks.filter((s) => s.reason === "node-root" && s.reachedBy > 0).length} />
        <Stat label="Secrets reachable" value={view.sinks.filter((s) => s.reason === "secret" && s.reachedBy > 0).length} />
        <Stat label="Changes that cut every path to cluster admin" value={view.fixes && view.pair?.to === undefined ? view.fixes.fixes.length : "—"} href="#fix-set" />
      </div>
      <Card title="Sinks">
        <SinkList snapshot={snapshot.id} sinks={view.sinks} pathsHref={pathsTo} />
      </Card>
      <Card title="Control plane (trusted)">
        <p className="text-sm text-slate-600">
          Kubernetes&apos; own components, node kubelets and system:masters hold these powers by design: they are left out of the counts and of the fix set, and their
          paths are listed marked. <a className="text-indigo-700 underline" href="/trust">Edit the trust file</a> to add or remove principals.
        </p>
        <TrustedStarts snapshot={snapshot.id} starts={view.fixes?.trustedStarts ?? []} />
      </Card>
      <Card title="Crown jewels">
        <CriticalPanel snapshot={snapshot.id} items={listCritical(db()).map((m) => ({ ref: m.namespace ? `${m.kind}/${m.namespace}/${m.name}` : `${m.kind}/${m.name}` }))} />
      </Card>
      <EscalationFilters action={action} filter={filter} namespaces={view.namespaces} techniques={view.techniques} starts={view.starts} targets={view.targets} />
      <EscalationPaths snapshot={snapshot.id} action={action} filter={filter} view={view} />
      {view.graph.nodes.length > 0 ? (
        <Card title={view.graphLabel}>
          <PathGraph elements={view.graph} label={`${view.graphLabel}: ${view.graph.nodes.length} vertices, ${view.graph.edges.length} steps (the same paths are listed above as text)`} />
          {view.graph.truncated ? <p className="mt-2 text-xs text-slate-500">Only the first paths are drawn; narrow the filters to see the rest.</p> : null}
        </Card>
      ) : null}
      <section id="fix-set" aria-labelledby="fix-set-title" className="space-y-3">
        <h2 id="fix-set-title" className="text-lg font-semibold text-slate-900">
          Smallest fix set{view.fixes ? ` — to cut every path to ${view.fixes.sinks.map((s) => (s.kind === "ClusterAdmin" ? "cluster admin" : `${s.kind} ${s.namespace ? `${s.namespace}/` : ""}${s.name ?? ""}`)).join(", ")}` : ""}
        </h2>
        {view.fixes ? <FixSetView snapshot={snapshot.id} fixes={view.fixes} /> : <EmptyState>{view.fixesError ?? "No fix set stored."}</EmptyState>}
      </section>
      <section aria-labelledby="exposure-title" className="space-y-3">
        <h2 id="exposure-title" className="text-lg font-semibold text-slate-900">
          Over-privileged ServiceAccounts
        </h2>
        <p className="text-sm text-slate-600">Ranked by exposure: what the account can reach, how many running pods hold its token, and on how many nodes.</p>
        <ExposureTable snapshot={snapshot.id} entries={view.exposure} />
      </section>
    </div>
  );
}
