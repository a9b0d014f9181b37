/**
 * Effective access on the can-i and subject pages: "RBAC says no, but this subject becomes cluster
 * admin in N steps", and the subject's risk badge with its paths.
 */
import Link from "next/link";
import type { EscalationPath } from "@/lib/analysis/paths";
import type { Cause } from "@/lib/analysis/cause";
import { formatVertexRef } from "@/lib/analysis/refs";
import type { RiskLevel } from "@/lib/query/effective-access";
import { refLabel } from "./escalation-model";
import { PathChain } from "./escalation-path";
import { graphHref, snapshotHref } from "./links";
import { Badge, type Tone } from "./ui";

type HopCauses = readonly (readonly Cause[])[] | undefined;

/** Paths drawn on a subject page; the rest are on the escalations page. */
export const SUBJECT_PATHS_SHOWN = 5;

export function ReachableAnyway({ snapshot, path, causes }: { snapshot: number; path: EscalationPath; causes?: HopCauses }) {
  const from = formatVertexRef(path.from);
  return (
    <section aria-label="Reachable through escalation" className="rounded-xl border border-rose-300 bg-rose-50 p-4 text-sm text-rose-900">
      <p>
        <strong>RBAC denies this request directly, but {refLabel(path.from)} can still get it:</strong> it becomes cluster admin in {path.hops.length}{" "}
        {path.hops.length === 1 ? "step" : "steps"}, and cluster admin may do anything.
      </p>
      <div className="mt-3">
        <PathChain snapshot={snapshot} path={path} causes={causes} />
      </div>
      <p className="mt-3 flex gap-4">
        <Link className="link" href={snapshotHref(snapshot, `escalations?from=${encodeURIComponent(from)}`)}>
          The escalation path
        </Link>
        <Link className="link" href={graphHref(snapshot, from, { pathTo: "ClusterAdmin" })}>
          Show in graph
        </Link>
      </p>
    </section>
  );
}

const RISK: Readonly<Record<RiskLevel, { tone: Tone; text: string }>> = {
  ClusterAdmin: { tone: "critical", text: "Reaches cluster admin" },
  NodeRoot: { tone: "bad", text: "Reaches root on a node" },
  Secrets: { tone: "warn", text: "Reaches secrets" },
  None: { tone: "good", text: "No escalation path" },
};

export function RiskBadge({ level }: { level: RiskLevel }) {
  return <Badge tone={RISK[level].tone}>{RISK[level].text}</Badge>;
}

export function SubjectPathsCard({
  snapshot,
  paths,
  causesOf,
}: {
  snapshot: number;
  paths: readonly EscalationPath[];
  causesOf?: (path: EscalationPath) => HopCauses;
}) {
  if (paths.length === 0) return null;
  const shown = paths.slice(0, SUBJECT_PATHS_SHOWN);
  return (
    <section aria-label="Escalation paths" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Escalation paths ({paths.length})</h2>
      {shown.map((p) => (
        <div key={`${formatVertexRef(p.to)}`} className="space-y-1">
          <p className="text-sm text-slate-700">
            to {refLabel(p.to)} in {p.hops.length} {p.hops.length === 1 ? "step" : "steps"} ·{" "}
            <Link className="link" href={graphHref(snapshot, formatVertexRef(p.from), { pathTo: formatVertexRef(p.to) })}>
              show in graph
            </Link>
          </p>
          <PathChain snapshot={snapshot} path={p} causes={causesOf?.(p)} />
        </div>
      ))}
      {paths.length > shown.length ? <p className="text-sm text-slate-600">{paths.length - shown.length} more on the escalations page.</p> : null}
    </section>
  );
}
