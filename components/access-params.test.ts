import { describe, expect, it } from "vitest";
import { apiGroupOverride, canIFields, parseCanI, parseRequest, splitGroups, whoCanFields } from "./access-params";

describe("URL state of the can-i form", () => {
  it.each([
    ["", undefined],
    ["core", ""],
    ['""', ""],
    ["apps", "apps"],
  ])("API group field %j means override %j", (typed, expected) => {
    expect(apiGroupOverride(typed)).toBe(expected);
  });

  it.each([
    ["a, b,c", ["a", "b", "c"]],
    ["", []],
    [" team-x ,\nsre", ["team-x", "sre"]],
  ])("groups %j split into %j", (typed, expected) => {
    expect(splitGroups(typed)).toEqual(expected);
  });

  it("reads user, repeated and comma-separated groups and the exact-groups box from the query", () => {
    const f = canIFields({ verb: "get", type: "pods", as: " alice ", group: ["x"], groups: "y, z", exactGroups: "1" });
    expect(f).toMatchObject({ verb: "get", type: "pods", user: "alice", groups: "x, y, z", exactGroups: true });
    const parsed = parseCanI(f);
    expect(parsed.ok && parsed.value.identity).toEqual({ user: "alice", groups: ["x", "y", "z"] });
  });

  it("adds the default groups unless exact groups is ticked", () => {
    const parsed = parseCanI(canIFields({ verb: "get", type: "pods", as: "system:serviceaccount:dev:ci" }));
    expect(parsed.ok && parsed.value.identity.groups).toEqual(["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"]);
  });

  it.each([
    [{ type: "pods", as: "a" }, "verb"],
    [{ verb: "get", as: "a" }, "resource type"],
    [{ verb: "get", type: "pods" }, "user"],
    [{ verb: "get", type: "/healthz", name: "x", as: "a" }, "non-resource URL"],
  ])("reports %j as an error mentioning %s", (query, word) => {
    const parsed = parseCanI(canIFields(query));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(word);
  });

  it("resolves short names, keeps name/subresource/namespace, and an empty namespace is cluster-scoped", () => {
    const parsed = parseRequest(whoCanFields({ verb: "update", type: "deploy", name: "web", subresource: "scale", namespace: "dev" }));
    expect(parsed.ok && parsed.value).toEqual({ kind: "resource", verb: "update", apiGroup: "apps", resource: "deployments", subresource: "scale", namespace: "dev", name: "web" });
    const cluster = parseRequest(whoCanFields({ verb: "list", type: "nodes", namespace: "" }));
    expect(cluster.ok && cluster.value.kind === "resource" && cluster.value.namespace).toBe("");
  });

  it("ignores a namespace given with a non-resource URL, like kubectl", () => {
    const parsed = parseCanI(canIFields({ verb: "get", type: "/healthz", namespace: "dev", as: "a" }));
    expect(parsed.ok && parsed.value.request).toEqual({ kind: "nonResource", verb: "get", path: "/healthz" });
  });

  it("asks literally for a type that is not built in (core group), like kubectl", () => {
    const parsed = parseRequest(whoCanFields({ verb: "get", type: "widgets", namespace: "dev" }));
    expect(parsed.ok && parsed.value).toMatchObject({ apiGroup: "", resource: "widgets", namespace: "dev" });
  });

  it("reads the all-namespaces box", () => {
    expect(whoCanFields({ all: "1" }).allNamespaces).toBe(true);
    expect(whoCanFields({}).allNamespaces).toBe(false);
  });
});
