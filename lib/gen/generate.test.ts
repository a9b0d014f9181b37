import { describe, expect, it } from "vitest";
import { generateCluster, SIZE_TARGETS, writeClusterJson, type ApiObject, type ClusterSize } from "@/lib/gen/generate";
import { formatIssue, parseSources } from "@/lib/ingest";

async function dump(size: ClusterSize, seed: number): Promise<string> {
  const chunks: string[] = [];
  await writeClusterJson(generateCluster(size, seed), (c) => {
    chunks.push(c);
  });
  return chunks.join("");
}

function countKinds(objects: Iterable<ApiObject>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  return counts;
}

describe("generateCluster", () => {
  it("gives identical output for the same seed and different output for another", async () => {
    const a = await dump("s", 7);
    expect(await dump("s", 7)).toBe(a);
    expect(await dump("s", 8)).not.toBe(a);
  });

  it.each<ClusterSize>(["s", "m", "l"])("produces the target counts for size %s", (size) => {
    const counts = countKinds(generateCluster(size, 3));
    for (const [kind, n] of Object.entries(SIZE_TARGETS[size])) expect([kind, counts[kind]]).toEqual([kind, n]);
  });

  it("keeps XL at the issue's figures", () => {
    expect(SIZE_TARGETS.xl).toEqual({ Namespace: 5000, ServiceAccount: 50000, RoleBinding: 100000, Role: 10000, ClusterRole: 1500, ClusterRoleBinding: 3000, Pod: 150000, Node: 500 });
  });

  it.each<[ClusterSize, number]>([
    ["s", 1],
    ["m", 42],
  ])("writes a dump (size %s, seed %d) that parses without issues, duplicates or skipped kinds", async (size, seed) => {
    const r = parseSources([{ path: `${size}.json`, content: await dump(size, seed) }]);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join("\n"));
    expect(r.summary.warnings).toEqual([]);
    expect(r.summary.skipped).toEqual([]);
    for (const [kind, n] of Object.entries(SIZE_TARGETS[size])) expect([kind, r.summary.counts[kind]]).toEqual([kind, n]);
  });

  it("places every pod on a generated node and mounts a ServiceAccount that exists", () => {
    const objects = [...generateCluster("m", 5)];
    const nodes = new Set(objects.filter((o) => o.kind === "Node").map((o) => (o.metadata as { name: string }).name));
    const sas = new Set(objects.filter((o) => o.kind === "ServiceAccount").map((o) => { const m = o.metadata as { name: string; namespace: string }; return `${m.namespace}/${m.name}`; }));
    for (const o of objects.filter((x) => x.kind === "Pod")) {
      const m = o.metadata as { namespace: string };
      const spec = o.spec as { nodeName?: string; serviceAccountName?: string };
      expect(nodes.has(spec.nodeName ?? "")).toBe(true);
      expect(sas.has(`${m.namespace}/${spec.serviceAccountName ?? "default"}`)).toBe(true);
    }
  });
});
