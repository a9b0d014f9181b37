import { demoSourceFiles } from "@/lib/pipeline/demo";
import { reportFromSources } from "@/lib/pipeline/report-source";
import type { Acceptance } from "./accept";
import type { ReportModel } from "./model";

/** A fixed instant, so golden files do not change with the clock. */
export const REPORT_NOW = new Date("2026-12-01T12:00:00Z");

/** The bundled demo cluster (default policy + demo manifests) as a report, analysed in memory. */
export function demoReport(acceptances: readonly Acceptance[] = []): ReportModel {
  return reportFromSources(demoSourceFiles(), { acceptances, name: "demo cluster", now: REPORT_NOW });
}
