/**
 * Audit reports on a generated cluster: `npx tsx bench/report.ts [size]` (default xl). Times building
 * the report model (who-can table included) and rendering each of the six formats, the HTML size,
 * and `scan` of the demo cluster as a fresh process. Ratios are against baselines measured in the
 * same run: JSON.stringify of the analysis result (for the renderers) and `rbac-atlas help` (for scan).
 * Targets: all six formats for XL < 30 s total; HTML < 20 MB; scan of the demo < 2 s wall.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { analyzeCluster } from "@/lib/analysis";
import { clusterFromDocs } from "@/lib/analysis/test-support";
import { generateCluster, type ClusterSize } from "@/lib/gen/generate";
import { bundledBootstrapPolicy } from "@/lib/pipeline/analyze-snapshot";
import { compileCluster } from "@/lib/query/compiled-cache";
import { buildReport } from "@/lib/report/build";
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
    analysis: analysis.value,
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

const cli = (args: string[]) => {
  const t = performance.now();
  const run = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), path.join("lib", "cli", "main.ts"), ...args], { encoding: "utf8" });
  return { ms: performance.now() - t, status: run.status };
};
const help = cli(["help"]);
const scan = cli(["scan", "demo", "fixtures/k8s-bootstrap-policy", "--fail-on", "low"]);
console.log(`scan of the demo cluster: ${seconds(scan.ms)} wall (exit ${scan.status}) = ${(scan.ms / help.ms).toFixed(2)}× \`rbac-atlas help\` (${seconds(help.ms)}); target < 2 s: ${scan.ms < 2000 ? "ok" : "OVER"}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
