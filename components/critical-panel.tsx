"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export interface CriticalItem {
  readonly ref: string;
}

async function send(method: "POST" | "DELETE", ref: string, snapshot: number): Promise<string | undefined> {
  const response = await fetch("/api/critical", { method, headers: { "content-type": "application/json" }, body: JSON.stringify({ ref, snapshot }) });
  if (response.ok) return undefined;
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  return body.error ?? `request failed (${response.status})`;
}

/** The crown jewels: a list with remove buttons and a form to add one. Changes re-analyse this snapshot. */
export function CriticalPanel({ snapshot, items }: { snapshot: number; items: readonly CriticalItem[] }) {
  const router = useRouter();
  const [ref, setRef] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = async (method: "POST" | "DELETE", target: string) => {
    setBusy(true);
    setError(undefined);
    const failure = await send(method, target, snapshot);
    setBusy(false);
    if (failure) setError(failure);
    else {
      if (method === "POST") setRef("");
      router.refresh();
    }
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Mark what must never be reached — a namespace (its ServiceAccounts and Secrets), a ServiceAccount or a Secret — and it becomes a sink like cluster admin.
      </p>
      {items.length > 0 ? (
        <ul aria-label="Crown jewels" className="flex flex-wrap gap-2">
          {items.map((item) => (
            <li key={item.ref} className="flex items-center gap-2 rounded-md bg-amber-50 px-2 py-1 text-sm text-amber-900 ring-1 ring-amber-200">
              <span className="font-mono text-xs">{item.ref}</span>
              <button type="button" disabled={busy} onClick={() => run("DELETE", item.ref)} aria-label={`Unmark ${item.ref}`} className="text-amber-800 hover:text-rose-700">
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (ref.trim()) void run("POST", ref.trim());
        }}
      >
        <label className="text-sm">
          <span className="block text-xs font-medium uppercase tracking-wide text-slate-600">Crown jewel</span>
          <input value={ref} onChange={(e) => setRef(e.target.value)} placeholder="Namespace/payments or Secret/payments/stripe-api-key" className="mt-1 w-96 max-w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-xs" />
        </label>
        <button type="submit" disabled={busy || ref.trim() === ""} className="rounded-md bg-amber-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-700 disabled:opacity-50">
          {busy ? "Re-analysing…" : "Mark critical"}
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
