/**
 * Every route of the App Router, read from app/ (pages and route handlers), with a concrete URL for
 * each (dynamic segments filled with sample values) and the HTTP methods a handler exports. Tests
 * walk this list so a route added later is checked without anyone listing it.
 */
import fs from "node:fs";
import path from "node:path";

export interface AppRoute {
  /** app-relative file, e.g. "api/snapshots/[snapshot]/route.ts" */
  readonly file: string;
  readonly kind: "page" | "handler";
  /** A concrete path to request, e.g. "/api/snapshots/1". */
  readonly url: string;
  readonly methods: readonly string[];
}

const HANDLER_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

const SAMPLE_SEGMENTS: Readonly<Record<string, string>> = {
  snapshot: "1",
  kind: "ServiceAccount",
  id: "1",
};

function sampleSegment(segment: string): string | undefined {
  if (segment.startsWith("(") && segment.endsWith(")")) return undefined; // route group: not in the URL
  const catchAll = /^\[\[?\.\.\.(.+?)\]\]?$/.exec(segment);
  if (catchAll) return "default/sample";
  const dynamic = /^\[(.+)\]$/.exec(segment);
  if (dynamic?.[1] !== undefined) return SAMPLE_SEGMENTS[dynamic[1]] ?? "sample";
  return segment;
}

export function listAppRoutes(appDirectory: string): AppRoute[] {
  const out: AppRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_")) continue; // private folders are not routes
        walk(path.join(dir, entry.name), [...segments, entry.name]);
        continue;
      }
      const isPage = /^page\.(tsx|ts|jsx|js)$/.test(entry.name);
      const isHandler = /^route\.(ts|js)$/.test(entry.name);
      if (!isPage && !isHandler) continue;
      const parts = segments.map(sampleSegment).filter((s): s is string => s !== undefined);
      const url = `/${parts.join("/")}`;
      const file = path.join(...segments, entry.name);
      if (isPage) {
        out.push({ file, kind: "page", url, methods: ["GET"] });
      } else {
        const source = fs.readFileSync(path.join(dir, entry.name), "utf8");
        const methods = HANDLER_METHODS.filter((m) => new RegExp(`export\\s+(async\\s+)?(function\\s+${m}\\b|const\\s+${m}\\b)|export\\s*\\{[^}]*\\b${m}\\b`).test(source));
        out.push({ file, kind: "handler", url, methods });
      }
    }
  };
  walk(appDirectory, []);
  return out;
}
