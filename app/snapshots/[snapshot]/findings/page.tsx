import { FindingFilters, FindingList, SeverityCounts } from "@/components/finding-list";
import { countFindings, findingFilter, findingMatches } from "@/components/finding-model";
import type { SearchParams } from "@/components/escalation-model";
import { snapshotHref } from "@/components/links";
import { AnalysisUnavailable } from "@/components/analysis-state";
import { EmptyState, PageHeader } from "@/components/ui";
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
  const counts = countFindings(all);
  const shown = all.filter((f) => findingMatches(f, filter));
  return (
    <div className="space-y-6">
      {header}
      <SeverityCounts action={action} counts={counts} filter={filter} />
      <FindingFilters action={action} counts={counts} filter={filter} />
      <p className="text-sm text-slate-600">
        {shown.length} of {all.length} findings{filter.severity || filter.rule ? " match the filters" : ""}, most severe first.
      </p>
      {shown.length === 0 ? <EmptyState>{all.length === 0 ? "No findings in this snapshot." : "No finding matches these filters."}</EmptyState> : <FindingList snapshot={snapshot.id} findings={shown} action={action} />}
    </div>
  );
}
