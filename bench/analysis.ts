/**
 * Full escalation analysis on a generated cluster: `npx tsx bench/analysis.ts [size] [seed]`
 * (default xl: 5k namespaces, 50k ServiceAccounts, 100k RoleBindings, 150k pods). Prints build,
 * analysis and query times and peak RSS. Targets: analysis < 60 s, < 2 GiB RSS; paths query < 200 ms.
 */
import { analyzeCluster, findPaths } from "@/lib/analysis";
import { clusterFromDocs } from "@/lib/analysis/test-support";
import { generateCluster, type ClusterSize } from "@/lib/gen/generate";

const size = (process.argv[2] ?? "xl") as ClusterSize;
const seed = Number(process.argv[3] ?? 1);
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 200);

let t = performance.now();
const objects = clusterFromDocs([...generateCluster(size, seed)] as Record<string, unknown>[]);
const genMs = performance.now() - t;
console.log(`generated ${size}: ${objects.namespaces.length} namespaces, ${objects.serviceAccounts.length} SAs, ${objects.roleBindings.length} RoleBindings, ${objects.pods.length} pods in ${(genMs / 1000).toFixed(1)} s`);

t = performance.now();
const result = analyzeCluster(objects);
const analyzeMs = performance.now() - t;
sample();
console.log(`analysis: ${(analyzeMs / 1000).toFixed(1)} s; graph ${result.summary.vertices} vertices, ${result.summary.edges} edges; ${result.paths.length} paths; ${result.findings.length} findings; fix set ${result.fixes.fixes.length}`);

const start = result.graph.vertices.find((v) => v.start && v.ref.kind === "ServiceAccount");
if (start) {
  t = performance.now();
  const p = findPaths(result, start.ref, "ClusterAdmin");
  console.log(`paths --from ${start.ref.namespace}/${start.ref.name} --to ClusterAdmin: ${p.length} path(s) in ${(performance.now() - t).toFixed(1)} ms`);
}
t = performance.now();
const all = findPaths(result, undefined, "ClusterAdmin");
console.log(`paths --to ClusterAdmin (every start): ${all.length} in ${(performance.now() - t).toFixed(1)} ms`);
clearInterval(timer);
sample();
console.log(`peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
