/**
 * The graph is stored per snapshot as JSON and queried later: the columnar edge table must give
 * the same edges, paths and fix set after a JSON round trip as in memory.
 */
import { describe, expect, it } from "vitest";
import { generateCluster } from "@/lib/gen/generate";
import { analyzeCluster, findPaths } from "./analyze";
import { computeFixSet } from "./fixset";
import { edgeList, type EscalationGraph } from "./graph";
import { clusterFromDocs } from "./test-support";

const objects = clusterFromDocs([...generateCluster("s", 1)] as Record<string, unknown>[]);
const result = analyzeCluster(objects);
const stored = JSON.parse(JSON.stringify(result.graph)) as EscalationGraph;

describe("escalation graph stored as JSON", () => {
  it("stores edge columns as plain number arrays", () => {
    expect(Array.isArray(stored.edges.from)).toBe(true);
    expect(stored.edges.count).toBe(result.summary.edges);
    expect(stored.edges.from).toHaveLength(result.summary.edges);
  });

  it("gives back every edge with its technique, via, alternatives and causes", () => {
    const edges = edgeList(result.graph);
    expect(edges.length).toBeGreaterThan(0);
    expect(edgeList(stored)).toEqual(edges);
  });

  it.each([
    ["every start to ClusterAdmin", undefined, "ClusterAdmin" as const],
    ["every start to every sink", undefined, undefined],
  ])("answers path queries the same: %s", (_name, from, to) => {
    const inMemory = findPaths(result.graph, from, to);
    expect(inMemory.length).toBeGreaterThan(0);
    expect(findPaths(stored, from, to)).toEqual(inMemory);
  });

  it("computes the same fix set", () => {
    expect(computeFixSet(stored, ["ClusterAdmin"], objects)).toEqual(result.fixes);
  });

  it("refuses a graph stored in the old edge-object format with a clear message", () => {
    const legacy = { vertices: stored.vertices, edges: edgeList(stored) } as unknown as EscalationGraph;
    expect(() => findPaths(legacy, undefined, "ClusterAdmin")).toThrow(/re-ingest/);
  });
});
