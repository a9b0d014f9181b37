/**
 * CSV tables (RFC 4180, CRLF rows). A cell a spreadsheet would read as a formula (starting with
 * = + - @, tab or CR) is prefixed with a single quote, so object names from a cluster can never run
 * as formulas when an auditor opens the file (OWASP "CSV injection").
 */
import type { ReportModel } from "../model";
import { hopEvidenceText, TRUSTED_LABEL } from "./text";

export const CSV_TABLES = ["findings", "paths", "who-can", "fixes"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function table(header: readonly string[], rows: Iterable<readonly (string | number | boolean | null | undefined)[]>): string {
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) lines.push(row.map(csvCell).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

const accepted = (a: { rule: string; owner: string; expires: string; reason: string } | null) => (a ? `accepted by ${a.owner} until ${a.expires}: ${a.reason}` : "");

const trusted = (isTrusted: boolean) => (isTrusted ? TRUSTED_LABEL : "");

export function renderCsvTable(model: ReportModel, name: CsvTable): string {
  switch (name) {
    case "findings":
      return table(
        ["identity", "severity", "rule", "title", "kind", "namespace", "name", "objects", "file", "line", "why", "remediation", "accepted", "trusted", "owner", "pod count"],
        model.findings.map((f) => {
          const o = f.objects[0];
          return [f.identity, f.severity, f.rule, f.title, o?.kind, o?.namespace, o?.name, f.objects.map((x) => x.ref).join(" "), o?.file, o?.line, f.why, f.remediation, accepted(f.accepted), trusted(f.trusted), f.owner?.ref, f.podCount];
        }),
      );
    case "paths":
      return table(
        ["identity", "severity", "from", "to", "hops", "techniques", "evidence", "accepted", "trusted"],
        model.paths.map((p) => [
          p.identity,
          p.severity,
          p.from,
          p.to,
          p.hops.length,
          p.hops.map((h) => h.technique).join(" > "),
          p.hops.map((h) => hopEvidenceText(h, (r) => r, (t) => t, "->")).join(" | "),
          accepted(p.accepted),
          trusted(p.trusted),
        ]),
      );
    case "who-can":
      return table(
        ["permission", "verb", "apiGroup", "resource", "subresource", "subject", "kind", "namespace", "name", "via"],
        model.whoCan.flatMap((w) => w.subjects.map((s) => [w.permission.label, w.permission.verb, w.permission.apiGroup, w.permission.resource, w.permission.subresource, s.subject, s.kind, s.namespace, s.name, s.via.join(" ")])),
      );
    case "fixes":
      return table(
        ["order", "kind", "object", "field", "change", "paths cut", "breaks"],
        model.fixes.items.map((f, i) => [i + 1, f.kind, f.object.ref, f.field, f.change, f.edges, f.breaks.map((b) => `${b.subject} loses ${b.loses.join("; ")}${b.scope ? ` in ${b.scope}` : ""}`).join(" | ")]),
      );
  }
}

export function renderCsvFiles(model: ReportModel): { readonly name: string; readonly content: string }[] {
  return CSV_TABLES.map((name) => ({ name: `${name}.csv`, content: renderCsvTable(model, name) }));
}
