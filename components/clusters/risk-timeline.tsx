/**
 * A cluster's risk over its analysed snapshots as a small server-drawn SVG line chart (no script).
 * Decorative for assistive technology: the history table below holds the same figures.
 */
import type { RiskCounts } from "@/lib/store/clusters";

export interface TimelinePoint {
  readonly id: number;
  readonly createdAt: string;
  readonly risk: RiskCounts;
}

const SERIES = [
  { key: "pathsToClusterAdmin", label: "Paths to cluster admin", stroke: "stroke-rose-600", fill: "fill-rose-600" },
  { key: "critical", label: "Critical findings", stroke: "stroke-amber-600", fill: "fill-amber-600" },
  { key: "high", label: "High findings", stroke: "stroke-indigo-500", fill: "fill-indigo-500" },
] as const;

const WIDTH = 640;
const HEIGHT = 160;
const PAD = { left: 36, right: 12, top: 10, bottom: 22 };

/** Oldest first. */
export function RiskTimeline({ points }: { points: readonly TimelinePoint[] }) {
  if (points.length === 0) return <p className="text-sm text-slate-500">No analysed snapshot yet.</p>;
  const max = Math.max(1, ...points.flatMap((p) => SERIES.map((s) => p.risk[s.key])));
  const x = (i: number) => PAD.left + (points.length === 1 ? (WIDTH - PAD.left - PAD.right) / 2 : (i * (WIDTH - PAD.left - PAD.right)) / (points.length - 1));
  const y = (v: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - v / max);
  const day = (iso: string) => iso.slice(0, 16).replace("T", " ");
  return (
    <figure aria-label="Risk over time" className="space-y-2">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" aria-hidden="true" focusable="false" className="block max-w-3xl text-[10px]">
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="stroke-slate-300" />
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max)} y2={y(max)} className="stroke-slate-100" />
        <text x={PAD.left - 4} y={y(max) + 3} textAnchor="end" className="fill-slate-500">
          {max}
        </text>
        <text x={PAD.left - 4} y={y(0) + 3} textAnchor="end" className="fill-slate-500">
          0
        </text>
        {SERIES.map((s) => (
          <g key={s.key}>
            <polyline fill="none" strokeWidth={2} className={s.stroke} points={points.map((p, i) => `${x(i)},${y(p.risk[s.key])}`).join(" ")} />
            {points.map((p, i) => (
              <circle key={p.id} cx={x(i)} cy={y(p.risk[s.key])} r={points.length > 60 ? 1.5 : 3} className={s.fill} />
            ))}
          </g>
        ))}
        <text x={x(0)} y={HEIGHT - 6} textAnchor={points.length === 1 ? "middle" : "start"} className="fill-slate-500">
          {day(points[0]!.createdAt)}
        </text>
        {points.length > 1 ? (
          <text x={x(points.length - 1)} y={HEIGHT - 6} textAnchor="end" className="fill-slate-500">
            {day(points.at(-1)!.createdAt)}
          </text>
        ) : null}
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-xs text-slate-600">
        {SERIES.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1">
            <svg width="14" height="4" aria-hidden="true">
              <rect width="14" height="4" className={s.fill} />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
