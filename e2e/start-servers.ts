/**
 * The e2e web server: a fixture Kubernetes API server (HTTPS, bearer token, Secrets forbidden) whose
 * kubeconfig the dashboard is started with, so the Connect page can ingest a "live" cluster.
 * One process tree: when the dashboard exits (Playwright stops it), the fixture server closes too.
 *
 *   npx tsx e2e/start-servers.ts --port 3200 --db .tmp/e2e.db
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadFixtureObjects, startFakeApiServer } from "@/lib/ingest/live/test-support/fake-apiserver";
import { makeTestPki, writeKubeconfig } from "@/lib/ingest/live/test-support/tls";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string" }, db: { type: "string" } } });
  const root = process.cwd();
  const db = values.db ?? ".tmp/e2e.db";
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${db}${suffix}`, { force: true });
  const kubeconfig = path.join(root, ".tmp", "e2e-kubeconfig");
  fs.mkdirSync(path.dirname(kubeconfig), { recursive: true });
  const pki = makeTestPki();
  const token = "e2e-token";
  const objects = loadFixtureObjects([path.join(root, "fixtures", "k8s-bootstrap-policy"), path.join(root, "demo")]);
  const api = await startFakeApiServer({ cert: pki.serverCert, key: pki.serverKey, token, objects, forbidden: ["secrets"] });
  writeKubeconfig(kubeconfig, [
    { name: "fixture-cluster", server: api.url, caCert: pki.caCert, token },
    { name: "fixture-cluster-bad-token", server: api.url, caCert: pki.caCert, token: "wrong" },
  ]);
  const dashboard = spawn(process.execPath, [...process.execArgv, path.join(root, "lib", "cli", "main.ts"), "serve", "--port", values.port ?? "3200", "--db", db], {
    stdio: "inherit",
    env: { ...process.env, KUBECONFIG: kubeconfig },
  });
  const stop = (signal: NodeJS.Signals) => dashboard.kill(signal);
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  dashboard.on("exit", (code) => {
    void api.close().then(() => process.exit(code ?? 0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
