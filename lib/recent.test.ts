import { describe, expect, it } from "vitest";
import { Recent } from "./recent";

describe("Recent", () => {
  it("drops the least recently used entry past its capacity, a read counting as a use", () => {
    const recent = new Recent<number>(2);
    recent.set("a", 1);
    recent.set("b", 2);
    expect(recent.get("a")).toBe(1);
    recent.set("c", 3);
    expect([recent.get("a"), recent.get("b"), recent.get("c")]).toEqual([1, undefined, 3]);
  });

  it("makes a missing value once and keeps it, but does not keep undefined", () => {
    const recent = new Recent<number | undefined>(4);
    let made = 0;
    expect(recent.getOrMake("x", () => ++made)).toBe(1);
    expect(recent.getOrMake("x", () => ++made)).toBe(1);
    expect(recent.getOrMake("y", () => undefined)).toBeUndefined();
    expect(recent.getOrMake("y", () => 7)).toBe(7);
  });
});
