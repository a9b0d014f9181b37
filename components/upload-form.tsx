"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

type State = { kind: "idle" } | { kind: "uploading" } | { kind: "failed"; error: string; issues: string[] };

export function UploadForm() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [name, setName] = useState("");
  const [dragging, setDragging] = useState(false);
  const [state, setState] = useState<State>({ kind: "idle" });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (files.length === 0) return;
    setState({ kind: "uploading" });
    const body = new FormData();
    for (const file of files) body.append("files", file, file.name);
    if (name) body.append("name", name);
    const response = await fetch("/api/snapshots", { method: "POST", body });
    const payload = (await response.json()) as { snapshot?: { id: number }; error?: string; issues?: string[] };
    if (response.ok && payload.snapshot) {
      router.push(`/snapshots/${payload.snapshot.id}`);
      return;
    }
    setState({ kind: "failed", error: payload.error ?? `upload failed (${response.status})`, issues: payload.issues ?? [] });
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          setFiles((current) => [...current, ...Array.from(e.dataTransfer.files)]);
        }}
        className={`flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed p-10 text-center ${
          dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-white"
        }`}
      >
        <p className="text-sm text-slate-600">Drop YAML or JSON files here (kubectl get … -o yaml, several at once), or</p>
        <label className="cursor-pointer rounded-md bg-white px-3 py-1.5 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50">
          Choose files
          <input
            ref={input}
            type="file"
            multiple
            accept=".yaml,.yml,.json"
            className="sr-only"
            aria-label="Choose files"
            onChange={(e) => setFiles((current) => [...current, ...Array.from(e.target.files ?? [])])}
          />
        </label>
      </div>
      {files.length > 0 ? (
        <ul aria-label="Selected files" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {files.map((file, i) => (
            <li key={`${file.name}-${i}`} className="flex justify-between px-3 py-1.5">
              <span className="font-mono text-xs">{file.name}</span>
              <span className="text-slate-500">{(file.size / 1024).toFixed(1)} KiB</span>
            </li>
          ))}
        </ul>
      ) : null}
      <label className="block text-sm">
        <span className="text-slate-700">Snapshot name (optional)</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="mt-1 block w-full max-w-md rounded-md border border-slate-300 px-3 py-1.5"
          placeholder="prod-eu-1 2026-11-29"
        />
      </label>
      <div className="flex gap-3">
        <button
          type="submit"
          disabled={files.length === 0 || state.kind === "uploading"}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:opacity-50"
        >
          {state.kind === "uploading" ? "Ingesting…" : "Create snapshot"}
        </button>
        {files.length > 0 ? (
          <button
            type="button"
            onClick={() => {
              setFiles([]);
              setState({ kind: "idle" });
              if (input.current) input.current.value = "";
            }}
            className="rounded-md px-3 py-2 text-sm text-slate-600 hover:text-slate-900"
          >
            Clear
          </button>
        ) : null}
      </div>
      {state.kind === "failed" ? (
        <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-800">
          <p className="font-medium">{state.error}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 font-mono text-xs">
            {state.issues.map((issue, i) => (
              <li key={i}>{issue}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
