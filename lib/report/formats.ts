/** Every report format, its file name and MIME type, rendered from one model. */
import type { ReportModel } from "./model";
import { renderPdf } from "./pdf";
import { renderCsvFiles, renderCsvTable, type CsvTable } from "./render/csv";
import { renderHtml } from "./render/html";
import { renderJson } from "./render/json";
import { renderMarkdown } from "./render/markdown";
import { renderSarif } from "./render/sarif";
import { zipFiles } from "./zip";

export const REPORT_FORMATS = ["json", "csv", "sarif", "md", "html", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export interface RenderedReport {
  readonly body: string | Buffer;
  readonly mime: string;
  readonly extension: string;
  /** Binary bodies never go to a terminal. */
  readonly binary: boolean;
}

export interface RenderOptions {
  readonly paper?: "A4" | "Letter";
  /** CSV: one table as text instead of the zip of all four. */
  readonly csvTable?: CsvTable;
}

export async function renderReport(model: ReportModel, format: ReportFormat, options: RenderOptions = {}): Promise<RenderedReport> {
  switch (format) {
    case "json":
      return { body: renderJson(model), mime: "application/json", extension: "json", binary: false };
    case "sarif":
      return { body: renderSarif(model), mime: "application/sarif+json", extension: "sarif", binary: false };
    case "md":
      return { body: renderMarkdown(model), mime: "text/markdown; charset=utf-8", extension: "md", binary: false };
    case "html":
      return { body: renderHtml(model, options.paper ? { paper: options.paper } : {}), mime: "text/html; charset=utf-8", extension: "html", binary: false };
    case "csv":
      if (options.csvTable) return { body: renderCsvTable(model, options.csvTable), mime: "text/csv; charset=utf-8", extension: "csv", binary: false };
      return { body: zipFiles(renderCsvFiles(model), new Date(model.generatedAt)), mime: "application/zip", extension: "zip", binary: true };
    case "pdf":
      return { body: await renderPdf(model, options.paper ? { paper: options.paper } : {}), mime: "application/pdf", extension: "pdf", binary: true };
  }
}

/** `rbac-atlas-<snapshot name>-<snapshot day>[-<table>].<ext>`: safe on every file system. */
export function reportFileName(model: ReportModel, extension: string, suffix = ""): string {
  const name = model.snapshot.name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "snapshot";
  const day = model.snapshot.createdAt.slice(0, 10);
  return `rbac-atlas-${name}-${day}${suffix ? `-${suffix}` : ""}.${extension}`;
}
