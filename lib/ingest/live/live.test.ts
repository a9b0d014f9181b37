import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceFile } from "@/lib/ingest";
import { importFiles } from "@/lib/pipeline/import-snapshot";
import { importLive } from "@/lib/pipeline/import-live";
import { closeDatabase, countSnapshots, openDatabase, type Database } from "@/lib/store";
import { readChunkedManifest } from "@/lib/store/manifest-chunks";
import { collectLive, type KindProgress } from "./index";
import { CLUSTER_FIXTURE_YAML, SECRET_PLAIN, SECRET_VALUE } from "./test-support/cluster-fixture";
import { loadFixtureObjects, startFakeApiServer, type FakeApiServer, type FakeApiServerOptions } from "./test-support/fake-apiserver";
import { makeTestPki, writeKubeconfig, type TestPki } from "./test-support/tls";

const TOKEN = "test-token-0123456789";
const ROOT = path.resolve(import.meta.dirname, "../../..");
const FIXTURE_DIRS = [path.join(ROOT, "fixtures", "k8s-bootstrap-policy"), path.join(ROOT, "demo")];

let pki: TestPki;
let dir: string;
let fixtureDir: string;
let objects: Record<string, unknown>[];
const servers: FakeApiServer[] = [];
const databases: Database[] = [];

beforeAll(() => {
  pki = makeTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-live-"));
  fixtureDir = path.join(dir, "cluster");
  fs.mkdirSync(fixtureDir);
  fs.writeFileSync(path.join(fixtureDir, "cluster.yaml"), CLUSTER_FIXTURE_YAML);
  objects = loadFixtureObjects([...FIXTURE_DIRS, fixtureDir]);
});

afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const db of databases.splice(0)) await closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function serve(options: Partial<FakeApiServerOptions> = {}): Promise<FakeApiServer> {
  const server = await startFakeApiServer({ cert: pki.serverCert, key: pki.serverKey, token: TOKEN, objects, ...options });
  servers.push(server);
  return server;
}

let kubeconfigCount = 0;
function kubeconfigFor(server: string, options: { token?: string; caCert?: string; name?: string } = {}): string {
  const file = path.join(dir, `kubeconfig-${++kubeconfigCount}`);
  writeKubeconfig(file, [{ name: options.name ?? "fake", server, caCert: options.caCert ?? pki.caCert, token: options.token ?? TOKEN }]);
  return file;
}

function freshDatabase(): Database {
  const db = openDatabase(path.join(dir, `test-${databases.length}.db`));
  databases.push(db);
  return db;
}

function sourceFiles(): SourceFile[] {
  return [...FIXTURE_DIRS, fixtureDir].flatMap((d) =>
    fs.existsSync(d)
      ? fs
          .readdirSync(d)
          .filter((f) => /\.(ya?ml|json)$/.test(f))
          .sort()
          .map((f) => ({ path: path.join(d, f), content: fs.readFileSync(path.join(d, f), "utf8") }))
      : [],
  );
}

interface Row {
  kind: string;
  namespace: string;
  name: string;
  objectJson: string;
  manifestChunk: number;
  manifestSlot: number;
}

function storedObjects(db: Database, snapshotId: number) {
  const rows = db.raw
    .prepare("SELECT kind, namespace, name, objectJson, manifestChunk, manifestSlot FROM KubeObject WHERE snapshotId = ? ORDER BY kind, namespace, name")
    .all(snapshotId) as Row[];
  return rows.map((r) => ({
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    object: JSON.parse(r.objectJson) as unknown,
    manifest: readChunkedManifest(db, snapshotId, { chunk: r.manifestChunk, slot: r.manifestSlot }) ?? {},
  }));
}

/**
 * Items of a typed List in a file (`kind: ServiceAccountList` with kind-less items) keep no
 * apiVersion/kind in the file path's manifest; the live path always sets them (as kubectl does),
 * and the test below checks that separately. Everything else must be identical.
 */
function withoutTypeMeta(rows: ReturnType<typeof storedObjects>) {
  return rows.map(({ manifest, ...rest }) => {
    const { apiVersion: _a, kind: _k, ...m } = manifest;
    return { ...rest, manifest: m };
  });
}

describe("live ingest against the fixture API server (real @kubernetes/client-node, HTTPS, bearer token)", () => {
  it("stores the same snapshot as file ingestion of the same fixtures, and records where it came from", async () => {
    const server = await serve();
    const db = freshDatabase();
    const fromFiles = await importFiles(db, sourceFiles(), { name: "files", source: "files" });
    expect(fromFiles.ok).toBe(true);
    const live = await importLive(db, { kubeconfig: kubeconfigFor(server.url, { name: "kind-test" }), pageSize: 25 });
    if (!live.ok) throw new Error(live.failure.message);
    if (!fromFiles.ok) return;

    const liveRows = storedObjects(db, live.snapshot.id);
    expect(withoutTypeMeta(liveRows)).toEqual(withoutTypeMeta(storedObjects(db, fromFiles.snapshot.id)));
    expect(liveRows.filter((r) => typeof r.manifest.apiVersion !== "string" || r.manifest.kind !== r.kind)).toEqual([]);
    expect(live.snapshot.counts).toEqual(fromFiles.snapshot.counts);
    expect(live.snapshot.counts.ClusterRole).toBeGreaterThan(50);
    expect(live.snapshot.source).toBe("live");
    expect(live.snapshot.name).toBe("kind-test");
    // The CA fingerprint identifies the cluster (issue 13): the kubeconfig's CA, not a credential.
    expect(live.snapshot.origin).toEqual({ server: server.url, context: "kind-test", version: "v1.31.0-fake", caFingerprint: new X509Certificate(pki.caCert).fingerprint256 });
    expect(live.snapshot.unreadable).toEqual([]);
  });

  it("pages through every list with limit and continue, following remainingItemCount", async () => {
    const server = await serve();
    const events: KindProgress[] = [];
    const result = await collectLive({ kubeconfig: kubeconfigFor(server.url), pageSize: 10, onProgress: (e) => events.push(e) });
    if (!result.ok) throw new Error(result.failure.message);
    const clusterRoles = result.summary.counts.ClusterRole ?? 0;
    const listRequests = server.requests.filter((r) => r.path.startsWith("/apis/rbac.authorization.k8s.io/v1/clusterroles?"));
    expect(listRequests).toHaveLength(Math.ceil(clusterRoles / 10));
    expect(listRequests.every((r) => r.path.includes("limit=10"))).toBe(true);
    expect(listRequests.filter((r) => r.path.includes("continue="))).toHaveLength(listRequests.length - 1);
    // Every kept kind is listed across all namespaces, once.
    expect(server.requests.filter((r) => !r.path.includes("continue=") && r.path.includes("?limit=")).map((r) => r.path.split("?")[0]).sort()).toEqual(
      [
        "/api/v1/namespaces",
        "/api/v1/nodes",
        "/api/v1/persistentvolumes",
        "/api/v1/pods",
        "/api/v1/replicationcontrollers",
        "/api/v1/secrets",
        "/api/v1/serviceaccounts",
        "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations",
        "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations",
        "/apis/apps/v1/daemonsets",
        "/apis/apps/v1/deployments",
        "/apis/apps/v1/replicasets",
        "/apis/apps/v1/statefulsets",
        "/apis/batch/v1/cronjobs",
        "/apis/batch/v1/jobs",
        "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
        "/apis/rbac.authorization.k8s.io/v1/clusterroles",
        "/apis/rbac.authorization.k8s.io/v1/rolebindings",
        "/apis/rbac.authorization.k8s.io/v1/roles",
      ].sort(),
    );
    expect(result.stats.requests).toBe(server.requests.length);
    const crEvents = events.filter((e) => e.resource === "clusterroles");
    expect(crEvents.map((e) => e.state)).toContain("listing");
    expect(crEvents.at(-1)).toMatchObject({ state: "done", listed: clusterRoles, total: clusterRoles });
    // The first page already knows the total from remainingItemCount.
    expect(crEvents.find((e) => e.state === "listing" && e.pages === 1)?.total).toBe(clusterRoles);
  });

  it("records a 403 kind as not readable and goes on with the others", async () => {
    const server = await serve({ forbidden: ["secrets"] });
    const db = freshDatabase();
    const result = await importLive(db, { kubeconfig: kubeconfigFor(server.url) });
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.snapshot.unreadable).toEqual([{ kind: "secrets", reason: "403" }]);
    expect(result.snapshot.counts.Secret).toBe(0);
    const served = (kind: string) => objects.filter((o) => o.kind === kind).length;
    expect(served("Secret")).toBeGreaterThan(0);
    expect(result.snapshot.counts.ClusterRole).toBe(served("ClusterRole"));
    expect(result.snapshot.counts.Pod).toBe(served("Pod"));
    expect(result.snapshot.counts.RoleBinding).toBe(served("RoleBinding"));
  });

  it("--no-secrets never asks for Secrets and says so on the snapshot", async () => {
    const server = await serve();
    const result = await collectLive({ kubeconfig: kubeconfigFor(server.url), noSecrets: true });
    if (!result.ok) throw new Error(result.failure.message);
    expect(server.requests.some((r) => r.path.startsWith("/api/v1/secrets"))).toBe(false);
    expect(result.unreadable).toEqual([{ kind: "secrets", reason: "skipped: --no-secrets" }]);
  });

  it.each([
    ["an expired continue token (410 Gone) restarts that list", { expireOnce: ["clusterroles"] }],
    ["a server that invalidates every token once restarts each paged list", {}],
  ])("%s and the result is still complete", async (_name, options) => {
    const server = await serve(options);
    let expired = false;
    const events: KindProgress[] = [];
    const result = await collectLive({
      kubeconfig: kubeconfigFor(server.url),
      pageSize: 20,
      concurrency: 1,
      onProgress: (e) => {
        events.push(e);
        // Second scenario: the tokens handed out so far go stale during the first paged list.
        if (!("expireOnce" in options) && !expired && e.state === "listing" && e.pages === 1 && e.total !== undefined && e.total > 20) {
          expired = true;
          server.expireTokens();
        }
      },
    });
    if (!result.ok) throw new Error(result.failure.message);
    expect(server.requests.filter((r) => r.status === 410)).toHaveLength(1);
    const restarted = events.filter((e) => e.state === "done" && e.restarts === 1);
    expect(restarted).toHaveLength(1);
    const reference = await collectLive({ kubeconfig: kubeconfigFor(server.url) });
    if (!reference.ok) throw new Error(reference.failure.message);
    expect(result.summary.counts).toEqual(reference.summary.counts);
    expect(result.objects.map((o) => `${o.kind}/${o.object.metadata.namespace ?? ""}/${o.object.metadata.name}`)).toEqual(
      reference.objects.map((o) => `${o.kind}/${o.object.metadata.namespace ?? ""}/${o.object.metadata.name}`),
    );
  });

  it.each([1, 2, 4])("keeps at most %i request(s) in flight", async (concurrency) => {
    const server = await serve();
    const result = await collectLive({ kubeconfig: kubeconfigFor(server.url), pageSize: 5, concurrency });
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.stats.maxInFlight).toBeLessThanOrEqual(concurrency);
    expect(result.stats.maxInFlight).toBeGreaterThanOrEqual(1);
  });

  it("reads gzip-compressed lists like plain ones", async () => {
    const plain = await collectLive({ kubeconfig: kubeconfigFor((await serve()).url) });
    const gzipServer = await serve({ gzip: true });
    const zipped = await collectLive({ kubeconfig: kubeconfigFor(gzipServer.url) });
    if (!plain.ok || !zipped.ok) throw new Error("ingest failed");
    expect(gzipServer.requests.filter((r) => r.gzip)).toHaveLength(gzipServer.requests.length);
    expect(zipped.objects).toEqual(plain.objects.map((o) => ({ ...o })));
    expect(zipped.summary.sha256).toBe(plain.summary.sha256);
  });

  it("retries 503 and 429 on a list, then succeeds", async () => {
    const server = await serve({ transient: { clusterroles: [503, 429] } });
    const result = await collectLive({ kubeconfig: kubeconfigFor(server.url), retryDelayMs: 1 });
    if (!result.ok) throw new Error(result.failure.message);
    expect(server.requests.filter((r) => r.path.startsWith("/apis/rbac.authorization.k8s.io/v1/clusterroles")).map((r) => r.status)).toEqual([503, 429, 200]);
    expect(result.summary.counts.ClusterRole).toBe(objects.filter((o) => o.kind === "ClusterRole").length);
  });

  it("gives up after repeated 503s with the path, status and Status reason — never the cluster's own message — storing nothing", async () => {
    const server = await serve({ transient: { pods: [503, 503, 503, 503, 503] } });
    const result = await collectLive({ kubeconfig: kubeconfigFor(server.url, { name: "flaky" }), retryDelayMs: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ code: "BAD_RESPONSE" });
    expect(result.failure.message).toBe(`cannot ingest from context "flaky" (${server.url}): GET /api/v1/pods answered 503 (ServiceUnavailable).`);
  });

  it("--in-cluster reads the pod's ServiceAccount token and CA", async () => {
    const server = await serve();
    const root = path.join(dir, "pod-root");
    const sa = path.join(root, "var/run/secrets/kubernetes.io/serviceaccount");
    fs.mkdirSync(sa, { recursive: true });
    fs.writeFileSync(path.join(sa, "token"), TOKEN);
    fs.writeFileSync(path.join(sa, "ca.crt"), pki.caCert);
    const port = new URL(server.url).port;
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    process.env.KUBERNETES_SERVICE_HOST = "127.0.0.1";
    process.env.KUBERNETES_SERVICE_PORT = port;
    try {
      const result = await collectLive({ inCluster: true, inClusterRoot: root });
      if (!result.ok) throw new Error(result.failure.message);
      expect(result.origin).toEqual({ context: "in-cluster", server: `https://127.0.0.1:${port}`, version: "v1.31.0-fake", caFingerprint: new X509Certificate(pki.caCert).fingerprint256 });
      expect(result.summary.counts.ClusterRole).toBe(objects.filter((o) => o.kind === "ClusterRole").length);
      fs.rmSync(path.join(sa, "token"));
      const noToken = await collectLive({ inCluster: true, inClusterRoot: root });
      expect(noToken.ok ? "ok" : noToken.failure.message).toMatch(/^cannot ingest from context "in-cluster" \(https:\/\/127\.0\.0\.1:\d+\): the pod has no ServiceAccount token at /);
    } finally {
      if (saved.host === undefined) delete process.env.KUBERNETES_SERVICE_HOST;
      else process.env.KUBERNETES_SERVICE_HOST = saved.host;
      if (saved.port === undefined) delete process.env.KUBERNETES_SERVICE_PORT;
      else process.env.KUBERNETES_SERVICE_PORT = saved.port;
    }
  });

  it("drops Secret values: only key names and type reach the database, progress and results", async () => {
    const server = await serve();
    const dbFile = path.join(dir, "secrets.db");
    const db = openDatabase(dbFile);
    databases.push(db);
    const events: KindProgress[] = [];
    const result = await importLive(db, { kubeconfig: kubeconfigFor(server.url), onProgress: (e) => events.push(e) });
    if (!result.ok) throw new Error(result.failure.message);
    const secret = storedObjects(db, result.snapshot.id).find((o) => o.kind === "Secret" && o.name === "ci-token");
    expect(secret?.object).toMatchObject({ kind: "Secret", type: "Opaque", dataKeys: ["extra", "token"] });
    db.raw.pragma("wal_checkpoint(TRUNCATE)");
    const bytes = Buffer.concat([fs.readFileSync(dbFile), ...(fs.existsSync(`${dbFile}-wal`) ? [fs.readFileSync(`${dbFile}-wal`)] : [])]).toString("latin1");
    expect(bytes).toContain("ci-token");
    expect(bytes).not.toContain(SECRET_VALUE);
    expect(bytes).not.toContain(SECRET_PLAIN);
    const everything = JSON.stringify({ result, events });
    expect(everything).not.toContain(SECRET_VALUE);
    expect(everything).not.toContain(SECRET_PLAIN);
  });
});

describe("live ingest failures: one sentence naming the context and URL, nothing stored", () => {
  async function expectNothingStored(run: (db: Database) => Promise<unknown>): Promise<void> {
    const db = freshDatabase();
    const before = await countSnapshots(db);
    await run(db);
    expect(await countSnapshots(db)).toBe(before);
  }

  it("a wrong token (401) fails the whole ingest", async () => {
    const server = await serve();
    await expectNothingStored(async (db) => {
      const result = await importLive(db, { kubeconfig: kubeconfigFor(server.url, { token: "wrong", name: "prod" }) });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.failure.code).toBe("UNAUTHORIZED");
      expect(result.failure.message).toBe(
        `cannot ingest from context "prod" (${server.url}): the server rejected the credentials (401 Unauthorized): the token or client certificate is invalid or expired.`,
      );
      expect(result.failure.message).not.toContain("wrong");
    });
  });

  it("a server certificate the kubeconfig's CA did not sign is a TLS failure", async () => {
    const server = await serve();
    const result = await collectLive({ kubeconfig: kubeconfigFor(server.url, { caCert: pki.otherCaCert, name: "other-ca" }) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.code).toBe("TLS");
    expect(result.failure.message).toMatch(new RegExp(`^cannot ingest from context "other-ca" \\(${server.url.replace(/\./g, "\\.")}\\): the TLS connection failed \\([A-Z_]+\\)`));
    expect(server.requests).toHaveLength(0);
  });

  it("an unreachable server fails with the URL", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (probe.address() as net.AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    const url = `https://127.0.0.1:${port}`;
    await expectNothingStored(async (db) => {
      const result = await importLive(db, { kubeconfig: kubeconfigFor(url, { name: "gone" }) });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.failure).toMatchObject({ code: "UNREACHABLE", context: "gone", server: url });
      expect(result.failure.message).toBe(`cannot ingest from context "gone" (${url}): the server is unreachable (ECONNREFUSED).`);
    });
  });

  it("a server that accepts but never answers hits the per-request timeout", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `https://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    try {
      const started = performance.now();
      const result = await collectLive({ kubeconfig: kubeconfigFor(url, { name: "slow" }), timeoutMs: 300 });
      expect(performance.now() - started).toBeLessThan(5000);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.failure.code).toBe("TIMEOUT");
      expect(result.failure.message).toBe(`cannot ingest from context "slow" (${url}): GET /version got no complete answer within 300 ms.`);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("a list that returns the same object twice is stored once, last one wins, with the warning file ingest gives", async () => {
    const role = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "twice" }, rules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }] };
    const again = { ...role, rules: [{ verbs: ["list"], apiGroups: [""], resources: ["pods"] }] };
    const server = await serve({ objects: [...objects, role, again] });
    const db = freshDatabase();
    const live = await importLive(db, { kubeconfig: kubeconfigFor(server.url, { name: "dupes" }) });
    if (!live.ok) throw new Error(live.failure.message);
    const rows = storedObjects(db, live.snapshot.id).filter((r) => r.kind === "ClusterRole" && r.name === "twice");
    expect(rows).toHaveLength(1);
    expect((rows[0]?.object as { rules: { verbs: string[] }[] }).rules[0]?.verbs).toEqual(["list"]);
    expect(live.snapshot.warnings.some((w) => w.startsWith("duplicate ClusterRole twice:") && w.endsWith("(last one wins)"))).toBe(true);
  });

  it("objects that do not validate fail the ingest with their issues, never quoting a Secret value", async () => {
    const broken = { apiVersion: "v1", kind: "Secret", metadata: { name: "broken", namespace: "dev", labels: { team: 7 } }, type: SECRET_PLAIN.length, data: { k: SECRET_VALUE } };
    const server = await serve({ objects: [...objects, broken] });
    await expectNothingStored(async (db) => {
      const result = await importLive(db, { kubeconfig: kubeconfigFor(server.url, { name: "bad-objects" }) });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.failure.code).toBe("INVALID_OBJECTS");
      expect(result.failure.message).toBe(`cannot ingest from context "bad-objects" (${server.url}): the server returned 2 object(s) that do not validate; nothing was stored.`);
      expect(result.failure.issues?.map((i) => `${i.file} ${i.objectRef ?? ""} ${i.path ?? ""}`)).toEqual([
        "/api/v1/secrets Secret dev/broken metadata.labels.team",
        "/api/v1/secrets Secret dev/broken type",
      ]);
      expect(JSON.stringify(result)).not.toContain(SECRET_VALUE);
    });
  });

  it.each([
    ["an unknown context", () => ({ kubeconfig: kubeconfigFor("https://127.0.0.1:1"), context: "nope" }), /^cannot ingest from context "nope": no such context in .* \(known: fake\)\.$/],
    ["a missing kubeconfig file", () => ({ kubeconfig: path.join(dir, "absent") }), /^cannot ingest from the cluster: no kubeconfig found \(looked at .*absent\)/],
    ["--in-cluster outside a pod", () => ({ inCluster: true }), /^cannot ingest from context "in-cluster": not running inside a cluster/],
  ])("%s is a configuration failure", async (_name, options, message) => {
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    delete process.env.KUBERNETES_SERVICE_HOST;
    delete process.env.KUBERNETES_SERVICE_PORT;
    try {
      const result = await collectLive(options());
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.failure.code).toBe("CONFIG");
      expect(result.failure.message).toMatch(message);
    } finally {
      if (saved.host !== undefined) process.env.KUBERNETES_SERVICE_HOST = saved.host;
      if (saved.port !== undefined) process.env.KUBERNETES_SERVICE_PORT = saved.port;
    }
  });
});
