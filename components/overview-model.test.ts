import { describe, expect, it } from "vitest";
import type { ExposureEntry, SinkSummary } from "@/lib/analysis/analyze";
import type { Finding } from "@/lib/analysis/findings";
import { barWidth, shortLabel } from "./charts/bar-model";
import { defaultAccountBars, namespaceBars, severityBars, sinkBars } from "./overview-model";

const sink = (kind: "ClusterAdmin" | "Node" | "Secret", name: string | null, reachedBy: number, reason: SinkSummary["reason"], namespace: string | null = null): SinkSummary => ({
  sink: { kind, name, namespace },
  reason,
  reachedBy,
});

const finding = (id: string, namespace: string | undefined, extra: Partial<Finding> = {}): Finding =>
  ({ id, rule: "WILDCARD_RULE", severity: "High", title: id, objects: [{ kind: "Role", name: id, ...(namespace === undefined ? {} : { namespace }) }], ...extra }) as unknown as Finding;

const account = (namespace: string, name: string, score: number, isDefault: boolean): ExposureEntry => ({
  serviceAccount: { kind: "ServiceAccount", name, namespace },
  isDefault,
  reaches: { clusterAdmin: score >= 1000, nodes: 0, serviceAccounts: 0, secrets: 0 },
  level: score >= 1000 ? "ClusterAdmin" : null,
  pods: 1,
  nodes: 1,
  score,
});

describe("overview charts", () => {
  it("ranks sinks by how many principals reach them, drops unreached ones and links each to its paths", () => {
    const bars = sinkBars(7, [sink("Node", "w1", 3, "node-root"), sink("ClusterAdmin", null, 40, "cluster-admin"), sink("Secret", "k", 0, "secret", "ns")]);
    expect(bars.map((b) => [b.label, b.value, b.tone])).toEqual([
      ["cluster admin", 40, "critical"],
      ["Node w1", 3, "bad"],
    ]);
    expect(bars[0]?.href).toBe("/snapshots/7/escalations?to=ClusterAdmin");
  });

  it("counts open findings per namespace: accepted and trusted ones left out, cluster-scoped apart", () => {
    const findings = [finding("a", "ops"), finding("b", "ops"), finding("c", undefined), finding("d", "ci"), finding("e", "ci", { trusted: true }), finding("f", "ci")];
    const bars = namespaceBars(1, findings, new Map([["f", {}]]));
    expect(bars.map((b) => [b.label, b.value])).toEqual([
      ["ops", 2],
      ["(cluster-scoped)", 1],
      ["ci", 1],
    ]);
    expect(bars[1]?.href).toBe("/snapshots/1/findings?namespace=-");
  });

  it("keeps the four severities in order even when some are zero", () => {
    expect(severityBars(1, { Critical: 0, High: 2, Medium: 0, Low: 5 }).map((b) => `${b.label}=${b.value}`)).toEqual(["Critical=0", "High=2", "Medium=0", "Low=5"]);
  });

  it("lists only default accounts that score, most exposed first", () => {
    const bars = defaultAccountBars(1, [account("a", "default", 10, true), account("b", "builder", 5000, false), account("c", "default", 2000, true), account("d", "default", 0, true)]);
    expect(bars.map((b) => b.label)).toEqual(["c/default", "a/default"]);
    expect(bars[0]?.href).toBe("/snapshots/1/subjects/ServiceAccount/c/default");
  });

  it("draws bars in proportion, a small value still visible, and shortens long labels", () => {
    expect(barWidth(50, 100, 180)).toBe(90);
    expect(barWidth(1, 100000, 180)).toBe(2);
    expect(barWidth(0, 10, 180)).toBe(0);
    expect(shortLabel("x".repeat(40))).toHaveLength(26);
    expect(shortLabel("short")).toBe("short");
  });
});
