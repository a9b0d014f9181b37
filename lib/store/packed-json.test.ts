import { describe, expect, it } from "vitest";
import { packJson, unpackJson } from "./packed-json";

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
});
