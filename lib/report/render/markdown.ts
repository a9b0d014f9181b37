/** Markdown: the whole report, for a pull-request comment or a wiki page. */
import { SEVERITIES, type ReportModel } from "../model";
import { fixBreaksText, headlineText, hopCausesText, hopEvidenceText, sourceText, statusText, TRUSTED_LABEL, trustedSummaryText, workloadText } from "./text";

const cell = (v: string | number | null | undefined) =>
  String(v ?? "")
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");

function table(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  if (rows.length === 0) return "_none_\n";
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n") + "\n";
}

export function renderMarkdown(model: ReportModel): string {
  const s = model.summary;
  const out: string[] = [];
  out.push(`# RBAC audit report — ${cell(model.snapshot.name)}`, "");
  out.push(
    `Generated ${model.generatedAt} by rbac-atlas ${model.tool.version} (catalog: ${model.catalog.name} v${model.catalog.version}, report schema ${model.schemaVersion}).`,
    "",
  );
  out.push(`- Snapshot: ${model.snapshot.id === null ? "files analysed in memory" : `#${model.snapshot.id}`}, taken ${model.snapshot.createdAt}`);
  out.push(`- Source: ${sourceText(model.snapshot.source)}`);
  if (model.snapshot.kubernetesVersion) out.push(`- Kubernetes ${model.snapshot.kubernetesVersion}`);
  out.push(`- Objects: ${Object.entries(model.snapshot.objectsByKind).map(([k, n]) => `${k} ${n}`).join(", ")}`);
  if (model.snapshot.unreadableKinds.length > 0) out.push(`- **Unreadable kinds** (answers may be incomplete): ${model.snapshot.unreadableKinds.map((u) => `${u.kind} (${u.reason})`).join(", ")}`);
  out.push("", "## Summary", "", headlineText(model), "");
  out.push(table(["", ...SEVERITIES], [["Findings", ...SEVERITIES.map((v) => s.findingsBySeverity[v])], ["Paths", ...SEVERITIES.map((v) => s.pathsBySeverity[v])]]));
  if (s.acceptedFindings + s.acceptedPaths > 0) out.push(`Accepted risks hide ${s.acceptedFindings} findings and ${s.acceptedPaths} paths from these counts.`, "");
  const trusted = trustedSummaryText(model);
  if (trusted) out.push(trusted, "");
  out.push("### Sinks and who reaches them", "", table(["Sink", "Reason", "Principals reaching it"], s.sinks.map((x) => [x.sink, x.reason, x.reachedBy])));

  out.push(`## Findings (${model.findings.length})`, "");
  out.push(
    table(
      ["Severity", "Rule", "Object", "Workload", "Title", "Remediation", "Status"],
      model.findings.map((f) => [f.severity, f.rule, f.objects[0]?.ref, workloadText(f.owner, f.podCount), f.title, f.remediation, statusText(f)]),
    ),
  );

  out.push(`## Escalation paths (${model.paths.length})`, "");
  for (const p of model.paths) {
    const status = statusText(p);
    out.push(`- **${cell(p.severity)}** \`${p.from}\` → \`${p.to}\`${status ? ` — _${cell(status)}_` : ""}`);
    for (const [i, h] of p.hops.entries()) {
      const causes = hopCausesText(h);
      out.push(`  ${i + 1}. ${h.techniqueName} (\`${h.technique}\`) via ${hopEvidenceText(h, (r) => `\`${r}\``, cell)}${causes ? ` — ${cell(causes)}` : ""}`);
    }
  }
  if (model.paths.length === 0) out.push("_none_");
  out.push("");

  out.push("## Default-account exposure", "");
  out.push(table(["Rank", "ServiceAccount", "Default", "Reaches", "Pods", "Nodes", "Score"], model.exposure.filter((e) => e.score > 0 || e.level).map((e) => [e.rank, e.serviceAccount, e.isDefault ? "yes" : "", e.level ?? "", e.pods, e.nodes, e.score])));

  out.push("## Who holds dangerous permissions", "");
  out.push(table(["Permission", "Subjects", "Who"], model.whoCan.map((w) => [w.permission.label, w.subjects.length, w.subjects.map((x) => x.subject).join(", ")])));

  out.push(`## Smallest fix set (${model.fixes.items.length} change${model.fixes.items.length === 1 ? "" : "s"}${model.fixes.possible ? "" : "; some paths cannot be cut by removing bindings or pod-spec fields"})`, "");
  out.push(table(["#", "Object", "Change", "Paths cut", "What it breaks"], model.fixes.items.map((f, i) => [i + 1, f.object.ref, f.change, f.edges, fixBreaksText(f)])));
  if (model.fixes.trustedStarts.length > 0) out.push(`Trusted starts reaching a sink (${TRUSTED_LABEL}; never cut): ${model.fixes.trustedStarts.map((x) => `\`${x}\``).join(", ")}`, "");
  if (model.fixes.uncuttable.length > 0) out.push(`Protected causes some paths can only be cut at (never proposed): ${model.fixes.uncuttable.map((x) => `\`${x}\``).join(", ")}`, "");

  out.push("## Accepted risks", "");
  out.push(table(["Rule", "Pattern", "Owner", "Expires", "State", "Findings", "Paths", "Reason"], model.acceptances.map((a) => [a.rule, `${a.kind} ${a.namespace}/${a.name}`, a.owner, a.expires, a.state, a.matchedFindings, a.matchedPaths, a.reason])));
  return out.join("\n");
}
