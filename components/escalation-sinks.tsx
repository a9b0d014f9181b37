/**
 * The sinks (computed from permissions: cluster admin, root on a node, a Secret's contents,
 * user-tagged crown jewels) and how many principals reach each; each links to the paths into it.
 */
import Link from "next/link";
import type { SinkSummary } from "@/lib/analysis/analyze";
import { formatVertexRef } from "@/lib/analysis/refs";
import { refLabel } from "./escalation-model";
import { RefLink } from "./escalation-path";
import { Badge, type Tone } from "./ui";

const REASON: Readonly<Record<SinkSummary["reason"], { label: string; tone: Tone; order: number }>> = {
  "cluster-admin": { label: "cluster admin", tone: "critical", order: 0 },
  critical: { label: "crown jewel", tone: "critical", order: 1 },
  "node-root": { label: "node root", tone: "bad", order: 2 },
  secret: { label: "secret", tone: "warn", order: 3 },
};

const PER_REASON = 12;

export function SinkList({ snapshot, sinks, pathsHref }: { snapshot: number; sinks: readonly SinkSummary[]; pathsHref: (to: string) => string }) {
  const sorted = [...sinks].sort(
    (a, b) => REASON[a.reason].order - REASON[b.reason].order || b.reachedBy - a.reachedBy || formatVertexRef(a.sink).localeCompare(formatVertexRef(b.sink)),
  );
  const shown: SinkSummary[] = [];
  const hidden = new Map<SinkSummary["reason"], number>();
  for (const s of sorted) {
    const already = shown.filter((x) => x.reason === s.reason).length;
    if (already < PER_REASON) shown.push(s);
    else hidden.set(s.reason, (hidden.get(s.reason) ?? 0) + 1);
  }
  return (
    <div>
      <ul aria-label="Sinks" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {shown.map((s) => {
          const ref = formatVertexRef(s.sink);
          const r = REASON[s.reason];
          return (
            <li key={ref} className="flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex items-center justify-between gap-2">
                <Badge tone={r.tone}>{r.label}</Badge>
              </div>
              <p className="mt-2 truncate text-sm font-medium" title={refLabel(s.sink)}>
                <RefLink snapshot={snapshot} refValue={s.sink} />
              </p>
              <p className="mt-1 text-sm text-slate-600">
                {s.reachedBy === 0 ? (
                  "no principal reaches it"
                ) : (
                  <Link href={pathsHref(ref)} className="link">
                    {`reached by ${s.reachedBy} ${s.reachedBy === 1 ? "principal" : "principals"}`}
                    <span className="sr-only">{`: paths to ${refLabel(s.sink)}`}</span>
                  </Link>
                )}
              </p>
            </li>
          );
        })}
      </ul>
      {hidden.size > 0 ? (
        <p className="mt-2 text-xs text-slate-500">
          Not shown: {[...hidden].map(([reason, n]) => `${n} more ${REASON[reason].label} sinks`).join(", ")} (the paths below include them).
        </p>
      ) : null}
    </div>
  );
}
