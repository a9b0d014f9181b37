/**
 * Runs the fixture API server on its own, for trying the Connect page or the CLI by hand, and for
 * end-to-end tests: serves fixtures/k8s-bootstrap-policy and demo/ (and any --dir), writes a
 * kubeconfig for it, prints its path, and runs until killed.
 *
 *   npx tsx lib/ingest/live/test-support/serve-fixtures.ts --kubeconfig /tmp/kc [--forbid secrets] [--dir DIR]
 *   KUBECONFIG=/tmp/kc npm run dev      # then open /connect
 */

import path from "node:path";
import { parseArgs } from "node:util";
import { loadFixtureObjects, startFakeApiServer } from "./fake-apiserver";
import { makeTestPki, writeKubeconfig } from "./tls";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kubeconfig: { type: "string" },
      forbid: { type: "string", multiple: true },
      dir: { type: "string", multiple: true },
      context: { type: "string" },
    },
  });
  if (values.kubeconfig === undefined) throw new Error("--kubeconfig FILE is required (the kubeconfig to write)");
  const root = path.resolve(import.meta.dirname, "../../../..");
  const objects = loadFixtureObjects([path.join(root, "fixtures", "k8s-bootstrap-policy"), path.join(root, "demo"), ...(values.dir ?? [])]);
  const pki = makeTestPki();
  const token = `fixture-${Math.random().toString(36).slice(2)}`;
  const server = await startFakeApiServer({ cert: pki.serverCert, key: pki.serverKey, token, objects, forbidden: values.forbid ?? [] });
  const name = values.context ?? "fixture-cluster";
  writeKubeconfig(values.kubeconfig, [
    { name, server: server.url, caCert: pki.caCert, token },
    { name: `${name}-bad-token`, server: server.url, caCert: pki.caCert, token: "wrong" },
  ]);
  process.stdout.write(`fixture API server ${server.url} (${objects.length} objects); kubeconfig ${values.kubeconfig}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
