"use client";

import { useState } from "react";

interface Ref {
  readonly kind: string;
  readonly name: string | null;
  readonly namespace: string | null;
}
interface PathRow {
  readonly from: Ref;
  readonly to: Ref;
  readonly trusted?: boolean;
  readonly hops: readonly { readonly technique: string }[];
}
interface FindingRow {
  readonly id: string;
  readonly rule: string;
  readonly severity: string;
  readonly title: string;
}
interface Result {
  readonly paths: { readonly gained: readonly PathRow[]; readonly lost: readonly PathRow[] };
  readonly findings: { readonly gained: readonly FindingRow[]; readonly lost: readonly FindingRow[] };
  readonly before: { readonly adminStarts: number; readonly findings: number; readonly fixes: number };
  readonly after: { readonly adminStarts: number; readonly findings: number; readonly fixes: number };
}

const refText = (r: Ref) => (r.kind === "ClusterAdmin" ? "ClusterAdmin" : `${r.kind}/${r.namespace ? `${r.namespace}/` : ""}${r.name ?? ""}`);

/** A YAML box for a proposed change (e.g. a pull request's RoleBinding) and what it would open or close. */
export function WhatIfForm({ snapshot }: { snapshot: number }) {
  const [yaml, setYaml] = useState("");
  const [remove, setRemove] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<Result | undefined>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    const response = await fetch(`/api/snapshots/${snapshot}/whatif`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ yaml, remove: remove.split(/\s+/).filter(Boolean) }),
    });
    setBusy(false);
    const body = (await response.json().catch(() => ({}))) as Result & { error?: string };
    if (!response.ok) {
      setResult(undefined);
      setError(body.error ?? `request failed (${response.status})`);
    } else setResult(body);
  };
  return (
    <div className="space-y-4">
      <label htmlFor="whatif-yaml" className="block text-sm font-medium text-slate-800">
        Objects to add (YAML manifests; an object with the same kind, namespace and name replaces the snapshot&apos;s)
      </label>
      <textarea id="whatif-yaml" value={yaml} onChange={(e) => setYaml(e.target.value)} rows={12} spellCheck={false} className="w-full rounded-md border border-slate-300 p-3 font-mono text-sm" />
      <label htmlFor="whatif-remove" className="block text-sm font-medium text-slate-800">
        Objects to remove (Kind/name or Kind/namespace/name, separated by spaces)
      </label>
      <input id="whatif-remove" value={remove} onChange={(e) => setRemove(e.target.value)} className="w-full rounded-md border border-slate-300 p-2 font-mono text-sm" />
      <button type="button" onClick={run} disabled={busy} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
        {busy ? "Analysing…" : "Show what changes"}
      </button>
      {error ? (
        <pre role="alert" className="whitespace-pre-wrap rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {error}
        </pre>
      ) : null}
      {result ? (
        <div aria-label="What-if result" className="space-y-3 text-sm">
          <p>
            Principals reaching cluster admin: {result.before.adminStarts} → {result.after.adminStarts}; findings: {result.before.findings} → {result.after.findings}; fix-set size:{" "}
            {result.before.fixes} → {result.after.fixes} (control plane excluded).
          </p>
          {(
            [
              ["Paths gained", result.paths.gained, "text-rose-800"],
              ["Paths lost", result.paths.lost, "text-emerald-800"],
            ] as const
          ).map(([title, rows, color]) => (
            <section key={title}>
              <h3 className="font-semibold text-slate-900">
                {title} ({rows.length})
              </h3>
              <ul className={`font-mono text-xs ${color}`}>
                {rows.map((p) => (
                  <li key={`${refText(p.from)}>${refText(p.to)}`}>
                    {refText(p.from)} → {refText(p.to)} ({p.hops.map((h) => h.technique).join(" → ")}){p.trusted ? " [trusted]" : ""}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {(
            [
              ["Findings gained", result.findings.gained],
              ["Findings lost", result.findings.lost],
            ] as const
          ).map(([title, rows]) => (
            <section key={title}>
              <h3 className="font-semibold text-slate-900">
                {title} ({rows.length})
              </h3>
              <ul className="text-xs">
                {rows.map((f) => (
                  <li key={f.id}>
                    [{f.severity}] {f.rule}: {f.title}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : null}
    </div>
  );
}
