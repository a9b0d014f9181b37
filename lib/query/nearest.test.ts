import { describe, expect, it } from "vitest";
import { editDistance } from "./nearest";

describe("nearest names", () => {
  it("counts one typo as distance one and identical names as zero", () => {
    expect(editDistance("deployr", "deployer")).toBe(1);
    expect(editDistance("deployer", "deployer")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});
