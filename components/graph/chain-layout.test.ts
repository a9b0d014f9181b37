import { describe, expect, it } from "vitest";
import { chainPositions, ROWS_PER_SUBCOLUMN } from "./chain-layout";

describe("chain layout", () => {
  it("places subject, binding and role from left to right", () => {
    const p = chainPositions(
      [
        { id: "role", kind: "ClusterRole" },
        { id: "sa", kind: "ServiceAccount" },
        { id: "rb", kind: "RoleBinding" },
        { id: "admin", kind: "ClusterAdmin" },
      ],
      [
        { source: "sa", target: "rb" },
        { source: "rb", target: "role" },
      ],
    );
    const x = (id: string) => p.get(id)!.x;
    expect(x("sa")).toBeLessThan(x("rb"));
    expect(x("rb")).toBeLessThan(x("role"));
    expect(x("role")).toBeLessThan(x("admin"));
  });

  it("wraps a tall column into sub-columns instead of one endless line", () => {
    const nodes = Array.from({ length: ROWS_PER_SUBCOLUMN * 2 + 1 }, (_, i) => ({ id: `b${i}`, kind: "RoleBinding" }));
    const p = chainPositions(nodes, []);
    expect(new Set(nodes.map((n) => p.get(n.id)!.x)).size).toBe(3);
    expect(Math.max(...nodes.map((n) => p.get(n.id)!.y))).toBeLessThan(ROWS_PER_SUBCOLUMN * 50);
  });

  it("puts a collapsed group in the column of the kind it stands for", () => {
    const p = chainPositions(
      [
        { id: "sa", kind: "ServiceAccount" },
        { id: "more", kind: "Collapsed", memberKind: "binding" },
        { id: "rb", kind: "RoleBinding" },
      ],
      [],
    );
    expect(p.get("more")!.x).toBe(p.get("rb")!.x);
  });
});
