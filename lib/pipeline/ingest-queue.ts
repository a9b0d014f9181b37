/**
 * One ingest at a time per database (in this server process): later ones wait in line, and the
 * line is visible (GET /api/ingests) so an upload that waits is not mistaken for one that hangs.
 */

export type IngestState = "queued" | "running" | "done" | "failed";

export interface IngestTicket {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  readonly state: IngestState;
  readonly queuedAt: string;
  /** 1 = next to run; only while queued. */
  readonly position?: number;
  readonly snapshotId?: number;
}

interface Entry {
  id: string;
  name: string;
  source: string;
  state: IngestState;
  queuedAt: number;
  snapshotId?: number;
}

interface Line {
  tail: Promise<unknown>;
  entries: Entry[];
}

const MAX_FINISHED_KEPT = 20;
const lines: Map<string, Line> = ((globalThis as { __rbacAtlasIngestLines?: Map<string, Line> }).__rbacAtlasIngestLines ??= new Map());
let sequence = 0;

function lineFor(database: string): Line {
  let line = lines.get(database);
  if (!line) {
    line = { tail: Promise.resolve(), entries: [] };
    lines.set(database, line);
  }
  return line;
}

/** Runs `task` after every ingest queued before it on the same database has finished. */
export function runQueued<T>(database: string, label: { name: string; source: string }, task: () => Promise<T>, snapshotOf?: (result: T) => number | undefined): Promise<T> {
  const line = lineFor(database);
  const entry: Entry = { id: `${Date.now().toString(36)}-${(++sequence).toString(36)}`, ...label, state: "queued", queuedAt: Date.now() };
  line.entries.push(entry);
  const run = line.tail.then(async () => {
    entry.state = "running";
    try {
      const result = await task();
      entry.state = "done";
      const id = snapshotOf?.(result);
      if (id !== undefined) entry.snapshotId = id;
      return result;
    } catch (error) {
      entry.state = "failed";
      throw error;
    } finally {
      const finished = line.entries.filter((e) => e.state === "done" || e.state === "failed");
      for (const old of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_KEPT))) line.entries.splice(line.entries.indexOf(old), 1);
    }
  });
  line.tail = run.catch(() => undefined);
  return run;
}

export function listIngests(database: string): IngestTicket[] {
  const line = lines.get(database);
  if (!line) return [];
  let position = 0;
  return line.entries.map((e) => ({
    id: e.id,
    name: e.name,
    source: e.source,
    state: e.state,
    queuedAt: new Date(e.queuedAt).toISOString(),
    ...(e.state === "queued" && { position: ++position }),
    ...(e.snapshotId !== undefined && { snapshotId: e.snapshotId }),
  }));
}
