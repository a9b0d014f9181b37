/**
 * A self-contained HTML report: inline CSS, no script, no external request (fonts, images, links
 * to other hosts are never loaded), collapsible <details> sections, print styles. Long tables are
 * cut at a row limit with a note: the full data is in the JSON and CSV exports, so the file stays
 * small enough to mail even for very large clusters.
 */
import { SEVERITIES, type ReportModel } from "../model";
import { acceptedText, fixBreaksText, headlineText, hopCausesText, hopEvidenceText, sourceText, TRUSTED_LABEL, trustedSummaryText, workloadText } from "./text";

export interface HtmlOptions {
  /** Page size for printing (and the PDF). */
  readonly paper?: "A4" | "Letter";
  /** Open every section (the PDF has no clicks). */
  readonly expandAll?: boolean;
  /** How many rows each long table shows before "N more … in the JSON and CSV exports". */
  readonly rowLimits?: RowLimits;
}

export interface RowLimits {
  readonly findings: number;
  readonly paths: number;
  readonly hopsShown: number;
  readonly exposure: number;
  readonly whoCanSubjects: number;
  readonly fixes: number;
}

export const HTML_ROW_LIMITS: RowLimits = { findings: 1000, paths: 500, hopsShown: 12, exposure: 100, whoCanSubjects: 100, fixes: 300 };
/** A printed report is read, not searched: a few hundred pages at most. */
export const PDF_ROW_LIMITS: RowLimits = { findings: 300, paths: 150, hopsShown: 12, exposure: 50, whoCanSubjects: 40, fixes: 100 };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--crit:#a40e26;--high:#bc4c00;--med:#9a6700;--low:#59636e;--acc:#0969da}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:0}summary{cursor:pointer;padding:8px 0}details{border-top:1px solid var(--line);padding:4px 0 12px}
.meta{color:var(--muted);margin:0 0 16px}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:22px}table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.sev{font-weight:600}.Critical{color:var(--crit)}.High{color:var(--high)}.Medium{color:var(--med)}.Low{color:var(--low)}
.accepted{color:var(--acc);font-style:italic}.more{color:var(--muted);font-style:italic}ol.hops{margin:4px 0;padding-left:20px}
tr.is-accepted td,tr.is-trusted td{opacity:.75}.trusted{display:inline-block;background:#ddf4ff;color:#0550ae;border-radius:4px;padding:0 5px;font-size:12px}
@media print{body{max-width:none;padding:0;font-size:11px}details{break-inside:auto}summary{list-style:none}summary::-webkit-details-marker{display:none}
details::details-content{content-visibility:visible;display:block}thead{display:table-header-group}tr{break-inside:avoid}.card{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

function more(total: number, shown: number, what: string): string {
  return total > shown ? `<p class="more">${total - shown} more ${what} not shown here — the JSON and CSV exports hold all ${total}.</p>` : "";
}

function section(id: string, title: string, body: string, open: boolean): string {
  return `<details id="${id}"${open ? " open" : ""}><summary><h2>${title}</h2></summary>${body}</details>`;
}

const sev = (s: string) => `<span class="sev ${escapeHtml(s)}">${escapeHtml(s)}</span>`;
const acc = (a: Parameters<typeof acceptedText>[0]) => (a ? `<span class="accepted">${escapeHtml(acceptedText(a))}</span>` : "");
const trustedBadge = (trusted: boolean) => (trusted ? ` <span class="trusted">${TRUSTED_LABEL}</span>` : "");
const rowClass = (item: { accepted: unknown; trusted: boolean }) => {
  const classes = [item.accepted ? "is-accepted" : "", item.trusted ? "is-trusted" : ""].filter(Boolean);
  return classes.length > 0 ? ` class="${classes.join(" ")}"` : "";
};

export function renderHtml(model: ReportModel, options: HtmlOptions = {}): string {
  const open = options.expandAll === true;
  const limits = options.rowLimits ?? HTML_ROW_LIMITS;
  const s = model.summary;
  const parts: string[] = [];
  parts.push(`<header><h1>RBAC audit report — ${escapeHtml(model.snapshot.name)}</h1>`);
  parts.push(
    `<p class="meta">Generated ${escapeHtml(model.generatedAt)} by rbac-atlas ${escapeHtml(model.tool.version)} · catalog ${escapeHtml(model.catalog.name)} v${escapeHtml(model.catalog.version)} · report schema ${escapeHtml(model.schemaVersion)}<br>` +
      `Snapshot ${model.snapshot.id === null ? "(files analysed in memory)" : `#${model.snapshot.id}`} taken ${escapeHtml(model.snapshot.createdAt)} · source: ${escapeHtml(sourceText(model.snapshot.source))}` +
      `${model.snapshot.kubernetesVersion ? ` · Kubernetes ${escapeHtml(model.snapshot.kubernetesVersion)}` : ""}</p></header>`,
  );
  parts.push(`<p>${escapeHtml(headlineText(model))}</p>`);
  parts.push(
    `<div class="cards">${SEVERITIES.map((v) => `<div class="card"><span class="${v}">${v} findings</span><b>${s.findingsBySeverity[v]}</b></div>`).join("")}` +
      `<div class="card">Paths to cluster-admin<b>${s.principalsReachingClusterAdmin}</b></div><div class="card">Nodes reachable as root<b>${s.nodesReachableAsRoot}</b></div>` +
      `<div class="card">Fix-set size<b>${s.fixSetSize}</b></div>${s.acceptedFindings + s.acceptedPaths > 0 ? `<div class="card"><span class="accepted">Accepted</span><b>${s.acceptedFindings + s.acceptedPaths}</b></div>` : ""}</div>`,
  );
  const trustedNote = trustedSummaryText(model);
  if (trustedNote) parts.push(`<p>${escapeHtml(trustedNote)}</p>`);
  if (model.snapshot.unreadableKinds.length > 0) {
    parts.push(`<p><strong>Unreadable kinds</strong> (answers may be incomplete): ${model.snapshot.unreadableKinds.map((u) => `${escapeHtml(u.kind)} (${escapeHtml(u.reason)})`).join(", ")}</p>`);
  }

  const snapshotBody =
    `<table><thead><tr><th>Kind</th><th>Objects</th></tr></thead><tbody>${Object.entries(model.snapshot.objectsByKind).map(([k, n]) => `<tr><td>${escapeHtml(k)}</td><td>${n}</td></tr>`).join("")}</tbody></table>` +
    (model.snapshot.source.type === "files"
      ? `<table><thead><tr><th>File</th><th>SHA-256</th></tr></thead><tbody>${model.snapshot.source.files.slice(0, 200).map((f) => `<tr><td><code>${escapeHtml(f.path)}</code></td><td><code>${escapeHtml(f.sha256 ?? "")}</code></td></tr>`).join("")}</tbody></table>${more(model.snapshot.source.files.length, 200, "files")}`
      : "") +
    `<h3>Sinks</h3><table><thead><tr><th>Sink</th><th>Reason</th><th>Principals reaching it</th></tr></thead><tbody>${s.sinks.slice(0, 200).map((x) => `<tr><td><code>${escapeHtml(x.sink)}</code></td><td>${escapeHtml(x.reason)}</td><td>${x.reachedBy}</td></tr>`).join("")}</tbody></table>${more(s.sinks.length, 200, "sinks")}`;
  parts.push(section("snapshot", "Snapshot and sinks", snapshotBody, open));

  const findings = model.findings.slice(0, limits.findings);
  parts.push(
    section(
      "findings",
      `Findings (${model.findings.length})`,
      `<table><thead><tr><th>Severity</th><th>Rule</th><th>Object</th><th>Finding</th></tr></thead><tbody>${findings
        .map(
          (f) =>
            `<tr${rowClass(f)}><td>${sev(f.severity)}</td><td><code>${escapeHtml(f.rule)}</code></td><td><code>${escapeHtml(f.objects[0]?.ref)}</code>${f.objects[0]?.file ? `<br><small>${escapeHtml(f.objects[0].file)}${f.objects[0].line ? `:${f.objects[0].line}` : ""}</small>` : ""}` +
            `${f.owner ? `<br><small>workload ${escapeHtml(workloadText(f.owner, f.podCount))}</small>` : ""}</td>` +
            `<td><strong>${escapeHtml(f.title)}</strong>${trustedBadge(f.trusted)}<br>${escapeHtml(f.why)}<br><em>Fix:</em> ${escapeHtml(f.remediation)}${f.accepted ? `<br>${acc(f.accepted)}` : ""}</td></tr>`,
        )
        .join("")}</tbody></table>${more(model.findings.length, findings.length, "findings")}`,
      true,
    ),
  );

  const paths = model.paths.slice(0, limits.paths);
  parts.push(
    section(
      "paths",
      `Escalation paths (${model.paths.length})`,
      `<table><thead><tr><th>Severity</th><th>From</th><th>To</th><th>Hops and evidence</th></tr></thead><tbody>${paths
        .map(
          (p) =>
            `<tr${rowClass(p)}><td>${sev(p.severity)}</td><td><code>${escapeHtml(p.from)}</code>${p.trusted ? `<br>${trustedBadge(true)}` : ""}</td><td><code>${escapeHtml(p.to)}</code></td><td><ol class="hops">${p.hops
              .slice(0, limits.hopsShown)
              .map((h) => {
                const causes = hopCausesText(h);
                return `<li>${escapeHtml(h.techniqueName)} <small>(${escapeHtml(h.technique)})</small> via ${hopEvidenceText(h, (r) => `<code>${escapeHtml(r)}</code>`, escapeHtml)}${causes ? `<br><small class="causes">${escapeHtml(causes)}</small>` : ""}</li>`;
              })
              .join("")}</ol>${p.hops.length > limits.hopsShown ? `<span class="more">${p.hops.length - limits.hopsShown} more hops</span>` : ""}${acc(p.accepted)}</td></tr>`,
        )
        .join("")}</tbody></table>${more(model.paths.length, paths.length, "paths")}`,
      open,
    ),
  );

  const exposed = model.exposure.filter((e) => e.level !== null || e.score > 0);
  const exposure = exposed.slice(0, limits.exposure);
  parts.push(
    section(
      "exposure",
      "Default-account exposure ranking",
      `<table><thead><tr><th>#</th><th>ServiceAccount</th><th>Default</th><th>Reaches</th><th>Running pods</th><th>Nodes</th><th>Score</th></tr></thead><tbody>${exposure
        .map((e) => `<tr><td>${e.rank}</td><td><code>${escapeHtml(e.serviceAccount)}</code></td><td>${e.isDefault ? "yes" : ""}</td><td>${escapeHtml(e.level ?? "")}</td><td>${e.pods}</td><td>${e.nodes}</td><td>${e.score}</td></tr>`)
        .join("")}</tbody></table>${more(exposed.length, exposure.length, "ServiceAccounts")}`,
      open,
    ),
  );

  parts.push(
    section(
      "who-can",
      "Who holds dangerous permissions",
      model.whoCan
        .map((w) => {
          const shown = w.subjects.slice(0, limits.whoCanSubjects);
          return `<h3><code>${escapeHtml(w.permission.label)}</code> — ${w.subjects.length} subject${w.subjects.length === 1 ? "" : "s"}</h3>${
            shown.length > 0
              ? `<table><thead><tr><th>Subject</th><th>Granted by</th></tr></thead><tbody>${shown.map((x) => `<tr><td><code>${escapeHtml(x.subject)}</code></td><td>${x.via.map((v) => `<code>${escapeHtml(v)}</code>`).join(", ")}</td></tr>`).join("")}</tbody></table>`
              : "<p>nobody</p>"
          }${more(w.subjects.length, shown.length, "subjects")}`;
        })
        .join(""),
      open,
    ),
  );

  const fixes = model.fixes.items.slice(0, limits.fixes);
  parts.push(
    section(
      "fixes",
      `Smallest fix set (${model.fixes.items.length})`,
      `${model.fixes.possible ? "" : "<p><strong>Some paths cannot be cut by removing bindings or pod-spec fields.</strong></p>"}<p>Cuts every path of ${model.fixes.affectedStarts} principals to ${model.fixes.sinks.map(escapeHtml).join(", ")}.</p>` +
        (model.fixes.trustedStarts.length > 0 ? `<p>Trusted starts reaching a sink${trustedBadge(true)}, never cut: ${model.fixes.trustedStarts.map((x) => `<code>${escapeHtml(x)}</code>`).join(", ")}</p>` : "") +
        (model.fixes.uncuttable.length > 0 ? `<p>Protected causes some paths can only be cut at (never proposed): ${model.fixes.uncuttable.map((x) => `<code>${escapeHtml(x)}</code>`).join(", ")}</p>` : "") +
        `<table><thead><tr><th>#</th><th>Object</th><th>Change</th><th>Paths cut</th><th>What it breaks</th></tr></thead><tbody>${fixes
          .map((f, i) => `<tr><td>${i + 1}</td><td><code>${escapeHtml(f.object.ref)}</code></td><td>${escapeHtml(f.change)}</td><td>${f.edges}</td><td>${escapeHtml(fixBreaksText(f))}</td></tr>`)
          .join("")}</tbody></table>${more(model.fixes.items.length, fixes.length, "fixes")}`,
      open,
    ),
  );

  parts.push(
    section(
      "accepted",
      `Accepted risks (${model.acceptances.length})`,
      model.acceptances.length === 0
        ? "<p>none</p>"
        : `<table><thead><tr><th>Rule</th><th>Pattern</th><th>Owner</th><th>Expires</th><th>State</th><th>Matches</th><th>Reason</th></tr></thead><tbody>${model.acceptances
            .map(
              (a) =>
                `<tr><td><code>${escapeHtml(a.rule)}</code></td><td><code>${escapeHtml(`${a.kind} ${a.namespace}/${a.name}`)}</code></td><td>${escapeHtml(a.owner)}</td><td>${escapeHtml(a.expires)}</td><td class="${a.state === "expired" ? "High" : "accepted"}">${a.state}</td><td>${a.matchedFindings} findings, ${a.matchedPaths} paths</td><td>${escapeHtml(a.reason)}</td></tr>`,
            )
            .join("")}</tbody></table>`,
      true,
    ),
  );

  const paper = options.paper ?? "A4";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>RBAC audit report — ${escapeHtml(model.snapshot.name)}</title>
<style>${CSS}@page{size:${paper};margin:14mm 12mm}</style></head>
<body>${parts.join("\n")}</body></html>
`;
}
