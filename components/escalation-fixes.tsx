/**
 * The smallest fix set for the chosen sinks: each change (delete a binding, drop a pod-spec field)
 * with "what it breaks" — every subject that loses permissions, and which.
 */
import type { BlastRadiusEntry, Fix, FixSet } from "@/lib/analysis/fixset";
import { formatVertexRef, parseVertexRef } from "@/lib/analysis/refs";
import { parseObjectRef, refLabel } from "./escalation-model";
import { RefLink } from "./escalation-path";
import { Badge, EmptyState } from "./ui";

function SubjectRef({ snapshot, text }: { snapshot: number; text: string }) {
  const parsed = parseVertexRef(text);
  if (parsed.success) return <RefLink snapshot={snapshot} refValue={parsed.data} />;
  const obj = parseObjectRef(text);
  return obj ? <RefLink snapshot={snapshot} refValue={obj} /> : <span>{text}</span>;
}

/** Subjects listed per fix on the page; a binding shared by a whole team can break hundreds (the API lists them all). */
const MAX_BREAKS = 10;

function Breaks({ snapshot, entries, api }: { snapshot: number; entries: readonly BlastRadiusEntry[]; api: string }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">Nothing else depends on it: no subject loses a permission.</p>;
  const omitted = entries.length - MAX_BREAKS;
  return (
    <>
    <ul className="space-y-2">
      {entries.slice(0, MAX_BREAKS).map((b) => (
        <li key={`${b.subject}|${b.scope ?? ""}`} className="text-sm">
          <p>
            <SubjectRef snapshot={snapshot} text={b.subject} /> loses{" "}
            <span className="text-slate-500">{b.scope ? `in namespace ${b.scope}` : "cluster-wide"}</span>:
          </p>
          <ul className="mt-1 list-disc space-y-0.5 pl-6 font-mono text-xs text-slate-700 [overflow-wrap:anywhere]">
            {b.loses.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
    {omitted > 0 ? (
      <p className="mt-2 text-xs text-slate-600">
        … and {omitted} more {omitted === 1 ? "subject" : "subjects"} (every one at <a className="link" href={api}>the fixes API</a>).
      </p>
    ) : null}
    </>
  );
}

function FixCard({ snapshot, fix, index, api }: { snapshot: number; fix: Fix; index: number; api: string }) {
  const object = { kind: fix.object.kind, name: fix.object.name, namespace: fix.object.namespace };
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="flex h-6 w-6 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white">{index + 1}</span>
        <h3 className="text-sm font-semibold text-slate-900">
          <RefLink snapshot={snapshot} refValue={object} />
          {fix.field ? <span className="font-normal text-slate-600"> — field {fix.field}</span> : null}
        </h3>
        <Badge tone={fix.kind === "binding" ? "info" : "warn"}>{fix.kind === "binding" ? "binding" : "pod spec"}</Badge>
        <span className="text-xs text-slate-500">
          cuts {fix.edges} {fix.edges === 1 ? "escalation step" : "escalation steps"}
        </span>
      </div>
      <pre className="mt-3 overflow-x-auto whitespace-pre-wrap rounded-md bg-slate-900 p-3 text-xs text-slate-100">{fix.change}</pre>
      <details className="mt-3" open={fix.blastRadius.reduce((n, b) => n + b.loses.length, 0) <= 12}>
        <summary className="cursor-pointer text-sm font-medium text-slate-800">
          What it breaks ({fix.blastRadius.length} {fix.blastRadius.length === 1 ? "subject" : "subjects"})
        </summary>
        <div className="mt-2">
          <Breaks snapshot={snapshot} entries={fix.blastRadius} api={api} />
        </div>
      </details>
    </li>
  );
}

/** Fix cards on the page (each with what it breaks, a few KB; at XL the set holds 35,000 changes, all in the API). */
export const FIXES_SHOWN = 10;

export function FixSetView({ snapshot, fixes, limit = FIXES_SHOWN }: { snapshot: number; fixes: FixSet; limit?: number }) {
  const shown = fixes.fixes.slice(0, limit);
  const api = `/api/snapshots/${snapshot}/fixes?${new URLSearchParams(fixes.sinks.map((s) => ["to", formatVertexRef(s)]))}`;
  const sinks = fixes.sinks.map((s) => (s.kind === "ClusterAdmin" ? "cluster admin" : refLabel(s))).join(", ");
  return (
    <div className="space-y-3">
      {fixes.affectedStarts === 0 ? (
        <EmptyState>No principal reaches {sinks} through an escalation, so there is nothing to cut.</EmptyState>
      ) : (
        <p className="text-sm text-slate-700">
          {fixes.possible ? (
            <>
              These {fixes.fixes.length} {fixes.fixes.length === 1 ? "change disconnects" : "changes together disconnect"} all {fixes.affectedStarts}{" "}
              principals that can escalate to {sinks}.
            </>
          ) : (
            <>
              <Badge tone="bad">incomplete</Badge> Some paths to {sinks} cannot be cut by removing bindings or pod-spec fields (for example a
              control-plane node or system:masters); the changes below cut the rest.
            </>
          )}
        </p>
      )}
      {fixes.fixes.length > 0 ? (
        <ol aria-label="Fix set" className="space-y-3">
          {shown.map((f, i) => (
            <FixCard key={f.cause} snapshot={snapshot} fix={f} index={i} api={api} />
          ))}
        </ol>
      ) : null}
      {fixes.fixes.length > shown.length ? (
        <p className="text-sm text-slate-600">
          {fixes.fixes.length - shown.length} more changes are not shown here; the full list is at{" "}
          <a className="link" href={api}>
            {api}
          </a>{" "}
          (or <code>rbac-atlas fixes --snapshot {snapshot}</code>).
        </p>
      ) : null}
      {fixes.excludedStarts.length > 0 ? (
        <p className="text-xs text-slate-500">
          Left out because they are cluster admin by design: {fixes.excludedStarts.map((s) => formatVertexRef(s)).join(", ")}.
        </p>
      ) : null}
    </div>
  );
}
