/**
 * SARIF 2.1.0 for code scanning: one rule per finding rule and per escalation technique, with help
 * text; one result per finding and per escalation path. Results point at the manifest file and line
 * when the snapshot came from files (so a pull request gets annotated), else at a logical location
 * (the object reference). Accepted items carry an "accepted" suppression; a baseline-stable
 * fingerprint is the report identity.
 */
import type { Severity } from "@/lib/analysis/technique";
import { techniqueText } from "@/lib/query/technique-text";
import type { ObjectRefWithOrigin, ReportFinding, ReportModel, ReportPath } from "../model";
import { hopEvidenceText, TRUSTED_LABEL, workloadText } from "./text";

type Level = "error" | "warning" | "note";
const LEVEL: Record<Severity, Level> = { Critical: "error", High: "error", Medium: "warning", Low: "note" };
/** GitHub code scanning reads `security-severity` (0–10) to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string> = { Critical: "9.5", High: "8.0", Medium: "5.5", Low: "3.0" };
const INFORMATION_URI = "https://github.com/rbac-atlas/rbac-atlas";

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: Level };
  properties: { tags: string[]; "security-severity": string; precision: string };
}

function ruleName(id: string): string {
  return id
    .toLowerCase()
    .split("_")
    .map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");
}

function artifactUri(file: string): string {
  const slashed = file.replace(/\\/g, "/");
  if (slashed.startsWith("/")) return `file://${encodeURI(slashed)}`;
  return encodeURI(slashed.replace(/^\.\//, ""));
}

function location(o: { ref: string; file?: string | undefined; line?: number | undefined }, kind: string) {
  const logicalLocations = [{ fullyQualifiedName: o.ref, kind }];
  if (!o.file || o.file === "-") return { logicalLocations };
  const relative = !o.file.startsWith("/");
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(o.file), ...(relative ? { uriBaseId: "%SRCROOT%" } : {}) },
      ...(o.line ? { region: { startLine: o.line } } : {}),
    },
    logicalLocations,
  };
}

function findingRule(f: ReportFinding): SarifRule {
  return {
    id: f.rule,
    name: ruleName(f.rule),
    shortDescription: { text: `RBAC finding ${f.rule}` },
    fullDescription: { text: f.why },
    help: { text: `${f.why}\n\nRemediation: ${f.remediation}`, markdown: `${f.why}\n\n**Remediation:** ${f.remediation}` },
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: { tags: ["security", "kubernetes", "rbac"], "security-severity": SECURITY_SEVERITY[f.severity], precision: "high" },
  };
}

function techniqueRule(id: string, severity: Severity): SarifRule {
  const text = techniqueText(id);
  const how = text.how ?? `Escalation technique ${id}.`;
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: text.name },
    fullDescription: { text: how },
    help: {
      text: `${how}\n\nAn escalation path starts with this step. Remove the binding or pod-spec field named as evidence (see the report's fix set for the smallest set of changes).`,
      markdown: `**${text.name}** — ${how}\n\nAn escalation path starts with this step. Remove the binding or pod-spec field named as evidence (see the report's fix set for the smallest set of changes).`,
    },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: ["security", "kubernetes", "rbac", "privilege-escalation"], "security-severity": SECURITY_SEVERITY[severity], precision: "high" },
  };
}

/** Trusted items stay listed (v2 §2.6 listing rule), marked; `scan` never fails on them. */
const trustedPrefix = (trusted: boolean) => (trusted ? `[${TRUSTED_LABEL}] ` : "");

const suppression = (a: ReportFinding["accepted"]) =>
  a ? { suppressions: [{ kind: "external", status: "accepted", justification: `${a.reason} (owner ${a.owner}, until ${a.expires})` }] } : {};

function pathLocations(p: ReportPath) {
  const first = p.hops[0];
  const start: ObjectRefWithOrigin & { file?: string; line?: number } = first?.viaOrigin
    ? { kind: "", namespace: null, name: null, ref: first.via, file: first.viaOrigin.file, ...(first.viaOrigin.line ? { line: first.viaOrigin.line } : {}) }
    : { kind: "", namespace: null, name: null, ref: first?.via ?? p.from };
  return [location(start, "resource")];
}

export function renderSarif(model: ReportModel): string {
  const rules = new Map<string, SarifRule>();
  const rank = (s: Severity) => ["Critical", "High", "Medium", "Low"].indexOf(s);
  for (const f of model.findings) {
    const known = rules.get(f.rule);
    if (!known || rank(f.severity) < rank(severityOfLevel(known))) rules.set(f.rule, findingRule(f));
  }
  for (const p of model.paths) {
    const technique = p.hops[0]?.technique;
    if (!technique) continue;
    const known = rules.get(technique);
    if (!known) rules.set(technique, techniqueRule(technique, p.severity));
  }
  const ruleList = [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));

  const results = [
    ...model.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule) as number,
      level: LEVEL[f.severity],
      message: { text: `${trustedPrefix(f.trusted)}${f.title}${f.owner ? ` (workload ${workloadText(f.owner, f.podCount)})` : ""}. ${f.remediation}` },
      locations: f.objects.slice(0, 1).map((o) => location(o, "resource")),
      partialFingerprints: { "rbacAtlasIdentity/v1": f.identity },
      properties: { severity: f.severity, objects: f.objects.map((o) => o.ref), trusted: f.trusted, owner: f.owner?.ref ?? null, podCount: f.podCount },
      ...suppression(f.accepted),
    })),
    ...model.paths
      .filter((p) => p.hops.length > 0)
      .map((p) => {
        const technique = p.hops[0]!.technique;
        return {
          ruleId: technique,
          ruleIndex: ruleIndex.get(technique) as number,
          level: LEVEL[p.severity],
          message: {
            text: `${trustedPrefix(p.trusted)}${p.from} can reach ${p.to} in ${p.hops.length} hop${p.hops.length === 1 ? "" : "s"}: ${p.hops.map((h) => `${h.technique} via ${hopEvidenceText(h, (r) => r)}`).join("; ")}`,
          },
          locations: pathLocations(p),
          relatedLocations: p.hops.map((h, i) => ({
            id: i + 1,
            message: { text: `hop ${i + 1}: ${h.techniqueName} → ${h.reaches}` },
            ...location({ ref: h.via, ...(h.viaOrigin ?? {}) }, "resource"),
          })),
          partialFingerprints: { "rbacAtlasIdentity/v1": p.identity },
          properties: { severity: p.severity, from: p.from, to: p.to, trusted: p.trusted },
          ...suppression(p.accepted),
        };
      }),
  ];

  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "rbac-atlas", semanticVersion: model.tool.version, informationUri: INFORMATION_URI, rules: ruleList } },
        automationDetails: { id: `rbac-atlas/${model.snapshot.name}/` },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The directory the manifests were read from (the repository root in CI)." } } },
        results,
        properties: { schemaVersion: model.schemaVersion, snapshot: model.snapshot.name, generatedAt: model.generatedAt },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function severityOfLevel(rule: SarifRule): Severity {
  const entry = Object.entries(SECURITY_SEVERITY).find(([, v]) => v === rule.properties["security-severity"]);
  return (entry?.[0] as Severity | undefined) ?? "Low";
}
