/** A "Download report" menu (a <details> disclosure, no script needed) with every format. */
export const REPORT_DOWNLOADS = [
  { format: "pdf", label: "PDF (A4)", query: "format=pdf&paper=A4" },
  { format: "pdf-letter", label: "PDF (Letter)", query: "format=pdf&paper=Letter" },
  { format: "html", label: "HTML (self-contained)", query: "format=html" },
  { format: "md", label: "Markdown", query: "format=md" },
  { format: "json", label: "JSON", query: "format=json" },
  { format: "sarif", label: "SARIF 2.1.0", query: "format=sarif" },
  { format: "csv", label: "CSV (zip of 4 tables)", query: "format=csv" },
] as const;

export function reportHref(snapshot: number, query: string): string {
  return `/api/snapshots/${snapshot}/report?${query}`;
}

export function DownloadMenu({ snapshot }: { snapshot: number }) {
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50">
        Download report ▾
      </summary>
      <ul aria-label="Report formats" className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        {REPORT_DOWNLOADS.map((d) => (
          <li key={d.format}>
            <a href={reportHref(snapshot, d.query)} download className="block px-3 py-1.5 text-sm text-slate-700 hover:bg-indigo-50 hover:text-indigo-800">
              {d.label}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
