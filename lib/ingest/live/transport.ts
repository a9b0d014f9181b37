/**
 * GET one API path with the credentials and TLS settings @kubernetes/client-node derives from the
 * kubeconfig (`applyToHTTPSOptions`), returning the raw JSON bytes. The typed API clients are not
 * used for lists: they decode every object into model classes (dropping unknown fields, turning
 * timestamps into Dates), which is slower and would make live manifests differ from file ones.
 */

import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";
import type { KubeConfig } from "@kubernetes/client-node";

export interface ApiResponse {
  readonly status: number;
  readonly body: Buffer;
  readonly retryAfterSeconds?: number;
}

export class RequestTimeout extends Error {
  readonly code = "REQUEST_TIMEOUT";
  constructor(readonly timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
  }
}

export class RequestAborted extends Error {
  readonly code = "REQUEST_ABORTED";
}

export interface Transport {
  get(path: string, signal?: AbortSignal): Promise<ApiResponse>;
  /** Requests sent so far (including retries and restarts). */
  readonly requests: () => number;
  /** The most requests that were in flight at once. */
  readonly maxInFlight: () => number;
  /** Closes kept-alive connections. */
  readonly close: () => void;
}

export function makeTransport(kc: KubeConfig, server: string, timeoutMs: number): Transport {
  const base = server.replace(/\/+$/, "");
  let count = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let keepAlive: https.Agent | undefined;
  return {
    requests: () => count,
    maxInFlight: () => maxInFlight,
    close: () => keepAlive?.destroy(),
    async get(path, signal) {
      count++;
      const opts: https.RequestOptions = {};
      // Per request: exec/OIDC token providers may refresh the token between requests.
      await kc.applyToHTTPSOptions(opts);
      // client-node builds a fresh Agent (no keep-alive) per call: a TLS handshake per page. A plain
      // https.Agent (no proxy) is replaced by one keep-alive Agent with the same TLS options.
      if (opts.agent instanceof https.Agent && opts.agent.constructor === https.Agent) {
        keepAlive ??= new https.Agent({ ...(opts.agent as https.Agent & { options: https.AgentOptions }).options, keepAlive: true });
        opts.agent = keepAlive;
      }
      const url = new URL(base + path);
      const headers: http.OutgoingHttpHeaders = { ...((opts.headers ?? {}) as http.OutgoingHttpHeaders), Accept: "application/json", "Accept-Encoding": "gzip", "User-Agent": "rbac-atlas" };
      const request = url.protocol === "http:" ? http.request : https.request;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<ApiResponse>((resolve, reject) => {
        if (signal?.aborted) {
          inFlight--;
          reject(new RequestAborted("cancelled"));
          return;
        }
        const req = request(url, { ...opts, method: "GET", headers });
        const timer = setTimeout(() => req.destroy(new RequestTimeout(timeoutMs)), timeoutMs);
        const onAbort = () => req.destroy(new RequestAborted("cancelled"));
        signal?.addEventListener("abort", onAbort, { once: true });
        let settled = false;
        const done = () => {
          if (!settled) inFlight--;
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
        };
        req.on("error", (error) => {
          done();
          reject(error);
        });
        req.on("response", (res) => {
          const gzip = res.headers["content-encoding"] === "gzip";
          const stream = gzip ? res.pipe(zlib.createGunzip()) : res;
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("error", (error) => {
            done();
            reject(error);
          });
          stream.on("end", () => {
            done();
            const retry = Number(res.headers["retry-after"]);
            resolve({
              status: res.statusCode ?? 0,
              body: chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks),
              ...(Number.isFinite(retry) && retry > 0 && { retryAfterSeconds: retry }),
            });
          });
        });
        req.end();
      });
    },
  };
}
