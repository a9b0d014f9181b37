import { FindingFilters, FindingList, SeverityCounts } from "@/components/finding-list";
import { countFindings, findingFilter, findingMatches } from "@/components/finding-model";
import type { SearchParams } from "@/components/escalation-model";
import { snapshotHref } from "@/components/links";
import { AnalysisUnavailable } from "@/components/analysis-state";
import { DownloadMenu } from "@/components/report/download-menu";
import { EmptyState, PageHeader } from "@/components/ui";
import { findingAcceptance } from "@/lib/query/accepted";
import { listFindings, loadAnalysis } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";

export const metadata = { title: "Findings" };

export default async function FindingsPage({ params, searchParams }: { params: Promise<{ snapshot: string }>; searchParams: Promise<SearchParams> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const filter = findingFilter(await searchParams);
  const action = snapshotHref(snapshot.id, "findings");
  const header = (
    <PageHeader
      title="Findings"
      subtitle="Risky objects, whether or not they complete an escalation path: default accounts with tokens, wildcards, anonymous grants, dangling bindings, pod escapes."
      actions={<DownloadMenu snapshot={snapshot.id} />}
    />
  );
  if (!loadAnalysis(db(), snapshot.id)) {
    return (
      <div className="space-y-6">
        {header}
        <AnalysisUnavailable snapshot={snapshot.id} state={snapshot.analysisState} what="findings" />
      </div>
    );
  }
  const all = listFindings(db(), snapshot.id);
  const acceptance = findingAcceptance(db(), all);
  // Headline counts leave out accepted findings and the trusted control plane (v2 §1.11); both stay
  // listed, marked — the control plane's at the end.
  const counts = { ...countFindings(all.filter((f) => !f.trusted)), bySeverity: acceptance.openBySeverity };
  const matching = all.filter((f) => findingMatches(f, filter));
  const shown = [...matching.filter((f) => !f.trusted), ...matching.filter((f) => f.trusted)];
  const trustedCount = all.filter((f) => f.trusted).length;
  return (
    <div className="space-y-6">
      {header}
      <SeverityCounts action={action} counts={counts} filter={filter} />
      <FindingFilters action={action} counts={counts} filter={filter} />
      <p className="text-sm text-slate-600">
        {shown.length} of {all.length} findings{filter.severity || filter.rule ? " match the filters" : ""}, most severe first; pods of one workload are one finding.
        {trustedCount > 0 ? ` ${trustedCount} belong to the trusted control plane: not counted above, listed at the end.` : ""}
        {acceptance.marks.size > 0 ? ` ${acceptance.marks.size} accepted (marked, not counted above).` : ""}
        {acceptance.expired.length > 0 ? ` ${acceptance.expired.length} accepted risk${acceptance.expired.length === 1 ? " has" : "s have"} expired and no longer apply.` : ""}
      </p>
      {shown.length === 0 ? <EmptyState>{all.length === 0 ? "No findings in this snapshot." : "No finding matches these filters."}</EmptyState> : <FindingList snapshot={snapshot.id} findings={shown} action={action} accepted={acceptance.marks} />}
    </div>
  );
}
