/** The graph build orders each vertex's targets with its own in-place sort (no copy per vertex). */
import { describe, expect, it } from "vitest";
import { sortPrefix } from "./graph";

function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31);
}

describe("sortPrefix", () => {
  it.each([0, 1, 2, 3, 16, 17, 100, 1000, 5000])("sorts the first n of %i random ids ascending and leaves the rest", (n) => {
    const next = lcg(n + 7);
    const a = new Int32Array(n + 5);
    for (let i = 0; i < a.length; i++) a[i] = next() % 3000;
    const expected = [...a.slice(0, n)].sort((x, y) => x - y);
    const tail = [...a.slice(n)];
    sortPrefix(a, n);
    expect([...a.slice(0, n)]).toEqual(expected);
    expect([...a.slice(n)]).toEqual(tail);
  });

  it("sorts already ordered, reversed and constant runs", () => {
    for (const input of [[1, 2, 3, 4], Array.from({ length: 200 }, (_, i) => 200 - i), Array.from({ length: 50 }, () => 7)]) {
      const a = Int32Array.from(input);
      sortPrefix(a, a.length);
      expect([...a]).toEqual([...input].sort((x, y) => x - y));
    }
  });
});
