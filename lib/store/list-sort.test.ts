import { describe, expect, it } from "vitest";
import { orderBy } from "./list-sort";

describe("ORDER BY for a list sort", () => {
  const columns = { name: "b.name", subjects: "subjectCount" };
  it("puts the chosen column first and keeps the default order as the tie-break", () => {
    expect(orderBy(columns, "b.kind, b.name", { column: "subjects", direction: "desc" })).toBe("subjectCount DESC, b.kind, b.name");
    expect(orderBy(columns, "b.kind, b.name", { column: "name", direction: "asc" })).toBe("b.name ASC, b.kind, b.name");
  });
  it("falls back to the default order for absent, unknown or inherited column names", () => {
    expect(orderBy(columns, "b.kind", undefined)).toBe("b.kind");
    expect(orderBy(columns, "b.kind", { column: "1; DROP TABLE x", direction: "asc" })).toBe("b.kind");
    expect(orderBy(columns, "b.kind", { column: "constructor", direction: "asc" })).toBe("b.kind");
  });
});
