import path from "node:path";
import { describe, expect, it } from "vitest";
import { pathToRegexp } from "next/dist/compiled/path-to-regexp";
import { config as proxyConfig } from "@/proxy";
import { listAppRoutes } from "./app-routes";
import { guardRequest, hostAllowed, isStateChanging, safeNextPath, sessionValue, type GuardConfig, type GuardRequest } from "./guard";
import { mediaType } from "./content-type";

const OPEN: GuardConfig = { allowedHosts: [], token: undefined };
const TOKEN = "s3cret-token-value";
const LOCKED: GuardConfig = { allowedHosts: ["atlas.internal"], token: TOKEN };

function req(over: Partial<GuardRequest>): GuardRequest {
  return { method: "GET", pathname: "/", host: "127.0.0.1:3000", origin: null, secFetchSite: null, authorization: null, sessionCookie: undefined, ...over };
}

const ROUTES = listAppRoutes(path.resolve("app"));

describe("every route of app/ passes through the gate", () => {
  it("finds the routes (pages and handlers, including state-changing ones)", () => {
    expect(ROUTES.some((r) => r.kind === "page")).toBe(true);
    expect(ROUTES.some((r) => r.methods.some(isStateChanging))).toBe(true);
    expect(ROUTES.map((r) => r.url)).toContain("/api/snapshots");
  });

  it("the proxy's matcher covers every route", () => {
    const matchers = [proxyConfig.matcher].flat().map((m) => pathToRegexp(typeof m === "string" ? m : (m as { source: string }).source));
    const uncovered = ROUTES.filter((r) => !matchers.some((re) => re.test(r.url)));
    expect(uncovered.map((r) => r.file)).toEqual([]);
  });

  for (const route of ROUTES) {
    for (const method of route.methods) {
      it(`${method} ${route.url} (${route.file}): foreign Host 421; ${isStateChanging(method) ? "cross-origin 403; " : ""}no token 401 when one is required`, async () => {
        expect(await guardRequest(req({ method, pathname: route.url, host: "evil.example:3000" }), OPEN)).toMatchObject({ allow: false, status: 421 });
        expect(await guardRequest(req({ method, pathname: route.url, host: "127.0.0.1.evil.example" }), OPEN)).toMatchObject({ allow: false, status: 421 });
        if (isStateChanging(method)) {
          for (const origin of ["http://evil.example", "null", "http://127.0.0.1:9999", "http://localhost:3000"]) {
            expect(await guardRequest(req({ method, pathname: route.url, origin }), OPEN)).toMatchObject({ allow: false, status: 403 });
          }
          expect(await guardRequest(req({ method, pathname: route.url, secFetchSite: "cross-site" }), OPEN)).toMatchObject({ allow: false, status: 403 });
          expect(await guardRequest(req({ method, pathname: route.url, origin: "http://127.0.0.1:3000" }), OPEN)).toEqual({ allow: true });
        } else {
          expect(await guardRequest(req({ method, pathname: route.url }), OPEN)).toEqual({ allow: true });
        }
        const isSignIn = route.url === "/signin" || route.url === "/api/signin";
        const locked = await guardRequest(req({ method, pathname: route.url, host: "atlas.internal", origin: isStateChanging(method) ? "http://atlas.internal" : null }), LOCKED);
        expect(locked.allow).toBe(isSignIn);
        const bearer = await guardRequest(
          req({ method, pathname: route.url, host: "atlas.internal", authorization: `Bearer ${TOKEN}`, origin: isStateChanging(method) ? "http://atlas.internal" : null }),
          LOCKED,
        );
        expect(bearer).toEqual({ allow: true });
      });
    }
  }
});

describe("the gate's parts", () => {
  it.each([
    ["127.0.0.1:3000", true],
    ["localhost", true],
    ["LOCALHOST:80", true],
    ["[::1]:3000", true],
    ["app.localhost", true],
    ["atlas.internal", false],
    ["evil.example", false],
    ["127.0.0.1@evil.example", false],
    ["", false],
  ])("Host %s allowed by default: %s", (host, allowed) => {
    expect(hostAllowed(host, OPEN)).toBe(allowed);
  });

  it("RBAC_ATLAS_ALLOWED_HOSTS adds names; * allows any", () => {
    expect(hostAllowed("atlas.internal:443", LOCKED)).toBe(true);
    expect(hostAllowed("evil.example", { allowedHosts: ["*"], token: undefined })).toBe(true);
  });

  it("a wrong bearer token, a wrong cookie and a cookie holding the raw token are refused; the right cookie passes", async () => {
    const base = { pathname: "/api/snapshots", host: "atlas.internal" };
    expect(await guardRequest(req({ ...base, authorization: "Bearer nope" }), LOCKED)).toMatchObject({ allow: false, status: 401 });
    expect(await guardRequest(req({ ...base, sessionCookie: "nope" }), LOCKED)).toMatchObject({ allow: false, status: 401 });
    expect(await guardRequest(req({ ...base, sessionCookie: TOKEN }), LOCKED)).toMatchObject({ allow: false, status: 401 });
    expect(await guardRequest(req({ ...base, sessionCookie: await sessionValue(TOKEN) }), LOCKED)).toEqual({ allow: true });
  });

  it("a page without credentials is sent to the sign-in page; an API call gets 401 JSON", async () => {
    expect(await guardRequest(req({ pathname: "/snapshots", host: "atlas.internal" }), LOCKED)).toMatchObject({ status: 401, redirectToSignIn: true });
    expect(await guardRequest(req({ pathname: "/api/snapshots", host: "atlas.internal" }), LOCKED)).toMatchObject({ status: 401, redirectToSignIn: false });
  });

  it.each([
    ["application/json", "application/json"],
    ["Application/JSON; charset=utf-8", "application/json"],
    ["text/plain; application/json", "text/plain"],
    ["application/json, text/plain", undefined],
    ["", undefined],
    ["multipart/form-data; boundary=x", "multipart/form-data"],
  ])("media type of %j is %j", (header, expected) => {
    expect(mediaType(header)).toBe(expected);
  });

  it.each([
    ["/snapshots/1", "/snapshots/1"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    [null, "/"],
  ])("sign-in returns only to local paths: %j → %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
