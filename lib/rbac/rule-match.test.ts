import { describe, expect, it } from "vitest";
import { nonResourceRequest, resourceRequest } from "@/lib/rbac/request";
import {
  apiGroupMatches,
  failedDimensions,
  nonResourceURLMatches,
  resourceMatches,
  resourceNameMatches,
  ruleAllows,
  verbMatches,
} from "@/lib/rbac/rule-match";
import { newRule } from "@/lib/rbac/testing";

describe("verbMatches", () => {
  it.each([
    ["get,list", "get", true],
    ["get,list", "watch", false],
    ["*", "anything", true],
    ["get", "GET", false],
    ["Get", "get", false],
    ["ge*", "get", false],
    ["", "get", false],
  ])("verbs [%s] vs %s → %s", (verbs, verb, want) => {
    expect(verbMatches(newRule(verbs, "*", "*", ""), verb)).toBe(want);
  });
});

describe("apiGroupMatches", () => {
  it.each([
    ["core", "", true],
    ["*", "", true],
    ["*", "apps", true],
    ["apps", "apps", true],
    ["apps", "", false],
    ["core", "apps", false],
    ["Apps", "apps", false],
    ["apps*", "apps", false],
    ["", "", false], // no apiGroups: matches nothing, not even the core group
    ["", "apps", false],
  ])("apiGroups [%s] vs %j → %s", (groups, group, want) => {
    expect(apiGroupMatches(newRule("get", groups, "pods", ""), group)).toBe(want);
  });
});

describe("resourceMatches", () => {
  it.each([
    ["pods", "pods", "", true],
    ["pods", "pods/log", "log", false],
    ["pods/log", "pods/log", "log", true],
    ["pods/log", "pods", "", false],
    ["*", "pods", "", true],
    ["*", "pods/log", "log", true],
    ["*/scale", "deployments/scale", "scale", true],
    ["*/scale", "anything/scale", "scale", true],
    ["*/scale", "deployments", "", false],
    ["*/scale", "deployments/status", "status", false],
    ["*/scale", "deployments/scales", "scales", false],
    ["pods/*", "pods/log", "log", false],
    ["pods/*", "pods", "", false],
    ["Pods", "pods", "", false],
    ["pod", "pods", "", false],
    ["", "pods", "", false],
  ])("resources [%s] vs %s (sub %j) → %s", (resources, combined, sub, want) => {
    expect(resourceMatches(newRule("get", "*", resources, ""), combined, sub)).toBe(want);
  });
});

describe("resourceNameMatches", () => {
  it.each([
    ["", "", true],
    ["", "foo", true],
    ["foo,bar", "foo", true],
    ["foo,bar", "baz", false],
    ["foo", "", false], // a request without a name (list/create) never matches named rules
    ["Foo", "foo", false],
    ["*", "foo", false], // "*" is not a wildcard in resourceNames
  ])("resourceNames [%s] vs %j → %s", (names, name, want) => {
    expect(resourceNameMatches(newRule("get", "*", "pods", "", names), name)).toBe(want);
  });
});

describe("nonResourceURLMatches", () => {
  it.each([
    ["/apis", "/apis", true],
    ["/apis", "/apis/v1", false],
    ["/apis/*", "/apis/v1", true],
    ["/apis/*", "/apis/v1/foo", true],
    ["/apis/*", "/apis", false],
    ["/apis*", "/apis", true],
    ["/apis*", "/apisx", true],
    ["/apis**", "/apis/x", true], // every trailing * is trimmed, like Go's TrimRight
    ["*", "/anything", true],
    ["/healthz", "/healthz/ping", false],
    ["/Healthz", "/healthz", false],
    ["/a/*/c", "/a/b/c", false],
    ["", "/apis", false],
  ])("nonResourceURLs [%s] vs %s → %s", (urls, path, want) => {
    expect(nonResourceURLMatches(newRule("get", "", "", urls), path)).toBe(want);
  });
});

describe("ruleAllows", () => {
  const get = (resource: string, extra: Partial<Parameters<typeof resourceRequest>[0]> = {}) =>
    resourceRequest({ verb: "get", resource, namespace: "ns1", ...extra });
  it.each([
    ["all four dimensions match", newRule("get", "core", "pods", ""), get("pods"), true],
    ["wrong verb", newRule("list", "core", "pods", ""), get("pods"), false],
    ["wrong group", newRule("get", "apps", "pods", ""), get("pods"), false],
    ["no apiGroups", newRule("get", "", "pods", ""), get("pods"), false],
    ["wildcard rule covers subresource", newRule("*", "*", "*", ""), get("pods", { subresource: "exec" }), true],
    ["parent resource does not cover subresource", newRule("*", "*", "pods", ""), get("pods", { subresource: "status" }), false],
    ["named rule, request without name", newRule("get", "core", "pods", "", "a"), get("pods"), false],
    ["named rule, request with listed name", newRule("get", "core", "pods", "", "a"), get("pods", { name: "a" }), true],
    ["resource request ignores the rule's URLs", newRule("get", "", "", "*"), get("pods"), false],
    ["mixed rule: resource part used for resource requests", newRule("get", "core", "pods", "/x"), get("pods"), true],
    ["mixed rule: URL part used for non-resource requests", newRule("get", "core", "pods", "/x"), nonResourceRequest("get", "/x"), true],
    ["non-resource request ignores resources", newRule("get", "*", "*", ""), nonResourceRequest("get", "/healthz"), false],
    ["non-resource wildcard", newRule("get", "", "", "*"), nonResourceRequest("get", "/healthz"), true],
    ["non-resource wrong verb", newRule("get", "", "", "*"), nonResourceRequest("post", "/healthz"), false],
  ] as const)("%s", (_name, rule, request, want) => {
    expect(ruleAllows(request, rule)).toBe(want);
  });
});

describe("failedDimensions", () => {
  it("names exactly the dimensions that do not match", () => {
    const req = resourceRequest({ verb: "list", resource: "pods", apiGroup: "apps", name: "x" });
    expect(failedDimensions(req, newRule("get", "core", "pods", "", "y"))).toEqual(["verb", "apiGroup", "resourceName"]);
    expect(failedDimensions(nonResourceRequest("get", "/a"), newRule("get", "", "", "/b"))).toEqual(["nonResourceURL"]);
    expect(failedDimensions(req, newRule("*", "*", "*", ""))).toEqual([]);
  });
});
