import { describe, expect, it } from "vitest";
import { compileAcceptances, formatAcceptances, parseAcceptances, type Acceptance } from "./accept";
import { demoReport } from "./test-support";

const risk = (over: Partial<Acceptance>): Acceptance => ({ rule: "DEFAULT_SA_AUTOMOUNT", namespace: "*", kind: "*", name: "*", reason: "legacy", owner: "team-a", expires: "2027-01-31", ...over });

describe("accepted risks file", () => {
  it("reads rule, glob pattern, reason, owner and expiry, defaulting the pattern to *", () => {
    const parsed = parseAcceptances(
      "acceptedRisks:\n  - rule: WILDCARD_RULE\n    namespace: team-*\n    reason: platform role\n    owner: sre@example.com\n    expires: 2027-03-31\n",
      "accept.yaml",
    );
    expect(parsed).toEqual({ ok: true, acceptances: [{ rule: "WILDCARD_RULE", namespace: "team-*", kind: "*", name: "*", reason: "platform role", owner: "sre@example.com", expires: "2027-03-31" }] });
  });

  it("names the file, entry and field of each error", () => {
    const parsed = parseAcceptances("acceptedRisks:\n  - rule: X\n    owner: me\n    expires: next week\n", "ci/accept.yaml");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toContain("ci/accept.yaml: acceptedRisks[0].reason: Invalid input: expected string, received undefined");
    expect(parsed.errors.some((e) => e.startsWith("ci/accept.yaml: acceptedRisks[0].expires: a day as YYYY-MM-DD"))).toBe(true);
  });

  it("round-trips through YAML", () => {
    const list = [risk({ name: "web-*" })];
    expect(parseAcceptances(formatAcceptances(list), "x")).toEqual({ ok: true, acceptances: list });
  });

  it("matches rule and object pattern with globs, and an expired one is flagged", () => {
    const [active, expired] = compileAcceptances([risk({ namespace: "team-?", name: "web-*" }), risk({ expires: "2026-11-30" })], "2026-12-01");
    expect(active!.matches(["DEFAULT_SA_AUTOMOUNT"], [{ kind: "Pod", namespace: "team-a", name: "web-1" }])).toBe(true);
    expect(active!.matches(["DEFAULT_SA_AUTOMOUNT"], [{ kind: "Pod", namespace: "team-ab", name: "web-1" }])).toBe(false);
    expect(active!.matches(["WILDCARD_RULE"], [{ kind: "Pod", namespace: "team-a", name: "web-1" }])).toBe(false);
    expect([active!.expired, expired!.expired]).toEqual([false, true]);
  });
});

describe("accepted risks in the report", () => {
  const base = demoReport();
  const target = base.findings.find((f) => f.severity === "Critical")!;
  const primary = target.objects[0]!;
  const acceptance = risk({ rule: target.rule, kind: primary.kind, namespace: primary.namespace ?? "*", name: primary.name ?? "*", expires: "2027-01-31" });

  it("marks the finding accepted and takes it out of the headline counts", () => {
    const report = demoReport([acceptance]);
    const finding = report.findings.find((f) => f.identity === target.identity)!;
    expect(finding.accepted).toMatchObject({ owner: "team-a", expires: "2027-01-31" });
    expect(report.summary.findingsBySeverity.Critical).toBe(base.summary.findingsBySeverity.Critical - 1);
    expect(report.summary.acceptedFindings).toBe(1);
    expect(report.acceptances).toEqual([expect.objectContaining({ state: "active", matchedFindings: 1 })]);
  });

  it("stops applying once expired, and reports the expired acceptance", () => {
    const report = demoReport([{ ...acceptance, expires: "2026-11-30" }]);
    expect(report.findings.find((f) => f.identity === target.identity)!.accepted).toBeNull();
    expect(report.summary.findingsBySeverity).toEqual(base.summary.findingsBySeverity);
    expect(report.acceptances).toEqual([expect.objectContaining({ state: "expired", matchedFindings: 1 })]);
  });

  it("accepts paths by technique and the path's start or hop evidence", () => {
    const path = base.paths[0]!;
    const [kind, ...rest] = path.from.split("/");
    const name = rest.at(-1)!;
    const report = demoReport([risk({ rule: path.hops[0]!.technique, kind: kind!, name })]);
    expect(report.paths.find((p) => p.identity === path.identity)!.accepted).not.toBeNull();
    expect(report.summary.acceptedPaths).toBeGreaterThan(0);
  });
});
