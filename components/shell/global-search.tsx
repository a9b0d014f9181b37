"use client";
/** Global search: a button in the sidebar, opened from anywhere with `/` or Ctrl-K (Cmd-K). */
import { useEffect, useRef, useState } from "react";
import { SearchBox } from "./search-box";

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

export function GlobalSearch({ snapshot }: { snapshot: number | string }) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key === "k" && (e.ctrlKey || e.metaKey)) || (e.key === "/" && !typingInField(e.target))) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <div className="px-2">
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="flex w-full items-center justify-between rounded-md border border-slate-300 bg-white px-2 py-1 text-left text-sm text-slate-500"
      >
        Search… <kbd className="rounded border border-slate-300 px-1 text-xs">/</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-label="Search the snapshot"
        onClose={() => setOpen(false)}
        onClick={(e) => {
          if (e.target === dialog.current) setOpen(false);
        }}
        className="mx-auto mt-24 w-full max-w-xl rounded-xl border border-slate-200 bg-white p-4 shadow-2xl backdrop:bg-slate-900/40"
      >
        <p className="mb-2 text-xs text-slate-500">Subjects, roles, bindings, namespaces, pods and nodes. ↑↓ to move, Enter to open, Esc to close.</p>
        {open ? <SearchBox snapshot={snapshot} mode="navigate" autoFocus label="Search" placeholder="Type a name…" onDone={() => setOpen(false)} /> : null}
      </dialog>
    </div>
  );
}
