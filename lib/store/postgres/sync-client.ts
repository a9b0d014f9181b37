import path from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { projectRoot } from "../paths";
import type { RunResult, SqlHandle, SqlStatement } from "../sql-handle";
import { insertParts, toPostgres, type TranslatedSql } from "./translate";
import { WORKER_SOURCE } from "./worker-source";

/**
 * A PostgreSQL connection with better-sqlite3's synchronous surface, so the store runs unchanged on
 * either database. `pg` is asynchronous; it runs in a worker thread (worker-source.ts) and each call
 * here sleeps (Atomics.wait) until the worker answers. A process makes one call at a time anyway
 * (better-sqlite3 blocks the same way), and other processes are not affected: PostgreSQL's MVCC lets
 * a long ingest's transaction write while every other connection reads.
 *
 * Inside a transaction, plain `INSERT … VALUES (…)` runs are queued and sent as multi-row INSERTs
 * (a snapshot is ~10 rows per object; one round trip per row would make ingest network-bound). The
 * queue is flushed before any read, at commit, and when `lastInsertRowid` of a queued insert is read.
 */
export class PostgresError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = "PostgresError";
  }
}

interface Reply {
  readonly ok: boolean;
  readonly value?: { rows?: unknown[]; rowCount?: number };
  readonly error?: { message: string; code?: string };
}

interface QueuedInsert {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Bind parameters per multi-row INSERT (PostgreSQL allows 65,535). */
const MAX_BATCH_PARAMETERS = 30_000;
/** Queued rows sent once this many parameters wait, to bound memory on a huge snapshot. */
const FLUSH_PARAMETERS = 200_000;
const CALL_TIMEOUT_MS = 30 * 60_000;

export class PostgresSyncHandle implements SqlHandle {
  private readonly worker: Worker;
  private readonly port: MessageChannel["port1"];
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly translated = new Map<string, TranslatedSql>();
  private queue: QueuedInsert[] = [];
  private queuedParameters = 0;
  private depth = 0;
  /** Statements executed so far: a queued insert's lastInsertRowid is only known if it ran last. */
  private executed = 0;
  /** A batch was posted without waiting for its reply (flush in the background). */
  private inFlight = false;

  constructor(url: string, options: { connectTimeoutMs?: number } = {}) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: channel.port2, signal: this.signal, requireFrom: path.join(projectRoot(), "package.json") },
      transferList: [channel.port2],
    });
    // The worker must never keep a finished CLI run alive.
    this.worker.unref();
    this.port.unref();
    try {
      this.call({ op: "connect", url, connectTimeoutMs: options.connectTimeoutMs ?? 10_000 });
    } catch (error) {
      void this.worker.terminate();
      throw error;
    }
  }

  prepare(sql: string): SqlStatement {
    const run = (params: unknown[]): RunResult => this.run(sql, params);
    const all = (params: unknown[]): unknown[] => this.query(sql, params).rows ?? [];
    return {
      all: (...params) => all(params),
      get: (...params) => all(params)[0],
      run: (...params) => run(params),
      iterate: (...params) => all(params)[Symbol.iterator](),
    };
  }

  /** Runs PostgreSQL SQL as is (several statements allowed): migrations. */
  exec(sql: string): this {
    this.flush();
    this.call({ op: "script", text: sql });
    this.executed++;
    return this;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  transaction<T>(fn: (...args: any[]) => T): (...args: any[]) => T {
    return (...args) => {
      if (this.depth > 0) return fn(...args);
      this.exec("BEGIN");
      this.depth++;
      try {
        const result = fn(...args);
        this.flush();
        this.exec("COMMIT");
        return result;
      } catch (error) {
        this.queue = [];
        this.queuedParameters = 0;
        try {
          this.settle();
        } catch {
          // A batch sent in the background failed: the error being thrown (or its cause) says why.
        }
        try {
          this.call({ op: "script", text: "ROLLBACK" });
        } catch {
          // The connection is gone: the server rolled back for us.
        }
        throw error;
      } finally {
        this.depth--;
      }
    };
  }

  /** SQLite tuning and WAL checkpoints have no PostgreSQL counterpart. */
  pragma(): undefined {
    return undefined;
  }

  close(): void {
    try {
      this.call({ op: "close" });
    } finally {
      void this.worker.terminate();
    }
  }

  private run(sql: string, params: unknown[]): RunResult {
    if (this.depth > 0 && insertParts(sql)) {
      this.queue.push({ sql, params });
      this.queuedParameters += params.length;
      const position = this.executed + this.queue.length;
      if (this.queuedParameters >= FLUSH_PARAMETERS) this.flush({ background: true });
      return this.queuedResult(position);
    }
    const result = this.query(sql, params);
    const changes = result.rowCount ?? 0;
    const position = this.executed;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    return {
      changes,
      get lastInsertRowid() {
        return self.lastInsertRowidAt(position);
      },
    };
  }

  private queuedResult(position: number): RunResult {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    return {
      changes: 1,
      get lastInsertRowid() {
        self.flush();
        return self.lastInsertRowidAt(position);
      },
    };
  }

  private lastInsertRowidAt(position: number): number {
    if (position !== this.executed) throw new Error("lastInsertRowid of an INSERT read after later statements ran");
    const row = this.call({ op: "query", text: "SELECT lastval() AS id", values: [] }).rows?.[0] as { id: number };
    return row.id;
  }

  private query(sql: string, params: unknown[]): { rows?: unknown[]; rowCount?: number } {
    this.flush();
    const reply = this.call({ op: "query", text: this.translate(sql).text, values: params });
    this.executed++;
    return reply;
  }

  /**
   * Sends the queued inserts, each statement's rows as multi-row INSERTs. A snapshot interleaves its
   * tables row by row (object, role, rules, object, binding, subjects…), so rows are grouped by
   * statement: every queued row only refers to rows committed or flushed before it (the snapshot
   * row is read back by lastInsertRowid, which flushes), and each table keeps its rows' order, so
   * ids come out as they would one by one. The last queued row's statement goes last, so
   * `lastval()` is its id.
   */
  private flush(options: { background?: boolean } = {}): void {
    if (this.queue.length === 0) return;
    const queue = this.queue;
    this.queue = [];
    this.queuedParameters = 0;
    const groups = new Map<string, QueuedInsert[]>();
    for (const item of queue) {
      const group = groups.get(item.sql);
      if (group) group.push(item);
      else groups.set(item.sql, [item]);
    }
    const last = queue[queue.length - 1]!.sql;
    const ordered = [...[...groups.entries()].filter(([sql]) => sql !== last), [last, groups.get(last)!] as const];
    const queries: { text: string; values: unknown[] }[] = [];
    for (const [sql, rows] of ordered) {
      const perRow = Math.max(1, rows[0]!.params.length);
      const rowsPerStatement = Math.max(1, Math.floor(MAX_BATCH_PARAMETERS / perRow));
      const parts = insertParts(sql)!;
      for (let start = 0; start < rows.length; start += rowsPerStatement) {
        const chunk = rows.slice(start, start + rowsPerStatement);
        if (chunk.length === 1) {
          queries.push({ text: this.translate(sql).text, values: [...chunk[0]!.params] });
        } else {
          queries.push({ text: this.multiRow(sql, parts, chunk.length), values: chunk.flatMap((row) => row.params) });
        }
      }
    }
    // In the background, the next rows are built while the server inserts these; the next call
    // waits for the reply first (and throws its error, if any).
    if (options.background) this.send({ op: "batch", queries });
    else this.call({ op: "batch", queries });
    this.executed += queue.length;
  }

  /** The multi-row form of an INSERT for `rows` rows (cached: most chunks have the full size). */
  private multiRow(sql: string, parts: { head: string; tuple: string }, rows: number): string {
    const key = `${rows}\u0000${sql}`;
    let text = this.translated.get(key)?.text;
    if (text === undefined) {
      const translated = toPostgres(`${parts.head}${Array.from({ length: rows }, () => parts.tuple).join(", ")}`);
      this.translated.set(key, translated);
      text = translated.text;
    }
    return text;
  }

  private translate(sql: string): TranslatedSql {
    let translated = this.translated.get(sql);
    if (!translated) {
      translated = toPostgres(sql);
      this.translated.set(sql, translated);
    }
    return translated;
  }

  private call(request: Record<string, unknown>): { rows?: unknown[]; rowCount?: number } {
    this.send(request);
    return this.settle();
  }

  /** Posts a request once the one before it is answered (one in flight at a time). */
  private send(request: Record<string, unknown>): void {
    this.settle();
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage(request);
    this.inFlight = true;
  }

  /** Waits for the request in flight, if any: its result, or its error thrown. */
  private settle(): { rows?: unknown[]; rowCount?: number } {
    if (!this.inFlight) return {};
    this.inFlight = false;
    if (Atomics.wait(this.signal, 0, 0, CALL_TIMEOUT_MS) === "timed-out") {
      throw new PostgresError(`no answer from the PostgreSQL worker within ${CALL_TIMEOUT_MS / 60_000} minutes`, "ETIMEDOUT");
    }
    const message = receiveMessageOnPort(this.port)?.message as Reply | undefined;
    if (!message) throw new PostgresError("the PostgreSQL worker stopped without answering", "EWORKER");
    if (!message.ok) throw new PostgresError(message.error?.message ?? "PostgreSQL error", message.error?.code);
    return message.value ?? {};
  }
}
