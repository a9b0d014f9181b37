/**
 * The optimised analysis must give exactly the answers recorded before optimisation
 * (`bench/analysis.ts <size> --write-golden` on the pre-optimisation code): the generator's S
 * cluster compared path by path, finding by finding; S and M compared by counts and hashes of
 * paths, findings, exposure, sinks, fix set and the edges between shared vertices. Edges of
 * private vertices may only disappear (redundant self-grants are no longer built; see golden.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCluster, type ClusterSize } from "@/lib/gen/generate";
import { analyzeCluster } from "./analyze";
import { canonicalAnalysis, compactGolden, digestOf, type AnalysisDigest, type CompactGolden } from "./golden";
import { clusterFromDocs } from "./test-support";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/escalation/golden");

function load(size: ClusterSize, seed: number): { digest: AnalysisDigest } & Partial<CompactGolden> {
  return JSON.parse(readFileSync(path.join(DIR, `${size}-seed${seed}.json`), "utf8")) as { digest: AnalysisDigest } & Partial<CompactGolden>;
}

function analyze(size: ClusterSize, seed: number) {
  return canonicalAnalysis(analyzeCluster(clusterFromDocs([...generateCluster(size, seed)] as Record<string, unknown>[])));
}

function expectSameDigest(actual: AnalysisDigest, golden: AnalysisDigest): void {
  expect(actual.counts).toEqual(golden.counts);
  expect(actual.sha256).toEqual(golden.sha256);
  expect(actual.changedByDesign.privateEdges).toBeLessThanOrEqual(golden.changedByDesign.privateEdges);
}

describe("optimised analysis gives the recorded answers", () => {
  it("generator S (seed 1): the same paths, findings, exposure ranking and fix set, in order", () => {
    const golden = load("s", 1);
    const c = analyze("s", 1);
    const compact = compactGolden(c);
    expect(compact.paths).toEqual(golden.paths);
    expect(compact.findings).toEqual(golden.findings);
    expect(compact.exposure).toEqual(golden.exposure);
    expect(compact.fixes).toEqual(golden.fixes);
    expectSameDigest(digestOf(c), golden.digest);
  });

  it("generator M (seed 1): the same counts and hashes of every part", () => {
    expectSameDigest(digestOf(analyze("m", 1)), load("m", 1).digest);
  }, 180_000);
});
