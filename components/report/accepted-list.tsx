"use client";

import { useRouter } from "next/navigation";
import type { AcceptanceStatus } from "@/lib/report/model";

/** The accepted risks with their state (active/expired), what they cover, and a remove button. */
export function AcceptedList({ items }: { items: readonly AcceptanceStatus[] }) {
  const router = useRouter();
  if (items.length === 0) return <p className="text-sm text-slate-600">No accepted risks.</p>;
  return (
    <table aria-label="Accepted risks" className="w-full text-left text-sm">
      <thead className="text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1">Rule</th>
          <th>Pattern</th>
          <th>Owner</th>
          <th>Expires</th>
          <th>State</th>
          <th>Covers</th>
          <th>Reason</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={`${a.rule}|${a.kind}|${a.namespace}|${a.name}`} className="border-t border-slate-100">
            <td className="py-1 font-mono text-xs">{a.rule}</td>
            <td className="font-mono text-xs">{`${a.kind} ${a.namespace}/${a.name}`}</td>
            <td>{a.owner}</td>
            <td>{a.expires}</td>
            <td className={a.state === "expired" ? "font-medium text-rose-700" : "text-emerald-700"}>{a.state}</td>
            <td>
              {a.matchedFindings} findings, {a.matchedPaths} paths
            </td>
            <td>{a.reason}</td>
            <td>
              <button
                type="button"
                className="text-rose-700 hover:underline"
                aria-label={`Remove accepted risk ${a.rule} on ${a.kind} ${a.namespace}/${a.name}`}
                onClick={async () => {
                  await fetch("/api/accepted-risks", { method: "DELETE", headers: { "content-type": "application/json" }, body: JSON.stringify({ rule: a.rule, kind: a.kind, namespace: a.namespace, name: a.name }) });
                  router.refresh();
                }}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
