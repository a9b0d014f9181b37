/**
 * An escalation path drawn as a chain of cards: the start principal, then one card per hop
 * (technique name and id, the evidence object linked to its page, one sentence of how the step
 * works, what enables it — its typed causes in `describeCause`'s words) ending in the vertex it reaches.
 */
import { AcceptForm } from "./report/accept-form";
import type { EscalationPath, Hop } from "@/lib/analysis/paths";
import { describeCause, type Cause } from "@/lib/analysis/cause";
import type { VertexRef } from "@/lib/analysis/refs";
import type { Severity } from "@/lib/analysis/technique";
import { techniqueText } from "@/lib/query/technique-text";
import { parseObjectRef, refHref, refLabel, type ObjectRef, type PrincipalPaths } from "./escalation-model";
import Link from "next/link";
import { formatVertexRef } from "@/lib/analysis/refs";
import { graphHref } from "./links";
import { Badge, TextLink, type Tone } from "./ui";

type Snap = number | string;
/** Causes worded per step; a hop many bindings enable (57 RoleBindings on L) would otherwise fill the card. */
const CAUSES_SHOWN = 3;
/** Each hop's typed causes, when known. */
type HopCauses = readonly (readonly Cause[])[] | undefined;

export const SEVERITY_TONE: Readonly<Record<Severity, Tone>> = { Critical: "critical", High: "bad", Medium: "warn", Low: "neutral" };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{severity}</Badge>;
}

/** A vertex or object, linked to its page when it has one. */
export function RefLink({ snapshot, refValue }: { snapshot: Snap; refValue: VertexRef | ObjectRef }) {
  const href = refHref(snapshot, refValue);
  const label = refLabel(refValue);
  if (refValue.kind === "ClusterAdmin") return <span className="font-semibold text-rose-700">cluster admin</span>;
  return href ? <TextLink href={href}>{label}</TextLink> : <span>{label}</span>;
}

function ViaLink({ snapshot, via }: { snapshot: Snap; via: string }) {
  const parsed = parseObjectRef(via);
  return parsed ? <RefLink snapshot={snapshot} refValue={parsed} /> : <code className="text-xs">{via}</code>;
}

function HopCard({ snapshot, hop, index, causes }: { snapshot: Snap; hop: Hop; index: number; causes: readonly Cause[] | undefined }) {
  const text = techniqueText(hop.technique);
  return (
    <li className="relative min-w-56 max-w-80 flex-1 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Step {index + 1}</p>
      <p className="mt-0.5 text-sm font-semibold text-slate-900">{text.name}</p>
      <p className="font-mono text-[11px] text-slate-500">{hop.technique}</p>
      {text.how ? <p className="mt-2 text-xs leading-relaxed text-slate-700">{text.how}</p> : null}
      <p className="mt-2 text-xs text-slate-600">
        <span className="text-slate-500">via </span>
        <ViaLink snapshot={snapshot} via={hop.via} />
      </p>
      <p className="mt-1 text-xs text-slate-600">
        <span className="text-slate-500">reaches </span>
        <RefLink snapshot={snapshot} refValue={hop.reaches} />
        {hop.reaches.kind === "Namespace" ? <span className="text-slate-500"> (relabelled to privileged)</span> : null}
      </p>
      {causes && causes.length > 0 ? (
        <p className="mt-1 text-xs text-slate-600 [overflow-wrap:anywhere]">
          <span className="text-slate-500">enabled by </span>
          {causes.slice(0, CAUSES_SHOWN).map(describeCause).join("; ")}
          {causes.length > CAUSES_SHOWN ? ` and ${causes.length - CAUSES_SHOWN} more` : ""}
        </p>
      ) : null}
    </li>
  );
}

function Arrow() {
  return (
    <li aria-hidden className="hidden items-center self-center px-0.5 text-lg text-slate-400 sm:flex">
      →
    </li>
  );
}

/** The chain: start, then each hop as a card. */
export function PathChain({ snapshot, path, causes }: { snapshot: Snap; path: EscalationPath; causes?: HopCauses }) {
  const label = `Path from ${refLabel(path.from)} to ${refLabel(path.to)} in ${path.hops.length} ${path.hops.length === 1 ? "step" : "steps"}`;
  return (
    <ol aria-label={label} className="flex flex-wrap items-stretch gap-2">
      <li className="flex min-w-40 max-w-64 flex-col justify-center rounded-lg border border-indigo-200 bg-indigo-50 p-3 [overflow-wrap:anywhere]">
        <p className="text-xs font-medium uppercase tracking-wide text-indigo-700">Start</p>
        <p className="mt-0.5 text-sm">
          <RefLink snapshot={snapshot} refValue={path.from} />
        </p>
      </li>
      {path.hops.map((hop, i) => (
        <HopList key={i} snapshot={snapshot} hop={hop} index={i} causes={causes?.[i]} />
      ))}
    </ol>
  );
}

function HopList({ snapshot, hop, index, causes }: { snapshot: Snap; hop: Hop; index: number; causes: readonly Cause[] | undefined }) {
  return (
    <>
      <Arrow />
      <HopCard snapshot={snapshot} hop={hop} index={index} causes={causes} />
    </>
  );
}

function PairLink({ href, path }: { href: string; path: EscalationPath }) {
  return (
    <Link href={href} className="link">
      only this pair<span className="sr-only">: {`${refLabel(path.from)} to ${refLabel(path.to)}`}</span>
    </Link>
  );
}

function pathSummary(path: EscalationPath): string {
  return `${refLabel(path.to)} in ${path.hops.length} ${path.hops.length === 1 ? "step" : "steps"}`;
}

/**
 * One principal: its most severe shortest path drawn in full, the others (other sinks) folded
 * under a disclosure, each with a link to the pair query.
 */
export function PrincipalPathsCard({
  snapshot,
  group,
  index,
  pairHref,
  severityOf,
  causesOf,
}: {
  snapshot: Snap;
  group: PrincipalPaths;
  index: number;
  pairHref: (path: EscalationPath) => string;
  severityOf: (path: EscalationPath) => Severity;
  causesOf?: (path: EscalationPath) => HopCauses;
}) {
  const [first, ...rest] = group.paths;
  if (!first) return null;
  const headingId = `principal-${index}`;
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-slate-50/60 p-4">
      <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={headingId} className="text-base font-semibold text-slate-900">
          {refLabel(group.from)}
        </h3>
        <SeverityBadge severity={group.severity} />
        <span className="text-sm text-slate-600">
          reaches {refLabel(first.to) === "ClusterAdmin" ? "cluster admin" : refLabel(first.to)} in {first.hops.length}{" "}
          {first.hops.length === 1 ? "step" : "steps"}
        </span>
        <span className="ml-auto flex gap-3 text-xs">
          <Link href={graphHref(snapshot, formatVertexRef(first.from), { pathTo: formatVertexRef(first.to) })} className="link">
            show in graph<span className="sr-only">: {`${refLabel(first.from)} to ${refLabel(first.to)}`}</span>
          </Link>
          <PairLink href={pairHref(first)} path={first} />
        </span>
      </div>
      <PathChain snapshot={snapshot} path={first} causes={causesOf?.(first)} />
      {first.hops[0] ? (
        <div className="mt-2">
          <AcceptForm
            label="Accept these paths"
            target={{ rule: first.hops[0].technique, kind: group.from.kind, namespace: group.from.namespace ?? "*", name: group.from.name ?? "*" }}
          />
        </div>
      ) : null}
      {rest.length > 0 ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm text-indigo-700">
            {rest.length} more {rest.length === 1 ? "target" : "targets"}: {rest.slice(0, 4).map((p) => refLabel(p.to)).join(", ")}
            {rest.length > 4 ? ", …" : ""}
          </summary>
          <ul className="mt-3 space-y-4">
            {rest.map((p) => (
              <li key={refLabel(p.to)}>
                <p className="mb-2 flex items-center gap-2 text-sm text-slate-700">
                  <SeverityBadge severity={severityOf(p)} /> {pathSummary(p)}
                  <PairLink href={pairHref(p)} path={p} />
                </p>
                <PathChain snapshot={snapshot} path={p} causes={causesOf?.(p)} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
