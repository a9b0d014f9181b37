import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { forEachJsonPart, packJson, unpackJson } from "./packed-json";

describe("packed JSON columns", () => {
  const value = { hops: Array.from({ length: 2000 }, (_, i) => ({ technique: "POD_EXEC", via: `RoleBinding/ns-${i % 50}/x`, reaches: { kind: "ServiceAccount", namespace: `ns-${i % 50}`, name: "default" } })) };

  it("reads back what was written, far smaller than its JSON text", () => {
    const packed = packJson(value);
    expect(unpackJson(packed)).toEqual(value);
    expect(packed.length * 5).toBeLessThan(JSON.stringify(value).length);
  });

  it("packs to base64 text for PostgreSQL's text column, and reads it back", () => {
    const packed = packJson(value, "postgresql");
    expect(typeof packed).toBe("string");
    expect(packed as string).toMatch(/^deflate-base64:[A-Za-z0-9+/=]+$/);
    expect(unpackJson(packed)).toEqual(value);
    expect(packed.length * 3).toBeLessThan(JSON.stringify(value).length);
  });

  it("reads a column stored before compression (JSON text) the same way", () => {
    expect(unpackJson(JSON.stringify(value))).toEqual(value);
  });

  it("writes a large value in pieces whose concatenation is exactly JSON.stringify's text", () => {
    const tricky = {
      list: Array.from({ length: 600 }, (_, i) => (i % 7 === 0 ? undefined : i % 5 === 0 ? { at: new Date(0), skip: undefined, fn: () => 1 } : `"quoted" ${i} é`)),
      nested: { deep: Array.from({ length: 300 }, (_, i) => [i, null, true]) },
      gone: undefined,
      small: { a: 1 },
    };
    const parts: string[] = [];
    forEachJsonPart(tricky, 100, (part) => parts.push(part));
    expect(parts.length).toBeGreaterThan(10);
    expect(parts.join("")).toBe(JSON.stringify(tricky));
  });

  it("one inflate reads the stream of separately compressed pieces", () => {
    const big = { edges: Array.from({ length: 60_000 }, (_, i) => ({ from: `ServiceAccount/ns-${i % 300}/sa-${i}`, to: "ClusterAdmin", technique: "BIND" })) };
    const packed = packJson(big);
    expect(inflateRawSync(packed).toString("utf8")).toBe(JSON.stringify(big));
  });
});
