"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Badge, Table, Td } from "@/components/ui";

export interface ConnectContext {
  readonly name: string;
  readonly cluster: string;
  readonly server: string;
  readonly current: boolean;
}

interface KindProgress {
  readonly kind: string;
  readonly resource: string;
  readonly state: "waiting" | "listing" | "done" | "unreadable";
  readonly listed: number;
  readonly total?: number;
  readonly elapsedMs: number;
  readonly reason?: string;
}

interface Job {
  readonly id: string;
  readonly context: string;
  readonly state: "running" | "done" | "failed";
  readonly elapsedMs: number;
  readonly kinds: readonly KindProgress[];
  readonly snapshotId?: number;
  readonly error?: string;
}

const STATE_TONE = { waiting: "neutral", listing: "info", done: "good", unreadable: "warn" } as const;

export function ConnectPanel({ contexts }: { contexts: readonly ConnectContext[] }) {
  const router = useRouter();
  const [noSecrets, setNoSecrets] = useState(false);
  const [job, setJob] = useState<Job | undefined>();
  const [error, setError] = useState<string | undefined>();

  async function start(context: string) {
    setError(undefined);
    const response = await fetch("/api/live/jobs", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ context, noSecrets }),
    });
    const payload = (await response.json()) as { job?: Job; error?: string };
    if (payload.job) setJob(payload.job);
    else setError(payload.error ?? `could not start (${response.status})`);
  }

  useEffect(() => {
    if (job?.state !== "running") return undefined;
    const timer = setTimeout(async () => {
      const response = await fetch(`/api/live/jobs/${encodeURIComponent(job.id)}`, { cache: "no-store" });
      const payload = (await response.json()) as { job?: Job; error?: string };
      if (payload.job) setJob(payload.job);
      else setError(payload.error ?? `lost the job (${response.status})`);
    }, 400);
    return () => clearTimeout(timer);
  }, [job]);

  useEffect(() => {
    if (job?.state === "done" && job.snapshotId !== undefined) router.push(`/snapshots/${job.snapshotId}`);
  }, [job, router]);

  const running = job?.state === "running";
  return (
    <div className="space-y-6">
      <Table head={["Context", "Cluster", "Server", ""]} caption="Kubeconfig contexts">
        {contexts.map((c) => (
          <tr key={c.name}>
            <Td>
              {c.name} {c.current ? <Badge tone="info">current</Badge> : null}
            </Td>
            <Td>{c.cluster}</Td>
            <Td mono>{c.server}</Td>
            <Td>
              <button
                type="button"
                disabled={running}
                onClick={() => void start(c.name)}
                className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-300"
                aria-label={`Ingest ${c.name}`}
              >
                Ingest
              </button>
            </Td>
          </tr>
        ))}
      </Table>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={noSecrets} onChange={(e) => setNoSecrets(e.target.checked)} />
        Don&apos;t read Secrets (answers that depend on them are then marked as possibly incomplete)
      </label>
      {error ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {error}
        </p>
      ) : null}
      {job ? <JobProgress job={job} /> : null}
    </div>
  );
}

function JobProgress({ job }: { job: Job }) {
  return (
    <section aria-label="Ingest progress" aria-live="polite" className="space-y-3">
      <p className="text-sm text-slate-700">
        {job.state === "running" ? "Reading" : job.state === "done" ? "Read" : "Failed reading"} <strong>{job.context}</strong> ·{" "}
        {(job.elapsedMs / 1000).toFixed(1)} s
        {job.state === "done" && job.snapshotId !== undefined ? <> · opening snapshot {job.snapshotId}…</> : null}
      </p>
      {job.state === "failed" ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {job.error}
        </p>
      ) : null}
      <Table head={["Resource", "State", "Listed", "Elapsed"]} caption="Progress per kind">
        {job.kinds.map((k) => (
          <tr key={k.resource}>
            <Td mono>{k.resource}</Td>
            <Td>
              <Badge tone={STATE_TONE[k.state]}>{k.state === "unreadable" ? `not readable (${k.reason ?? "?"})` : k.state}</Badge>
            </Td>
            <Td>{k.state === "unreadable" ? "—" : `${k.listed}${k.total !== undefined ? ` / ${k.total}` : ""}`}</Td>
            <Td>{(k.elapsedMs / 1000).toFixed(1)} s</Td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
