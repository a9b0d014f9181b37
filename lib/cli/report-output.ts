/** What `report` and `scan` share: reading --accept / --baseline files, rendering to --out or stdout. */
import fs from "node:fs";
import path from "node:path";
import { parseAcceptances, type Acceptance } from "@/lib/report/accept";
import { CSV_TABLES, type CsvTable } from "@/lib/report/render/csv";
import { isReportFormat, renderReport, type ReportFormat } from "@/lib/report/formats";
import type { ReportModel } from "@/lib/report/model";
import { BrowserMissingError } from "@/lib/report/pdf";
import { userWorkingDirectory } from "@/lib/store";
import { UsageError } from "./args";
import { InputError } from "./cluster-input";
import type { CliIO } from "./io";

export const REPORT_OUTPUT_OPTIONS = {
  format: { type: "string" },
  out: { type: "string" },
  paper: { type: "string" },
  table: { type: "string" },
  accept: { type: "string" },
} as const;

export function readUserFile(file: string, what: string): string {
  try {
    return fs.readFileSync(path.resolve(userWorkingDirectory(), file), "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read the ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function readAcceptFile(file: string | undefined): Acceptance[] {
  if (file === undefined) return [];
  const parsed = parseAcceptances(readUserFile(file, "accepted-risks file"), file);
  if (!parsed.ok) throw new InputError(parsed.errors.join("\n"));
  return [...parsed.acceptances];
}

export function parseFormat(value: string | undefined, fallback: ReportFormat | undefined): ReportFormat | undefined {
  if (value === undefined) return fallback;
  if (!isReportFormat(value)) throw new UsageError(`unknown --format "${value}" (use json, csv, sarif, md, html or pdf)`);
  return value;
}

export interface OutputRequest {
  readonly format: ReportFormat;
  readonly out: string | undefined;
  readonly paper: "A4" | "Letter" | undefined;
  readonly table: CsvTable | undefined;
}

export function outputRequest(format: ReportFormat, values: { out?: string | undefined; paper?: string | undefined; table?: string | undefined }): OutputRequest {
  let paper: "A4" | "Letter" | undefined;
  if (values.paper !== undefined) {
    const p = values.paper.toLowerCase();
    if (p !== "a4" && p !== "letter") throw new UsageError(`unknown --paper "${values.paper}" (use A4 or Letter)`);
    paper = p === "a4" ? "A4" : "Letter";
  }
  let table: CsvTable | undefined;
  if (values.table !== undefined) {
    if (format !== "csv") throw new UsageError("--table only applies to --format csv");
    if (!(CSV_TABLES as readonly string[]).includes(values.table)) throw new UsageError(`unknown --table "${values.table}" (use ${CSV_TABLES.join(", ")})`);
    table = values.table as CsvTable;
  }
  const binary = format === "pdf" || (format === "csv" && table === undefined);
  if (binary && !values.out) {
    throw new UsageError(format === "pdf" ? "--format pdf writes a binary file: give --out FILE.pdf" : "--format csv writes a zip of four tables: give --out FILE.zip, or --table findings|paths|who-can|fixes for one CSV on stdout");
  }
  return { format, out: values.out, paper, table };
}

/** Renders and writes; returns where it went (for the log line). */
export async function writeReport(model: ReportModel, request: OutputRequest, io: CliIO): Promise<string> {
  let rendered;
  try {
    rendered = await renderReport(model, request.format, { ...(request.paper ? { paper: request.paper } : {}), ...(request.table ? { csvTable: request.table } : {}) });
  } catch (error) {
    if (error instanceof BrowserMissingError) throw new InputError(error.message);
    throw error;
  }
  if (!request.out) {
    io.out(rendered.body.toString());
    return "stdout";
  }
  const target = path.resolve(userWorkingDirectory(), request.out);
  try {
    fs.writeFileSync(target, rendered.body);
  } catch (error) {
    throw new InputError(`${request.out}: cannot write the report: ${error instanceof Error ? error.message : String(error)}`);
  }
  return request.out;
}
