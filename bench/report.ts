/**
 * Audit reports on a generated cluster: `npx tsx bench/report.ts [size]` (default xl). Times building
 * the report model (who-can table included) and rendering each of the six formats, the HTML size,
 * and `scan` of the demo cluster as a fresh process of the compiled CLI. Ratios are against baselines
 * measured in the same run: JSON.stringify of the analysis result (for the renderers), `node -e 0` and
 * `kubectl version --client` (for scan).
 * Targets: all six formats for XL < 30 s total; HTML < 20 MB; scan of the demo < 2 s wall.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { analyzeCluster } from "@/lib/analysis";
import { clusterFromDocs } from "@/lib/analysis/test-support";
import { generateCluster, type ClusterSize } from "@/lib/gen/generate";
import { bundledBootstrapPolicy } from "@/lib/pipeline/analyze-snapshot";
import { compileCluster } from "@/lib/query/compiled-cache";
import { buildReport, withGraphCauses } from "@/lib/report/build";
import { REPORT_FORMATS, renderReport } from "@/lib/report/formats";

const size = (process.argv[2] ?? "xl") as ClusterSize;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const time = async <T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> => {
  const t = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t };
};

async function main(): Promise<void> {
const cluster = clusterFromDocs([...generateCluster(size, 1)] as Record<string, unknown>[]);
const analysis = (await time(() => analyzeCluster(cluster, { bootstrapPolicy: bundledBootstrapPolicy() })));
console.log(`analysis of ${size}: ${seconds(analysis.ms)} (${analysis.value.findings.length} findings, ${analysis.value.paths.length} paths) — not part of the report budget`);

const baseline = await time(() => JSON.stringify({ findings: analysis.value.findings, paths: analysis.value.paths, exposure: analysis.value.exposure, fixes: analysis.value.fixes }).length);
console.log(`baseline: JSON.stringify of the analysis result (${(baseline.value / 2 ** 20).toFixed(1)} MiB) ${seconds(baseline.ms)}`);

const compiled = compileCluster(cluster);
const model = await time(() =>
  buildReport({
    toolVersion: "bench",
    now: new Date(),
    snapshot: { id: null, name: `bench-${size}`, createdAt: new Date().toISOString(), source: { type: "files", files: [], sha256: "" }, kubernetesVersion: null, objectsByKind: {}, skippedKinds: [], unreadableKinds: [] },
    analysis: withGraphCauses(analysis.value),
    policy: compiled.policy,
    serviceAccounts: compiled.serviceAccounts,
    origins: () => undefined,
    acceptances: [],
  }),
);
let total = model.ms;
console.log(`report model (incl. who-can of ${model.value.whoCan.length} permissions): ${seconds(model.ms)} = ${(model.ms / baseline.ms).toFixed(1)}× baseline`);
for (const format of REPORT_FORMATS) {
  const rendered = await time(() => renderReport(model.value, format));
  total += rendered.ms;
  const bytes = Buffer.byteLength(rendered.value.body);
  console.log(`  ${format.padEnd(6)} ${seconds(rendered.ms).padStart(9)} = ${(rendered.ms / baseline.ms).toFixed(1).padStart(6)}× baseline  ${(bytes / 2 ** 20).toFixed(2)} MiB${format === "html" ? ` (target < 20 MB: ${bytes < 20e6 ? "ok" : "OVER"})` : ""}`);
}
console.log(`all six formats incl. the model: ${seconds(total)} (target < 30 s: ${total < 30_000 ? "ok" : "OVER"})`);

// `scan` as users run it: the compiled CLI (bin/rbac-atlas.mjs, bundle built beforehand), a fresh
// process each time, interleaved with the baselines `node -e 0` and `kubectl version --client`.
const wall = (command: string, args: string[]) => {
  const t = performance.now();
  const run = spawnSync(command, args, { encoding: "utf8" });
  return { ms: performance.now() - t, status: run.status, missing: run.error !== undefined };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const scanArgs = [path.join("bin", "rbac-atlas.mjs"), "scan", "demo", "--fail-on", "low"];
wall(process.execPath, scanArgs); // builds the CLI bundle when lib/ changed: not part of the figure
const runs = { scan: [] as number[], node: [] as number[], kubectl: [] as number[] };
let status: number | null = null;
let kubectl = true;
for (let i = 0; i < 7; i++) {
  const scan = wall(process.execPath, scanArgs);
  runs.scan.push(scan.ms);
  status = scan.status;
  runs.node.push(wall(process.execPath, ["-e", "0"]).ms);
  const k = wall("kubectl", ["version", "--client"]);
  if (k.missing) kubectl = false;
  else runs.kubectl.push(k.ms);
}
const scanMs = median(runs.scan);
console.log(
  `scan of the demo cluster (median of 7): ${seconds(scanMs)} wall (exit ${status}) = ${(scanMs / median(runs.node)).toFixed(1)}× \`node -e 0\` (${seconds(median(runs.node))})` +
    `${kubectl ? `, ${(scanMs / median(runs.kubectl)).toFixed(1)}× \`kubectl version --client\` (${seconds(median(runs.kubectl))})` : ""}; target < 2 s: ${scanMs < 2000 ? "ok" : "OVER"}`,
);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
