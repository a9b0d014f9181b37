import { describe, expect, it } from "vitest";
import type { Finding } from "@/lib/analysis/findings";
import type { Severity } from "@/lib/analysis/technique";
import { countFindings, findingFilter, findingMatches, missingObjectIndexes } from "./finding-model";

const finding = (rule: string, severity: Severity, objects: Finding["objects"] = [{ kind: "Pod", name: "p", namespace: "ns" }]): Finding => ({
  id: `${rule}:${objects[0]?.name ?? ""}`,
  rule,
  severity,
  title: rule,
  objects,
  why: "",
  remediation: "",
});

describe("findings page model", () => {
  it.each<[Record<string, string | string[]>, { severity: string; rule: string }]>([
    [{ severity: "high" }, { severity: "High", rule: "" }],
    [{ severity: "Critical", rule: "WILDCARD_RULE" }, { severity: "Critical", rule: "WILDCARD_RULE" }],
    [{ severity: "severe" }, { severity: "", rule: "" }],
    [{ severity: ["Low", "High"], rule: [" DANGLING_BINDING "] }, { severity: "Low", rule: "DANGLING_BINDING" }],
  ])("reads %j from the URL", (params, expected) => {
    expect(findingFilter(params)).toEqual(expected);
  });

  it.each([
    [{ severity: "", rule: "" }, true],
    [{ severity: "High", rule: "" }, true],
    [{ severity: "Medium", rule: "" }, false],
    [{ severity: "", rule: "WILDCARD_RULE" }, true],
    [{ severity: "High", rule: "ANONYMOUS_BINDING" }, false],
  ] as const)("a High WILDCARD_RULE finding matches %j: %s", (filter, expected) => {
    expect(findingMatches(finding("WILDCARD_RULE", "High"), filter)).toBe(expected);
  });

  it("counts per severity (every level present, zero when none) and per rule, worst rule first", () => {
    const counts = countFindings([
      finding("HOSTPATH_MOUNT", "Low"),
      finding("DANGLING_BINDING", "Medium"),
      finding("DANGLING_BINDING", "Low"),
      finding("ANONYMOUS_BINDING", "Critical"),
    ]);
    expect(counts.bySeverity).toEqual({ Critical: 1, High: 0, Medium: 1, Low: 2 });
    expect(counts.byRule).toEqual([
      { rule: "ANONYMOUS_BINDING", count: 1 },
      { rule: "DANGLING_BINDING", count: 2 },
      { rule: "HOSTPATH_MOUNT", count: 1 },
    ]);
  });

  it("marks the dangling target of a DANGLING_BINDING finding as missing, nothing else", () => {
    const dangling = finding("DANGLING_BINDING", "Low", [
      { kind: "RoleBinding", name: "payments-auditor", namespace: "payments" },
      { kind: "Role", name: "auditor", namespace: "payments" },
    ]);
    expect([...missingObjectIndexes(dangling)]).toEqual([1]);
    expect([...missingObjectIndexes(finding("WILDCARD_RULE", "High"))]).toEqual([]);
  });
});
