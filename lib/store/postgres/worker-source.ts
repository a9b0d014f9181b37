/**
 * The worker thread behind the synchronous PostgreSQL handle (sync-client.ts), as source text: it is
 * started with `eval`, so it needs no file of its own next to whatever bundle loaded the store (Next,
 * the compiled CLI, vitest). It owns one `pg` connection and answers one request at a time; the
 * calling thread sleeps on `signal` until the reply is posted.
 *
 * Rows come back shaped as SQLite returns them, which is what the store's readers expect: BIGINT
 * and NUMERIC as numbers, booleans as 0/1, timestamps as epoch milliseconds.
 */
export const WORKER_SOURCE = String.raw`
const { workerData, parentPort } = require("node:worker_threads");
const { createRequire } = require("node:module");
const pg = createRequire(workerData.requireFrom)("pg");
const { port, signal } = workerData;

const types = {
  getTypeParser(oid, format) {
    if (oid === 20 || oid === 1700) return (v) => (v === null ? null : Number(v));
    if (oid === 16) return (v) => (v === null ? null : v === "t" ? 1 : 0);
    if (oid === 1114) return (v) => (v === null ? null : Date.parse(v.replace(" ", "T") + "Z"));
    if (oid === 1184) return (v) => (v === null ? null : Date.parse(v.replace(" ", "T")));
    return pg.types.getTypeParser(oid, format);
  },
};

let client;

function errorOf(error) {
  const e = error || {};
  return { message: String(e.message || e), code: e.code, detail: e.detail, errno: e.errno };
}

async function handle(request) {
  switch (request.op) {
    case "connect": {
      client = new pg.Client({ connectionString: request.url, connectionTimeoutMillis: request.connectTimeoutMs, application_name: "rbac-atlas", types });
      client.on("error", () => {});
      await client.connect();
      return {};
    }
    case "query": {
      const result = await client.query({ text: request.text, values: request.values });
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    }
    case "script": {
      await client.query(request.text);
      return {};
    }
    case "batch": {
      let rowCount = 0;
      for (const q of request.queries) rowCount += (await client.query({ text: q.text, values: q.values })).rowCount ?? 0;
      return { rowCount };
    }
    case "close": {
      if (client) await client.end().catch(() => {});
      client = undefined;
      return {};
    }
  }
  throw new Error("unknown request " + request.op);
}

port.on("message", async (request) => {
  let reply;
  try {
    reply = { ok: true, value: await handle(request) };
  } catch (error) {
    reply = { ok: false, error: errorOf(error) };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;
