import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import sarifSchema from "./schemas/sarif-schema-2.1.0.json";
import reportSchema from "./report.schema.json";
import { renderCsvTable, CSV_TABLES } from "./render/csv";
import { renderHtml } from "./render/html";
import { renderJson } from "./render/json";
import { renderMarkdown } from "./render/markdown";
import { renderSarif } from "./render/sarif";
import { causeKey, describeCause } from "@/lib/analysis/cause";
import { demoReport } from "./test-support";

const report = demoReport();

describe("report of the demo cluster", () => {
  it("renders JSON as the golden file", async () => {
    await expect(renderJson(report)).toMatchFileSnapshot("__golden__/demo.json");
  });

  it("renders each CSV table as its golden file", async () => {
    for (const table of CSV_TABLES) await expect(renderCsvTable(report, table)).toMatchFileSnapshot(`__golden__/demo-${table}.csv`);
  });

  it("renders Markdown as the golden file", async () => {
    await expect(renderMarkdown(report)).toMatchFileSnapshot("__golden__/demo.md");
  });

  it("renders SARIF as the golden file", async () => {
    await expect(renderSarif(report)).toMatchFileSnapshot("__golden__/demo.sarif");
  });

  it("renders HTML as the golden file", async () => {
    await expect(renderHtml(report)).toMatchFileSnapshot("__golden__/demo.html");
  });

  it("writes SARIF that the official SARIF 2.1.0 schema accepts", () => {
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(sarifSchema);
    const sarif = JSON.parse(renderSarif(report)) as { runs: { results: unknown[]; tool: { driver: { rules: { id: string; help: { text: string } }[] } } }[] };
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(validate({ ...sarif, version: "2.0.0" })).toBe(false);
    const run = sarif.runs[0]!;
    expect(run.results).toHaveLength(report.findings.length + report.paths.length);
    expect(run.tool.driver.rules.every((r) => r.help.text.length > 20)).toBe(true);
  });

  it("points SARIF results at the manifest file and line the object was read from", () => {
    const sarif = JSON.parse(renderSarif(report));
    const anonymous = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "ANONYMOUS_BINDING");
    expect(anonymous.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "demo/rbac-teams.yaml", uriBaseId: "%SRCROOT%" },
      region: { startLine: 234 },
    });
  });

  it("writes JSON that its committed JSON Schema accepts", () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(reportSchema);
    expect(validate(JSON.parse(renderJson(report))), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(validate({ ...report, schemaVersion: undefined })).toBe(false);
  });

  it("carries the proof chain: every path hop names its technique and evidence", () => {
    expect(report.paths.length).toBeGreaterThan(0);
    for (const p of report.paths) for (const h of p.hops) expect([h.technique.length > 0, h.via.length > 0]).toEqual([true, true]);
    expect(renderMarkdown(report)).toContain(`via \`${report.paths[0]!.hops[0]!.via}\``);
  });

  it("gives every hop its typed causes, keyed as fixes are, and words them as the analysis does (describeCause)", () => {
    const hops = report.paths.flatMap((p) => p.hops);
    expect(hops.every((h) => h.causes.length > 0)).toBe(true);
    const fieldHop = hops.find((h) => h.causes.some((c) => c.type === "podField" && c.field.kind === "spec"))!;
    const field = fieldHop.causes.find((c) => c.type === "podField")!;
    expect(field.key).toBe(causeKey(field));
    expect(renderMarkdown(report)).toContain(`— enabled by ${describeCause(field)}`);
    expect(renderHtml(report)).toContain(describeCause(field));
    // A fix names a cause by the same key a hop lists it under.
    const fixKeys = new Set(report.fixes.items.map((f) => f.cause));
    expect(hops.some((h) => h.causes.some((c) => fixKeys.has(c.key)))).toBe(true);
  });

  it("lists trusted (control-plane) items, marked, and leaves them out of the headline counts", () => {
    const trustedPaths = report.paths.filter((p) => p.trusted);
    const trustedFindings = report.findings.filter((f) => f.trusted);
    expect([trustedPaths.length > 0, trustedFindings.length > 0]).toEqual([true, true]);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(report.summary.pathsBySeverity)).toBe(report.paths.length - trustedPaths.length);
    expect(sum(report.summary.findingsBySeverity)).toBe(report.findings.length - trustedFindings.length);
    expect([report.summary.trustedPaths, report.summary.trustedFindings]).toEqual([trustedPaths.length, trustedFindings.length]);
    const admins = new Set(report.paths.filter((p) => p.to === "ClusterAdmin" && !p.trusted).map((p) => p.from));
    expect(report.summary.principalsReachingClusterAdmin).toBe(admins.size);
    expect(report.summary.sinks.find((s) => s.sink === "ClusterAdmin")?.reachedBy).toBe(admins.size);
    expect(report.fixes.trustedStarts).toContain("Group/system:masters");
    const masters = report.paths.find((p) => p.from === "Group/system:masters")!;
    expect(renderMarkdown(report)).toContain(`\`${masters.from}\` → \`${masters.to}\` — _control plane (trusted)_`);
    expect(renderCsvTable(report, "paths")).toContain(`${masters.identity},Critical`);
    expect(JSON.parse(renderSarif(report)).runs[0].results.some((r: { message: { text: string } }) => r.message.text.startsWith("[control plane (trusted)] Group/system:masters"))).toBe(true);
  });

  it("carries the owning workload and pod count of pod-level findings and hops", () => {
    const cart = report.findings.find((f) => f.identity === "DEFAULT_SA_AUTOMOUNT:Deployment/checkout/cart")!;
    expect([cart.owner?.ref, cart.podCount, cart.pods?.length]).toEqual(["Deployment/checkout/cart", 2, 2]);
    const podHop = report.paths.flatMap((p) => p.hops).find((h) => h.reaches.startsWith("Pod/") && h.owner !== null)!;
    expect(podHop.podCount).toBeGreaterThan(0);
    expect(renderMarkdown(report)).toContain(`\`${podHop.reaches}\` (${podHop.owner!.ref}, ${podHop.podCount} pod`);
  });
});
