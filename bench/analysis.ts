/**
 * Full escalation analysis on a generated cluster: `npx tsx bench/analysis.ts [size] [seed]`
 * (default xl: 5k namespaces, 50k ServiceAccounts, 100k RoleBindings, 150k pods). Prints wall and
 * CPU time per stage, graph size, query times and peak RSS (`process.resourceUsage().maxRSS`).
 * Targets: analysis < 60 s, < 2 GiB RSS; `paths --from X --to ClusterAdmin` < 200 ms.
 * XL runs in Node's default heap; `--cpu-prof` (as a node flag, with `--import tsx`) to profile.
 *
 * Measured 2026-12-03 on 2 cores shared with other benchmarks (load 4–9), before and after the allocation cuts
 * of issue 8 alternated: before 81.0 s wall / 81.0 s cpu (graph stage 58.2 s cpu) and 219.2 s / 88.9 s (graph
 * 63.9 s); after 71.3 s / 68.2 s (graph 49.1 s) and 110.3 s / 74.8 s (graph 51.1 s); 6,127,541 edges and the
 * same result either way. Peak RSS moves with GC timing between runs of the same code: 1,801–1,859 MiB before,
 * 1,767–2,109 MiB after (the 2,109 once, on the quietest run).
 *
 * `--write-golden` records the result as `fixtures/escalation/golden/<size>-seed<seed>.json`
 * (compact paths, finding ids, exposure and fix causes in full, plus counts and hashes of every
 * part), the reference that `lib/analysis/golden.test.ts` compares against.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { analyzeCluster, findPaths, formatVertexRef } from "@/lib/analysis";
import { canonicalAnalysis, compactGolden, digestOf } from "@/lib/analysis/golden";
import { clusterFromDocs } from "@/lib/analysis/test-support";
import { generateCluster, type ClusterSize } from "@/lib/gen/generate";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const writeGolden = process.argv.includes("--write-golden");
const size = (args[0] ?? "xl") as ClusterSize;
const seed = Number(args[1] ?? 1);
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let t = performance.now();
let c = cpu();
const objects = clusterFromDocs([...generateCluster(size, seed)] as Record<string, unknown>[]);
console.log(
  `generated ${size}: ${objects.namespaces.length} namespaces, ${objects.serviceAccounts.length} SAs, ${objects.roleBindings.length} RoleBindings, ${objects.pods.length} pods in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

t = performance.now();
c = cpu();
const result = analyzeCluster(objects, {
  onStage: (stage, wallMs, cpuMs) => console.log(`  ${stage.padEnd(10)} ${(wallMs / 1000).toFixed(2).padStart(7)} s wall ${(cpuMs / 1000).toFixed(2).padStart(7)} s cpu  rss ${mib(process.memoryUsage().rss)}`),
});
const analyzeMs = performance.now() - t;
const analyzeCpu = cpu() - c;
console.log(
  `analysis: ${(analyzeMs / 1000).toFixed(1)} s wall, ${(analyzeCpu / 1000).toFixed(1)} s cpu (target 60 s: ${(analyzeMs / 60000).toFixed(2)}×); graph ${result.summary.vertices} vertices, ${result.summary.edges} edges, ${result.summary.starts} starts; ${result.paths.length} paths; ${result.findings.length} findings; fix set ${result.fixes.fixes.length}`,
);

const start = result.graph.vertices.find((v) => v.start && v.ref.kind === "ServiceAccount" && v.ref.name === "default");
if (start) {
  t = performance.now();
  const p = findPaths(result, start.ref, "ClusterAdmin");
  const ms = performance.now() - t;
  console.log(`paths --from ${formatVertexRef(start.ref)} --to ClusterAdmin: ${p.length} path(s) in ${ms.toFixed(1)} ms (target 200 ms: ${(ms / 200).toFixed(3)}×)`);
}
t = performance.now();
const all = findPaths(result, undefined, "ClusterAdmin");
console.log(`paths --to ClusterAdmin (every start): ${all.length} in ${(performance.now() - t).toFixed(1)} ms`);
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(`peak RSS ${mib(maxRss)} (target 2 GiB: ${(maxRss / 2 ** 31).toFixed(2)}×)`);

if (writeGolden) {
  const canonical = canonicalAnalysis(result);
  const dir = path.resolve(import.meta.dirname, "../fixtures/escalation/golden");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${size}-seed${seed}.json`);
  const body = size === "s" ? { digest: digestOf(canonical), ...compactGolden(canonical) } : { digest: digestOf(canonical) };
  writeFileSync(file, `${JSON.stringify(body, null, 1)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
