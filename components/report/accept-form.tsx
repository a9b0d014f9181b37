"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export interface AcceptTarget {
  readonly rule: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const input = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm";

/**
 * "Accept" on a finding or path: a small form (reason, owner, expiry; the rule and object pattern
 * prefilled and editable) that stores an accepted risk. Also used empty on the Reports page.
 */
export function AcceptForm({ target, label = "Accept risk" }: { target?: AcceptTarget; label?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-indigo-700 hover:text-indigo-900">{label}</summary>
      <form
        aria-label={label}
        className="mt-2 grid max-w-xl grid-cols-2 gap-2 rounded-md border border-slate-200 bg-slate-50 p-3"
        onSubmit={async (event) => {
          event.preventDefault();
          const data = Object.fromEntries(new FormData(event.currentTarget).entries());
          setBusy(true);
          setError(undefined);
          const response = await fetch("/api/accepted-risks", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(data) });
          setBusy(false);
          if (!response.ok) {
            const body = (await response.json().catch(() => ({}))) as { error?: string };
            setError(body.error ?? `request failed (${response.status})`);
            return;
          }
          router.refresh();
        }}
      >
        <label className="col-span-2">
          Rule or technique
          <input name="rule" required defaultValue={target?.rule ?? ""} className={`${input} font-mono`} />
        </label>
        <label>
          Object kind
          <input name="kind" defaultValue={target?.kind ?? "*"} className={`${input} font-mono`} />
        </label>
        <label>
          Object namespace
          <input name="namespace" defaultValue={target?.namespace ?? "*"} className={`${input} font-mono`} />
        </label>
        <label className="col-span-2">
          Object name (glob: * and ?)
          <input name="name" defaultValue={target?.name ?? "*"} className={`${input} font-mono`} />
        </label>
        <label className="col-span-2">
          Reason
          <input name="reason" required className={input} />
        </label>
        <label>
          Owner
          <input name="owner" required className={input} />
        </label>
        <label>
          Expires
          <input name="expires" type="date" required defaultValue={inDays(90)} className={input} />
        </label>
        {error ? (
          <p role="alert" className="col-span-2 text-rose-700">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy} className="col-span-2 rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
          Save accepted risk
        </button>
      </form>
    </details>
  );
}
