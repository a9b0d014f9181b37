/**
 * A small horizontal bar chart drawn as plain SVG on the server (no chart library, no script).
 * The picture is decorative for assistive technology: the same figures are a real table under
 * "Show as table", and every bar links where its row links. Colours come from the theme's
 * variables, so the chart follows the light/dark system setting like the rest of the page.
 */
import Link from "next/link";
import type { BarRow, BarTone } from "./bar-model";
import { barWidth, shortLabel } from "./bar-model";

const FILL: Readonly<Record<BarTone, string>> = {
  critical: "fill-rose-600",
  bad: "fill-rose-400",
  warn: "fill-amber-500",
  info: "fill-indigo-500",
  neutral: "fill-slate-400",
};

const ROW = 26;
// wide enough for a 26-character label at the chart's font size (at 170 the start of long names was cut off)
const LABEL_W = 210;
const BAR_W = 180;
const WIDTH = LABEL_W + BAR_W + 60;

export function BarChart({ id, title, rows, valueLabel, empty }: { id: string; title: string; rows: readonly BarRow[]; valueLabel: string; empty: string }) {
  const max = Math.max(0, ...rows.map((r) => r.value));
  const height = rows.length * ROW;
  return (
    <figure aria-labelledby={`${id}-title`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption id={`${id}-title`} className="mb-2 text-sm font-semibold text-slate-800">
        {title}
      </figcaption>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" aria-hidden="true" focusable="false" className="block max-w-xl text-xs">
            {rows.map((r, i) => {
              const y = i * ROW;
              const w = barWidth(r.value, max, BAR_W);
              const bar = (
                <>
                  <title>{`${r.label}: ${r.value.toLocaleString("en")} ${valueLabel}`}</title>
                  <text x={LABEL_W - 8} y={y + ROW / 2} dominantBaseline="middle" textAnchor="end" className="fill-slate-700">
                    {shortLabel(r.label)}
                  </text>
                  <rect x={LABEL_W} y={y + 4} width={w} height={ROW - 8} rx={3} className={FILL[r.tone]} />
                  <text x={LABEL_W + w + 6} y={y + ROW / 2} dominantBaseline="middle" className="fill-slate-900 font-semibold">
                    {r.value.toLocaleString("en")}
                  </text>
                </>
              );
              // Not focusable: keyboard and screen-reader users follow the same link in the table below.
              return r.href ? (
                <a key={r.label} href={r.href} tabIndex={-1}>
                  {bar}
                </a>
              ) : (
                <g key={r.label}>{bar}</g>
              );
            })}
          </svg>
          <details className="mt-2 text-xs">
            <summary className="cursor-pointer text-slate-600">Show as table</summary>
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr className="text-xs uppercase tracking-wide text-slate-500">
                  <th scope="col" className="py-1 pr-3 font-semibold">
                    Name
                  </th>
                  <th scope="col" className="py-1 text-right font-semibold">
                    {valueLabel}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label} className="border-t border-slate-100">
                    <td className="py-1 pr-3 [overflow-wrap:anywhere]">
                      {r.href ? (
                        <Link href={r.href} className="link">
                          {r.label}
                        </Link>
                      ) : (
                        r.label
                      )}
                    </td>
                    <td className="py-1 text-right tabular-nums">{r.value.toLocaleString("en")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
