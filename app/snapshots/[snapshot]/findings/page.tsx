import { FindingFilters, FindingList, SeverityCounts } from "@/components/finding-list";
import { countFindings, findingFilter, findingMatches } from "@/components/finding-model";
import type { SearchParams } from "@/components/escalation-model";
import { snapshotHref } from "@/components/links";
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
        <EmptyState>This snapshot has no stored analysis (it failed or predates it). Re-ingest the files to compute findings.</EmptyState>
      </div>
    );
  }
  const all = listFindings(db(), snapshot.id);
  // v2 §1.11: headline counts leave out the trusted control plane; its findings are listed last, marked.
  const counts = countFindings(all.filter((f) => !f.trusted));
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
      </p>
      {shown.length === 0 ? <EmptyState>{all.length === 0 ? "No findings in this snapshot." : "No finding matches these filters."}</EmptyState> : <FindingList snapshot={snapshot.id} findings={shown} action={action} />}
    </div>
  );
}
