/** `hopCauses`: the typed causes of each hop of a path are those of the graph edge it takes. */
import { describe, expect, it } from "vitest";
import { analyzeCluster } from "./analyze";
import { causeKey } from "./cause";
import { causesOfEdge, edgeList } from "./graph";
import { hopCauses } from "./paths";
import { formatVertexRef } from "./refs";
import { clusterFromDocs } from "./test-support";
import { generateCluster } from "@/lib/gen/generate";

describe("hopCauses", () => {
  const result = analyzeCluster(clusterFromDocs([...generateCluster("s", 1)] as Record<string, unknown>[]));

  it("lists, for every hop of every path, the causes of the edge from the previous vertex with the hop's technique", () => {
    expect(result.paths.length).toBeGreaterThan(0);
    const edges = edgeList(result.graph);
    for (const p of result.paths.slice(0, 200)) {
      const causes = hopCauses(result.graph, p);
      expect(causes).toHaveLength(p.hops.length);
      let cur = result.graph.vertices.find((v) => v.owner === null && formatVertexRef(v.ref) === formatVertexRef(p.from))!.id;
      p.hops.forEach((h, i) => {
        const matching = edges.flatMap((e, n) => (e.from === cur && e.technique === h.technique && formatVertexRef(result.graph.vertices[e.to]!.ref) === formatVertexRef(h.reaches) ? [n] : []));
        expect(matching).toHaveLength(1);
        expect(causes[i]!.map(causeKey)).toEqual(causesOfEdge(result.graph, matching[0]!).map(causeKey));
        expect(causes[i]!.length).toBeGreaterThan(0);
        cur = edges[matching[0]!]!.to;
      });
    }
  });

  it("gives an empty list for a hop the graph does not hold", () => {
    const p = result.paths[0]!;
    const bogus = { from: p.from, hops: [{ ...p.hops[0]!, technique: "NO_SUCH_TECHNIQUE" }] };
    expect(hopCauses(result.graph, bogus)).toEqual([[]]);
  });
});
