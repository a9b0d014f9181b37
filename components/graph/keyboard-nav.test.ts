import { describe, expect, it } from "vitest";
import { describeVertex, neighbourInDirection } from "./keyboard-nav";

describe("moving the graph's keyboard cursor", () => {
  const from = { id: "sa", x: 0, y: 0 };
  const binding = { id: "binding", x: 200, y: 10 };
  const otherBinding = { id: "binding-2", x: 200, y: 120 };
  const pod = { id: "pod", x: -200, y: 0 };
  const below = { id: "below", x: 10, y: 150 };

  it("follows the connected vertex lying in the arrow's direction, nearest to the axis first", () => {
    expect(neighbourInDirection(from, [binding, otherBinding, pod, below], "right")?.id).toBe("binding");
    expect(neighbourInDirection(from, [binding, otherBinding, pod, below], "left")?.id).toBe("pod");
    expect(neighbourInDirection(from, [binding, otherBinding, pod, below], "down")?.id).toBe("below");
  });

  it("stays put when no neighbour lies that way", () => {
    expect(neighbourInDirection(from, [binding, pod, below], "up")).toBeUndefined();
    expect(neighbourInDirection(from, [], "right")).toBeUndefined();
  });
});

describe("describing a vertex for screen readers", () => {
  it("names the kind, the object, the severity and the first connections", () => {
    const text = describeVertex({ kind: "ServiceAccount", label: "ci/deployer", severity: "High" }, [
      { kind: "RoleBinding", label: "ci/deploy" },
      ...Array.from({ length: 6 }, (_, i) => ({ kind: "Pod", label: `ci/p${i}` })),
    ]);
    expect(text).toBe("ServiceAccount ci/deployer, worst finding High, 7 connections: RoleBinding ci/deploy, Pod ci/p0, Pod ci/p1, Pod ci/p2, Pod ci/p3, and 2 more.");
    expect(describeVertex({ kind: "Collapsed", label: "43 more RoleBindings" }, [])).toBe("collapsed group 43 more RoleBindings, no connections.");
  });
});
