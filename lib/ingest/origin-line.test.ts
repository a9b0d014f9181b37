import { describe, expect, it } from "vitest";
import { parseSources } from "./parse";

describe("object origins", () => {
  it("record the YAML line where each document and each List item starts", () => {
    const content = [
      "apiVersion: v1",
      "kind: Namespace",
      "metadata: { name: a }",
      "---",
      "# a list",
      "apiVersion: v1",
      "kind: List",
      "items:",
      "- apiVersion: v1",
      "  kind: Namespace",
      "  metadata: { name: b }",
      "- apiVersion: v1",
      "  kind: Namespace",
      "  metadata: { name: c }",
    ].join("\n");
    const parsed = parseSources([{ path: "ns.yaml", content }]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.objects.map((o) => [o.object.metadata.name, o.origin.line])).toEqual([
      ["a", 1],
      ["b", 9],
      ["c", 12],
    ]);
  });

  it("leave the line out for JSON", () => {
    const parsed = parseSources([{ path: "ns.json", content: '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}' }]);
    expect(parsed.ok && parsed.objects[0]!.origin.line).toBeUndefined();
  });
});
