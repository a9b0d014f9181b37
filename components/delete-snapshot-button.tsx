"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export function DeleteSnapshotButton({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      aria-label={`Delete snapshot ${id} (${name})`}
      className="rounded-md px-2 py-1 text-xs text-rose-700 ring-1 ring-rose-200 hover:bg-rose-50 disabled:opacity-50"
      onClick={async () => {
        if (!window.confirm(`Delete snapshot ${id} "${name}" and everything computed from it?`)) return;
        setBusy(true);
        await fetch(`/api/snapshots/${id}`, { method: "DELETE" });
        setBusy(false);
        router.refresh();
      }}
    >
      Delete
    </button>
  );
}
