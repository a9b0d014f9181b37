import { AcceptForm } from "@/components/report/accept-form";
import { AcceptedList } from "@/components/report/accepted-list";
import { REPORT_DOWNLOADS, reportHref } from "@/components/report/download-menu";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { reportFromSnapshot } from "@/lib/pipeline/report-source";
import { reportFileName } from "@/lib/report/formats";
import { listAcceptedRisks, loadAnalysis } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";

export const metadata = { title: "Reports" };

const EXTENSION: Record<string, string> = { pdf: "pdf", "pdf-letter": "pdf", html: "html", md: "md", json: "json", sarif: "sarif", csv: "zip" };

export default async function ReportsPage({ params }: { params: Promise<{ snapshot: string }> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const header = <PageHeader title="Reports" subtitle="Audit reports of this snapshot for auditors and CI, and the risks you accepted." />;
  if (!loadAnalysis(db(), snapshot.id)) {
    return (
      <div className="space-y-6">
        {header}
        <EmptyState>This snapshot has no stored analysis (it failed or predates it). Re-ingest the files to report on it.</EmptyState>
      </div>
    );
  }
  const model = await reportFromSnapshot(db(), snapshot.id, { acceptances: listAcceptedRisks(db()) });
  const s = model.summary;
  return (
    <div className="space-y-6">
      {header}
      <Card title="Download">
        <p className="mb-3 text-sm text-slate-600">
          Every format holds the same report: {s.findingsBySeverity.Critical} critical and {s.findingsBySeverity.High} high findings, {model.paths.length} escalation paths with their evidence, who holds
          dangerous permissions, and the {s.fixSetSize} fixes that cut every path to cluster admin. Accepted risks ({s.acceptedFindings} findings, {s.acceptedPaths} paths) are marked and left out of the counts.
        </p>
        <ul aria-label="Report downloads" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
          {REPORT_DOWNLOADS.map((d) => (
            <li key={d.format}>
              <a href={reportHref(snapshot.id, d.query)} download className="block rounded-lg border border-slate-200 bg-white p-3 shadow-sm hover:border-indigo-300">
                <span className="block font-medium text-slate-900">{d.label}</span>
                <span className="block truncate font-mono text-xs text-slate-500">{reportFileName(model, EXTENSION[d.format] ?? d.format, d.format.startsWith("pdf") ? (d.format === "pdf" ? "a4" : "letter") : "")}</span>
              </a>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Accepted risks">
        <div className="space-y-3">
          <p className="text-sm text-slate-600">
            Accepted findings and paths stay visible, marked, but leave headline counts and the <code>scan</code> verdict until they expire. The same list is the{" "}
            <a className="text-indigo-700 underline" href="/api/accepted-risks?format=yaml" download>
              YAML file
            </a>{" "}
            that <code>rbac-atlas scan --accept FILE</code> reads.
          </p>
          <AcceptedList items={model.acceptances} />
          <AcceptForm label="Accept a risk (finding rule or path technique)" />
        </div>
      </Card>
    </div>
  );
}
