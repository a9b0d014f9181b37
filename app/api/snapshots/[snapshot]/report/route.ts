import { reportFromSnapshot } from "@/lib/pipeline/report-source";
import { CSV_TABLES, type CsvTable } from "@/lib/report/render/csv";
import { isReportFormat, renderReport, reportFileName } from "@/lib/report/formats";
import { BrowserMissingError } from "@/lib/report/pdf";
import { listAcceptedRisks } from "@/lib/store";
import { ApiError, badRequest, handle, snapshotFor } from "@/app/_data/api";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

/**
 * GET ?format=json|csv|sarif|md|html|pdf [&paper=A4|Letter] [&table=findings|paths|who-can|fixes]:
 * the audit report as a download named after the snapshot and its day.
 */
export function GET(request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    const query = new URL(request.url).searchParams;
    const format = query.get("format") ?? "json";
    if (!isReportFormat(format)) badRequest(`unknown format "${format}" (use json, csv, sarif, md, html or pdf)`);
    const paper = query.get("paper") ?? "A4";
    if (paper !== "A4" && paper !== "Letter") badRequest('paper must be "A4" or "Letter"');
    const table = query.get("table");
    if (table !== null && (format !== "csv" || !(CSV_TABLES as readonly string[]).includes(table))) badRequest(`table applies to format=csv and is one of ${CSV_TABLES.join(", ")}`);
    const snapshot = await snapshotFor((await params).snapshot);
    const model = await reportFromSnapshot(db(), snapshot.id, { acceptances: listAcceptedRisks(db()) });
    let rendered;
    try {
      rendered = await renderReport(model, format, { paper, ...(table ? { csvTable: table as CsvTable } : {}) });
    } catch (error) {
      if (error instanceof BrowserMissingError) throw new ApiError(503, error.message);
      throw error;
    }
    const name = reportFileName(model, rendered.extension, format === "pdf" ? paper.toLowerCase() : (table ?? ""));
    const body = typeof rendered.body === "string" ? rendered.body : new Uint8Array(rendered.body);
    return new Response(body, {
      headers: { "content-type": rendered.mime, "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
    });
  });
}
