/**
 * V8 settings every RBAC Atlas process starts with: the `rbac-atlas` and kubectl-plugin shebangs,
 * `npm run cli` and `npm start` (package.json), the dashboard server `serve` starts, and the
 * benchmarks (so they measure what users run). A test keeps those places in step with this list.
 *
 * `--max-semi-space-size=32`: the escalation analysis allocates short-lived objects at a high rate;
 * with V8's default 16 MiB semi-spaces young-generation GC took 26–31% of an XL analysis. 32 MiB cut
 * the XL analysis from 61.2 s to 53.4 s wall on a quiet machine with peak RSS under 2 GiB (1,984 MiB);
 * 64 MiB was faster still (50.4 s) but went over 2 GiB. It only caps growth: small commands stay small.
 * It cannot be set from inside a running process (V8 sizes the young generation at start-up).
 */
export const NODE_FLAGS: readonly string[] = ["--max-semi-space-size=32"];
