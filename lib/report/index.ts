/** Public surface of lib/report: the report model, its builder, accepted risks, and the renderers. */
export { buildReport, withGraphCauses } from "./build";
export { REPORT_SCHEMA_VERSION, SEVERITIES } from "./model";
export { parseAcceptances, formatAcceptances, compileAcceptances, acceptanceSchema, dayOf, isExpired } from "./accept";
export { renderJson } from "./render/json";
export { renderCsvTable, renderCsvFiles, csvCell, CSV_TABLES } from "./render/csv";
export { renderSarif } from "./render/sarif";
export { renderMarkdown } from "./render/markdown";
export { renderHtml, escapeHtml, HTML_ROW_LIMITS } from "./render/html";
export { zipFiles } from "./zip";
export { scanVerdict, THRESHOLDS } from "./verdict";
export { REPORT_FORMATS, reportFileName, renderReport } from "./formats";

export type { Acceptance, AcceptanceParse } from "./accept";
export type { ReportInput, ReportAnalysis } from "./build";
export type { ReportModel, ReportFinding, ReportPath, AcceptanceStatus } from "./model";
export type { CsvTable } from "./render/csv";
export type { HtmlOptions } from "./render/html";
export type { ScanVerdict, Threshold } from "./verdict";
export type { ReportFormat, RenderedReport } from "./formats";
