"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** The trust file as a YAML box: saved with the database and applied to the latest snapshot at once. */
export function TrustEditor({ initial, snapshot }: { initial: string; snapshot: number | undefined }) {
  const router = useRouter();
  const [yaml, setYaml] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const save = async () => {
    setBusy(true);
    setMessage(undefined);
    const response = await fetch("/api/trust", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ yaml, ...(snapshot !== undefined ? { snapshot } : {}) }) });
    setBusy(false);
    if (response.ok) {
      setMessage({ ok: true, text: snapshot !== undefined ? `Saved; snapshot ${snapshot} analysed again with it.` : "Saved." });
      router.refresh();
    } else {
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      setMessage({ ok: false, text: body.error ?? `request failed (${response.status})` });
    }
  };
  return (
    <div className="space-y-3">
      <label htmlFor="trust-yaml" className="block text-sm font-medium text-slate-800">
        Trust file (YAML)
      </label>
      <textarea
        id="trust-yaml"
        value={yaml}
        onChange={(e) => setYaml(e.target.value)}
        rows={12}
        spellCheck={false}
        className="w-full rounded-md border border-slate-300 p-3 font-mono text-sm"
        placeholder={"trust:\n  add:     [ServiceAccount/argocd/argocd-application-controller]\n  remove:  [User/system:kube-proxy]\n  protect: [ClusterRoleBinding/argocd-application-controller]"}
      />
      <div className="flex items-center gap-3">
        <button type="button" onClick={save} disabled={busy} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
          {busy ? "Saving…" : "Save and re-analyse"}
        </button>
        {message ? (
          <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-700" : "text-rose-700"}`}>
            {message.text}
          </p>
        ) : null}
      </div>
    </div>
  );
}
