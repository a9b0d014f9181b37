/**
 * A fixture Kubernetes API server for tests and the benchmark: HTTPS on 127.0.0.1 (port 0), bearer
 * token auth, and the read-only list API for the kept kinds, served from fixture objects.
 *
 * Honest about the API shape where the collector and kubectl depend on it:
 * - `/version`, discovery (`/api`, `/api/v1`, `/apis`, `/apis/G/V`) so `kubectl get` works;
 * - lists at `/api/v1/R`, `/apis/G/V/R` (all namespaces) and `/api/v1/namespaces/NS/R`;
 *   items without apiVersion/kind (as a real server sends them), the list's `resourceVersion`;
 *   items are served as given (no per-item resourceVersion/uid), so a test can compare a live
 *   snapshot with file ingestion of the same fixtures;
 * - `limit` + `continue` with `remainingItemCount`; a continue token from an older generation
 *   (see `expireTokens`) or a resource in `expireOnce` answers 410 Gone (reason Expired);
 * - 401 Status on a missing/wrong token, 403 Status on the resources in `forbidden`.
 */

import fs from "node:fs";
import https from "node:https";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { LIVE_RESOURCES, type LiveResource } from "../resources";

export interface FakeApiServerOptions {
  readonly cert: string;
  readonly key: string;
  readonly token: string;
  /** Raw objects (with kind/apiVersion), e.g. from `loadFixtureObjects`. */
  readonly objects: readonly Record<string, unknown>[];
  /** Resources answering 403 ("secrets"). */
  readonly forbidden?: readonly string[];
  /** Resources whose first `continue` request answers 410 Gone. */
  readonly expireOnce?: readonly string[];
  /** Largest page served whatever `limit` asks (a real server caps too); default unlimited. */
  readonly maxPageSize?: number;
  readonly gitVersion?: string;
  /** Gzip list bodies when the client accepts it (as the real server does above 128 KiB). */
  readonly gzip?: boolean;
  /** Resource → statuses its first list requests answer before succeeding (e.g. [503, 429]). */
  readonly transient?: Readonly<Record<string, readonly number[]>>;
  /** Listen on this port (a restarted "cluster" keeps its URL); default any free port. */
  readonly port?: number;
}

export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly gzip?: true;
}

export interface FakeApiServer {
  readonly url: string;
  readonly requests: RequestRecord[];
  /** Invalidates every continue token handed out so far (the next use answers 410). */
  readonly expireTokens: () => void;
  readonly close: () => Promise<void>;
}

interface Served {
  readonly resource: LiveResource;
  /** Items serialized once (without apiVersion/kind), sorted by namespace/name like etcd keys. */
  readonly items: readonly { readonly namespace: string; readonly json: string }[];
}

const status = (code: number, reason: string, message: string) =>
  JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code });

export async function startFakeApiServer(options: FakeApiServerOptions): Promise<FakeApiServer> {
  const served = new Map<string, Served>();
  const byResource = new Map<LiveResource, { namespace: string; name: string; json: string }[]>();
  for (const raw of options.objects) {
    const resource = LIVE_RESOURCES.find((r) => r.kind === raw.kind);
    if (resource === undefined) continue;
    const { apiVersion: _a, kind: _k, ...rest } = raw;
    const meta = (rest.metadata ?? {}) as Record<string, unknown>;
    const namespace = typeof meta.namespace === "string" ? meta.namespace : "";
    const name = typeof meta.name === "string" ? meta.name : "";
    const list = byResource.get(resource) ?? [];
    list.push({ namespace, name, json: JSON.stringify(rest) });
    byResource.set(resource, list);
  }
  for (const resource of LIVE_RESOURCES) {
    const list = (byResource.get(resource) ?? []).sort((a, b) => (a.namespace + "/" + a.name < b.namespace + "/" + b.name ? -1 : 1));
    served.set(resource.resource, { resource, items: list });
  }
  const forbidden = new Set(options.forbidden ?? []);
  const expireOnce = new Set(options.expireOnce ?? []);
  const transient = new Map(Object.entries(options.transient ?? {}).map(([k, v]) => [k, [...v]]));
  let generation = 1;
  const requests: RequestRecord[] = [];
  const listRv = "1001";

  const server = https.createServer({ cert: options.cert, key: options.key }, (req, res) => {
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    const send = (code: number, body: string) => {
      const gzip = options.gzip === true && code === 200 && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
      requests.push({ method: req.method ?? "GET", path: url.pathname + url.search, status: code, ...(gzip && { gzip: true as const }) });
      if (gzip) {
        const zipped = zlib.gzipSync(body);
        res.writeHead(code, { "Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": zipped.length });
        res.end(zipped);
        return;
      }
      res.writeHead(code, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.headers.authorization !== `Bearer ${options.token}`) return send(401, status(401, "Unauthorized", "Unauthorized"));
    if (req.method !== "GET") return send(405, status(405, "MethodNotAllowed", "the fixture server is read-only"));
    const p = url.pathname.replace(/\/+$/, "");

    if (p === "/version") {
      return send(200, JSON.stringify({ major: "1", minor: "31", gitVersion: options.gitVersion ?? "v1.31.0-fake", platform: "linux/amd64" }));
    }
    if (p === "/api") return send(200, JSON.stringify({ kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] }));
    if (p === "/apis") return send(200, JSON.stringify(apiGroupList()));
    const discovery = discoveryFor(p);
    if (discovery !== undefined) return send(200, JSON.stringify(discovery));

    const match = matchList(p);
    if (match === undefined) return send(404, status(404, "NotFound", "the server could not find the requested resource"));
    const entry = served.get(match.resource);
    if (entry === undefined) return send(404, status(404, "NotFound", "the server could not find the requested resource"));
    if (forbidden.has(match.resource)) {
      const g = entry.resource.group;
      return send(403, status(403, "Forbidden", `${match.resource}${g ? `.${g}` : ""} is forbidden: User "rbac-atlas" cannot list resource "${match.resource}" in API group "${g}" at the cluster scope`));
    }
    const failures = transient.get(match.resource);
    const failure = failures?.shift();
    if (failure !== undefined) return send(failure, status(failure, failure === 429 ? "TooManyRequests" : "ServiceUnavailable", "try again later"));
    const items = match.namespace === undefined ? entry.items : entry.items.filter((i) => i.namespace === match.namespace);
    const limitParam = Number(url.searchParams.get("limit") ?? "0");
    const cap = options.maxPageSize ?? Number.POSITIVE_INFINITY;
    const limit = Number.isInteger(limitParam) && limitParam > 0 ? Math.min(limitParam, cap) : Number.isFinite(cap) ? cap : items.length;
    let offset = 0;
    const token = url.searchParams.get("continue");
    if (token) {
      const decoded = decodeToken(token);
      if (decoded === undefined || decoded.resource !== match.resource) return send(400, status(400, "BadRequest", "invalid continue token"));
      if (decoded.generation !== generation || expireOnce.has(match.resource)) {
        expireOnce.delete(match.resource);
        return send(410, status(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter."));
      }
      offset = decoded.offset;
    }
    const end = Math.min(items.length, offset + limit);
    const metadata: Record<string, unknown> = { resourceVersion: listRv };
    if (end < items.length) {
      metadata.continue = encodeToken({ resource: match.resource, offset: end, generation });
      metadata.remainingItemCount = items.length - end;
    }
    const kind = `${entry.resource.kind}List`;
    const apiVersion = entry.resource.group === "" ? entry.resource.version : `${entry.resource.group}/${entry.resource.version}`;
    const body = `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[${items
      .slice(offset, end)
      .map((i) => i.json)
      .join(",")}]}`;
    return send(200, body);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    expireTokens: () => {
      generation++;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function encodeToken(t: { resource: string; offset: number; generation: number }): string {
  return Buffer.from(JSON.stringify(t), "utf8").toString("base64url");
}

function decodeToken(token: string): { resource: string; offset: number; generation: number } | undefined {
  try {
    const t = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { resource?: unknown; offset?: unknown; generation?: unknown };
    if (typeof t.resource !== "string" || typeof t.offset !== "number" || typeof t.generation !== "number") return undefined;
    return { resource: t.resource, offset: t.offset, generation: t.generation };
  } catch {
    return undefined;
  }
}

function matchList(p: string): { resource: string; namespace?: string } | undefined {
  const parts = p.split("/").filter(Boolean);
  // /api/v1/R, /api/v1/namespaces/NS/R, /apis/G/V/R, /apis/G/V/namespaces/NS/R
  const rest = parts[0] === "api" ? parts.slice(2) : parts[0] === "apis" ? parts.slice(3) : undefined;
  if (rest === undefined) return undefined;
  const groupVersion = parts[0] === "api" ? parts[1] : `${parts[1]}/${parts[2]}`;
  const pick = (resource: string | undefined, namespace?: string) => {
    if (resource === undefined) return undefined;
    const r = LIVE_RESOURCES.find((x) => x.resource === resource);
    if (r === undefined) return undefined;
    const gv = r.group === "" ? r.version : `${r.group}/${r.version}`;
    if (gv !== groupVersion) return undefined;
    if (namespace !== undefined && !r.namespaced) return undefined;
    return namespace === undefined ? { resource } : { resource, namespace };
  };
  if (rest.length === 1) return pick(rest[0]);
  if (rest.length === 3 && rest[0] === "namespaces") return pick(rest[2], rest[1]);
  return undefined;
}

function groupVersions(): Map<string, LiveResource[]> {
  const out = new Map<string, LiveResource[]>();
  for (const r of LIVE_RESOURCES) {
    const gv = r.group === "" ? r.version : `${r.group}/${r.version}`;
    out.set(gv, [...(out.get(gv) ?? []), r]);
  }
  return out;
}

function apiGroupList(): Record<string, unknown> {
  const groups = [...new Set(LIVE_RESOURCES.filter((r) => r.group !== "").map((r) => r.group))];
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: groups.map((name) => {
      const version = { groupVersion: `${name}/v1`, version: "v1" };
      return { name, versions: [version], preferredVersion: version };
    }),
  };
}

function discoveryFor(p: string): Record<string, unknown> | undefined {
  const gv = p === "/api/v1" ? "v1" : p.startsWith("/apis/") && p.split("/").length === 4 ? p.slice("/apis/".length) : undefined;
  if (gv === undefined) return undefined;
  const resources = groupVersions().get(gv);
  if (resources === undefined) return undefined;
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: gv,
    resources: resources.map((r) => ({
      name: r.resource,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: ["get", "list"],
    })),
  };
}

/** Every object of the YAML/JSON files in `directories` (Lists flattened), for serving. */
export function loadFixtureObjects(directories: readonly string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const directory of directories) {
    if (!fs.existsSync(directory)) continue;
    for (const file of fs.readdirSync(directory).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(directory, file), "utf8"), { merge: true })) {
        if (!("toJS" in doc)) continue;
        const value: unknown = doc.toJS({ maxAliasCount: 100 });
        flatten(value, out);
      }
    }
  }
  return out;
}

function flatten(value: unknown, out: Record<string, unknown>[]): void {
  if (Array.isArray(value)) {
    for (const v of value) flatten(v, out);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const obj = value as Record<string, unknown>;
  if (Array.isArray(obj.items) && typeof obj.kind === "string" && obj.kind.endsWith("List")) {
    const itemKind = obj.kind === "List" ? undefined : obj.kind.slice(0, -"List".length);
    for (const item of obj.items) {
      if (typeof item === "object" && item !== null && !Array.isArray(item)) {
        const o = item as Record<string, unknown>;
        out.push(o.kind === undefined && itemKind !== undefined ? { kind: itemKind, apiVersion: obj.apiVersion, ...o } : o);
      }
    }
    return;
  }
  out.push(obj);
}
