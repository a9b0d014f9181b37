import { FindingFilters, FindingList, FindingPager, SeverityCounts } from "@/components/finding-list";
import { countsFromTally, findingFilter } from "@/components/finding-model";
import type { SearchParams } from "@/components/escalation-model";
import { snapshotHref } from "@/components/links";
import { AnalysisUnavailable } from "@/components/analysis-state";
import { DownloadMenu } from "@/components/report/download-menu";
import { EmptyState, PageHeader } from "@/components/ui";
import { findingAcceptanceOfSnapshot } from "@/lib/query/accepted";
import { analysisStamp, FINDINGS_PAGE_SIZE, listFindings, pageFindings, tallyFindings } from "@/lib/store";
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
  // whether the analysis is stored; the findings themselves are read a page at a time below
  if (analysisStamp(db(), snapshot.id) === undefined) {
    return (
      <div className="space-y-6">
        {header}
        <AnalysisUnavailable snapshot={snapshot.id} state={snapshot.analysisState} what="findings" />
      </div>
    );
  }
  const query = { severity: filter.severity || undefined, rule: filter.rule || undefined, namespace: filter.namespace, page: filter.page, sort: filter.sort };
  const tally = tallyFindings(db(), snapshot.id, { severity: query.severity, rule: query.rule });
  // Headline counts leave out accepted findings and the trusted control plane (v2 §1.11); both stay
  // listed, marked — the control plane's at the end.
  const acceptance = findingAcceptanceOfSnapshot(db(), tally.untrustedBySeverity, () => listFindings(db(), snapshot.id));
  const counts = { ...countsFromTally(tally), bySeverity: acceptance.openBySeverity };
  const page = pageFindings(db(), snapshot.id, query);
  const filtered = Boolean(filter.severity || filter.rule || filter.namespace !== undefined);
  return (
    <div className="space-y-6">
      {header}
      <SeverityCounts action={action} counts={counts} filter={filter} />
      <FindingFilters action={action} counts={counts} filter={filter} namespaces={tally.byNamespace} />
      <p className="text-sm text-slate-600">
        {page.total.toLocaleString("en")} of {tally.total.toLocaleString("en")} findings{filtered ? " match the filters" : ""}, {filter.sort ? `sorted by ${filter.sort.column}${filter.sort.direction === "desc" ? " (descending)" : ""}` : "most severe first"}; pods of one workload are one finding.
        {tally.trusted > 0 ? ` ${tally.trusted.toLocaleString("en")} belong to the trusted control plane: not counted above, listed at the end.` : ""}
        {acceptance.marks.size > 0 ? ` ${acceptance.marks.size.toLocaleString("en")} accepted (marked, not counted above).` : ""}
        {acceptance.expired.length > 0 ? ` ${acceptance.expired.length} accepted risk${acceptance.expired.length === 1 ? " has" : "s have"} expired and no longer apply.` : ""}
      </p>
      {page.total === 0 ? (
        <EmptyState>{tally.total === 0 ? "No findings in this snapshot." : "No finding matches these filters."}</EmptyState>
      ) : (
        <>
          <FindingList snapshot={snapshot.id} findings={page.items} action={action} accepted={acceptance.marks} />
          <FindingPager action={action} filter={filter} page={page.page} total={page.total} pageSize={FINDINGS_PAGE_SIZE} />
        </>
      )}
    </div>
  );
}
