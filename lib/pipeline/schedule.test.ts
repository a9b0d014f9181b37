import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUSTER_FIXTURE_YAML } from "@/lib/ingest/live/test-support/cluster-fixture";
import { loadFixtureObjects, startFakeApiServer, type FakeApiServer, type FakeApiServerOptions } from "@/lib/ingest/live/test-support/fake-apiserver";
import { makeTestPki, writeKubeconfig, type TestPki } from "@/lib/ingest/live/test-support/tls";
import { runCli } from "@/lib/cli/test-support";
import { clusterOverview } from "@/lib/query/clusters";
import { freshTestDatabase } from "@/lib/store/test-support";
import { closeDatabase, findClusterByName, findSnapshot, listClusterSnapshots, listRuns, openDatabase, saveTrustYaml, type Database } from "@/lib/store";
import { runScheduledSnapshots, type ScheduleOptions } from "./schedule";

const TOKEN = "schedule-token-0123456789";
const ROOT = path.resolve(import.meta.dirname, "../..");

let pki: TestPki;
let dir: string;
let objects: Record<string, unknown>[];
const servers: FakeApiServer[] = [];
const databases: Database[] = [];

beforeAll(() => {
  pki = makeTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-schedule-"));
  const fixtureDir = path.join(dir, "cluster");
  fs.mkdirSync(fixtureDir);
  fs.writeFileSync(path.join(fixtureDir, "cluster.yaml"), CLUSTER_FIXTURE_YAML);
  objects = loadFixtureObjects([path.join(ROOT, "fixtures", "k8s-bootstrap-policy"), path.join(ROOT, "demo"), fixtureDir]);
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

let files = 0;
function kubeconfig(contexts: readonly { name: string; server: string }[]): string {
  const file = path.join(dir, `kubeconfig-${++files}`);
  writeKubeconfig(file, contexts.map((c) => ({ ...c, caCert: pki.caCert, token: TOKEN })));
  return file;
}

function freshDatabase(): Database {
  const db = openDatabase(freshTestDatabase(`schedule-${databases.length}`));
  databases.push(db);
  return db;
}

const retention = { keep: 48, dailyDays: 30 };
const fast: Partial<ScheduleOptions> = { retryDelayMs: 1, timeoutMs: 5_000 };
const portOf = (url: string) => Number(new URL(url).port);

async function defaultOf(db: Database, cluster: string): Promise<number | undefined> {
  const found = findClusterByName(db, cluster);
  if (!found) throw new Error(`no cluster ${cluster}`);
  return (await findSnapshot(db, "latest", { clusterId: found.id }))?.id;
}

describe("scheduled snapshots against the HTTPS fixture API server", () => {
  it("snapshots each context as its own cluster, known by server URL and CA fingerprint; two contexts of one server are one cluster", async () => {
    const a = await serve();
    const b = await serve();
    const db = freshDatabase();
    const config = kubeconfig([
      { name: "prod-a", server: a.url },
      { name: "prod-b", server: b.url },
      { name: "prod-a-admin", server: a.url },
    ]);
    const outcomes = await runScheduledSnapshots(db, { kubeconfig: config, targets: [{ context: "prod-a" }, { context: "prod-b" }, { context: "prod-a-admin" }], retention, ...fast });
    expect(outcomes.map((o) => [o.cluster, o.context, o.state])).toEqual([
      ["prod-a", "prod-a", "ok"],
      ["prod-b", "prod-b", "ok"],
      ["prod-a", "prod-a-admin", "ok"],
    ]);
    const clusterA = findClusterByName(db, "prod-a");
    expect(clusterA).toMatchObject({ kind: "live", server: a.url, caFingerprint: new X509Certificate(pki.caCert).fingerprint256 });
    const history = listClusterSnapshots(db, clusterA!.id);
    expect(history).toHaveLength(2);
    // The same cluster read twice: its drift since the previous snapshot is nothing.
    expect(history[0]?.drift).toEqual({ from: outcomes[0]?.snapshotId, pathsAppeared: 0, pathsDisappeared: 0, grantsGained: 0, grantsLost: 0, findingsNew: 0, findingsFixed: 0 });
    expect(await defaultOf(db, "prod-a")).toBe(outcomes[2]?.snapshotId);
    expect(clusterOverview(db).map((c) => c.name).sort()).toEqual(["prod-a", "prod-b"]);
  });

  it("a run that fails midway stores nothing, is recorded on its cluster, and the previous snapshot stays the default", async () => {
    const good = await serve();
    const db = freshDatabase();
    const config = kubeconfig([{ name: "edge", server: good.url }]);
    const first = await runScheduledSnapshots(db, { kubeconfig: config, targets: [{ context: "edge" }], retention, ...fast });
    expect(first[0]?.state).toBe("ok");
    const previous = first[0]?.snapshotId;
    // The same cluster (same URL, same CA) now fails on pods after the other kinds were listed.
    const port = portOf(good.url);
    await good.close();
    const failing = await serve({ port, transient: { pods: [500, 500, 500, 500, 500, 500] } });
    const second = await runScheduledSnapshots(db, { kubeconfig: config, targets: [{ context: "edge" }], retention, ...fast });
    expect(second[0]).toMatchObject({ cluster: "edge", state: "failed", snapshotId: null });
    expect(second[0]?.error).toContain("pods");
    expect(failing.requests.some((r) => r.path.includes("/pods") && r.status === 500)).toBe(true);
    expect(failing.requests.some((r) => r.status === 200 && r.path.includes("/clusterroles"))).toBe(true);
    const cluster = findClusterByName(db, "edge")!;
    expect(listClusterSnapshots(db, cluster.id).map((s) => s.id)).toEqual([previous]);
    expect(await defaultOf(db, "edge")).toBe(previous);
    expect(listRuns(db, cluster.id).map((r) => r.state)).toEqual(["failed", "ok"]);
    const [overview] = clusterOverview(db);
    expect(overview).toMatchObject({ name: "edge", snapshot: { id: previous }, lastRun: { state: "failed" } });
  });

  it("a run that reads less than the snapshot before (a kind now 403) is partial: stored, marked incomplete, never the default", async () => {
    const before = await serve();
    const db = freshDatabase();
    const config = kubeconfig([{ name: "rbac-changed", server: before.url }]);
    const first = await runScheduledSnapshots(db, { kubeconfig: config, targets: [{ context: "rbac-changed" }], retention, ...fast });
    expect(first[0]?.state).toBe("ok");
    const port = portOf(before.url);
    await before.close();
    const forbidding = await serve({ port, forbidden: ["pods"] });
    const second = await runScheduledSnapshots(db, { kubeconfig: config, targets: [{ context: "rbac-changed" }], retention, ...fast });
    expect(second[0]).toMatchObject({ state: "partial" });
    expect(second[0]?.error).toContain("pods (403)");
    const cluster = findClusterByName(db, "rbac-changed")!;
    expect(listClusterSnapshots(db, cluster.id).map((s) => [s.id, s.analysisState, s.incomplete])).toEqual([
      [second[0]?.snapshotId, "ready", true],
      [first[0]?.snapshotId, "ready", false],
    ]);
    expect(await defaultOf(db, "rbac-changed")).toBe(first[0]?.snapshotId);
    expect(await findSnapshot(db, "latest")).toMatchObject({ id: first[0]?.snapshotId });
    expect(clusterOverview(db)[0]).toMatchObject({ snapshot: { id: first[0]?.snapshotId }, lastRun: { state: "partial" } });
    // While pods stay unreadable every run is compared with the last complete snapshot: still partial.
    const third = await runScheduledSnapshots(db, { kubeconfig: config, targets: [{ context: "rbac-changed" }], retention, ...fast });
    expect(third[0]?.state).toBe("partial");
    // The reader role repaired: the run is complete and becomes the default.
    await forbidding.close();
    await serve({ port });
    const fourth = await runScheduledSnapshots(db, { kubeconfig: config, targets: [{ context: "rbac-changed" }], retention, ...fast });
    expect(fourth[0]?.state).toBe("ok");
    expect(await defaultOf(db, "rbac-changed")).toBe(fourth[0]?.snapshotId);
  });

  it("a partial run (stored, analysis failed) is recorded, kept for re-analysis, and never becomes the default", async () => {
    const server = await serve();
    const db = freshDatabase();
    const config = kubeconfig([{ name: "staging", server: server.url }]);
    const first = await runScheduledSnapshots(db, { kubeconfig: config, targets: [{ context: "staging" }], retention, ...fast });
    const previous = first[0]?.snapshotId;
    // A trust file that no longer parses makes every analysis fail (as a bug in the analysis would).
    saveTrustYaml(db, "trust: [not, a, mapping");
    const second = await runScheduledSnapshots(db, { kubeconfig: config, targets: [{ context: "staging" }], retention, ...fast });
    expect(second[0]?.state).toBe("partial");
    expect(second[0]?.snapshotId).toBeGreaterThan(previous!);
    expect(second[0]?.error).toMatch(/analysis failed/);
    const cluster = findClusterByName(db, "staging")!;
    expect(listClusterSnapshots(db, cluster.id).map((s) => [s.id, s.analysisState])).toEqual([
      [second[0]?.snapshotId, "failed"],
      [previous, "ready"],
    ]);
    expect(await defaultOf(db, "staging")).toBe(previous);
    expect(await findSnapshot(db, "latest")).toMatchObject({ id: previous });
  });

  it("prunes the cluster's history after a good run (--keep), never another cluster's", async () => {
    const one = await serve();
    const two = await serve();
    const db = freshDatabase();
    const config = kubeconfig([
      { name: "one", server: one.url },
      { name: "two", server: two.url },
    ]);
    await runScheduledSnapshots(db, { kubeconfig: config, targets: [{ context: "two" }], retention, ...fast });
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push((await runScheduledSnapshots(db, { kubeconfig: config, targets: [{ context: "one" }], retention: { keep: 2, dailyDays: 0 }, ...fast }))[0]!);
    expect(runs.map((r) => r.deleted.length)).toEqual([0, 0, 1]);
    expect(runs[2]?.deleted).toEqual([runs[0]?.snapshotId]);
    expect(listClusterSnapshots(db, findClusterByName(db, "one")!.id).map((s) => s.id)).toEqual([runs[2]?.snapshotId, runs[1]?.snapshotId]);
    expect(listClusterSnapshots(db, findClusterByName(db, "two")!.id)).toHaveLength(1);
  });
});

describe("rbac-atlas schedule and cluster picking (CLI, -o json)", () => {
  it("schedule exits 1 when a run fails, records it, and clusters / --cluster pick the last good snapshot", async () => {
    const server = await serve();
    const dbFile = path.join(dir, "cli.db");
    const config = kubeconfig([
      { name: "blue", server: server.url },
      { name: "gone", server: "https://127.0.0.1:1" },
    ]);
    const good = await runCli(["schedule", "--kubeconfig", config, "--context", "blue", "--db", dbFile, "-o", "json"]);
    expect(good.code).toBe(0);
    const blueId = (JSON.parse(good.stdout) as { runs: { snapshotId: number; state: string }[] }).runs[0]?.snapshotId;

    const mixed = await runCli(["schedule", "--kubeconfig", config, "--context", "blue,gone", "--keep", "5", "--db", dbFile, "-o", "json"]);
    expect(mixed.code).toBe(1);
    const runs = (JSON.parse(mixed.stdout) as { runs: { cluster: string; state: string; snapshotId: number | null; error: string }[] }).runs;
    expect(runs.map((r) => [r.cluster, r.state])).toEqual([
      ["blue", "ok"],
      ["gone", "failed"],
    ]);
    expect(runs[1]?.error).toContain("127.0.0.1:1");

    // A file ingest is a cluster of its own name.
    const files = await runCli(["ingest", path.join(ROOT, "demo"), path.join(ROOT, "fixtures", "k8s-bootstrap-policy"), "--cluster", "lab", "--db", dbFile, "-o", "json"]);
    expect(files.code).toBe(0);
    const labId = (JSON.parse(files.stdout) as { snapshot: { id: number; cluster: string } }).snapshot;
    expect(labId.cluster).toBe("lab");

    const overview = await runCli(["clusters", "--db", dbFile, "-o", "json"]);
    expect(overview.code).toBe(0);
    const clusters = (JSON.parse(overview.stdout) as { clusters: { name: string; kind: string; snapshot: { id: number; ageSeconds: number } | null; risk: { pathsToClusterAdmin: number; critical: number } | null; lastRun: { state: string } | null }[] }).clusters;
    expect(clusters.map((c) => c.name).sort()).toEqual(["blue", "gone", "lab"]);
    const blue = clusters.find((c) => c.name === "blue")!;
    expect(blue).toMatchObject({ kind: "live", snapshot: { id: runs[0]?.snapshotId }, lastRun: { state: "ok" } });
    expect(blue.snapshot!.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(blue.risk!.pathsToClusterAdmin).toBeGreaterThan(0);
    expect(clusters.find((c) => c.name === "gone")).toMatchObject({ snapshot: null, risk: null, lastRun: { state: "failed" } });
    // Sorted by risk: clusters without an analysed snapshot come last.
    expect(clusters.at(-1)?.name).toBe("gone");

    // --cluster picks that cluster's default snapshot; the global default is the newest (lab).
    const paths = await runCli(["findings", "--cluster", "blue", "--db", dbFile, "-o", "json"]);
    expect(paths.code).toBe(0);
    const snapshots = await runCli(["snapshots", "--cluster", "blue", "--db", dbFile, "-o", "json"]);
    const blueSnapshots = (JSON.parse(snapshots.stdout) as { snapshots: { id: number; cluster: string }[] }).snapshots;
    expect(blueSnapshots.map((s) => s.id)).toEqual([runs[0]?.snapshotId, blueId]);
    expect(new Set(blueSnapshots.map((s) => s.cluster))).toEqual(new Set(["blue"]));

    // dev/ci reads secrets only in the live cluster's objects: the answer depends on the cluster picked.
    const ask = (...extra: string[]) => runCli(["can-i", "get", "secrets", "-n", "dev", "--as", "system:serviceaccount:dev:ci", "--db", dbFile, ...extra]);
    expect((await ask("--cluster", "blue")).code).toBe(0);
    expect((await ask("--cluster", "lab")).code).toBe(1);
    expect((await ask()).code).toBe(1);

    const unknown = await runCli(["paths", "--cluster", "nope", "--db", dbFile, "-o", "json"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no cluster named "nope".*known: blue, gone, lab/);
    const wrong = await runCli(["paths", "--cluster", "blue", "--snapshot", String(labId.id), "--db", dbFile, "-o", "json"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`snapshot ${labId.id} is not a snapshot of cluster "blue"`);
    const none = await runCli(["paths", "--cluster", "gone", "--db", dbFile, "-o", "json"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`no snapshot of cluster "gone"`);

    // What changed since the previous snapshot of blue: the drift of its last two.
    const diff = await runCli(["diff", "--cluster", "blue", "--db", dbFile, "-o", "json"]);
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.stdout)).toMatchObject({ from: blueId, to: runs[0]?.snapshotId, paths: { appeared: [], disappeared: [] } });
  });
});

describe("repeating runs (serve --every, schedule --every)", () => {
  it("runs at once, then again after each interval, survives a failing run, and stops when aborted", async () => {
    const { repeatEvery } = await import("./schedule");
    const stop = new AbortController();
    const errors: unknown[] = [];
    let runs = 0;
    await repeatEvery(
      5,
      async () => {
        runs++;
        if (runs === 2) throw new Error("cluster unreachable");
        if (runs === 4) stop.abort();
      },
      stop.signal,
      (error) => errors.push(error),
    );
    expect(runs).toBe(4);
    expect(errors.map((e) => (e as Error).message)).toEqual(["cluster unreachable"]);
  });

  it("bad schedule flags are usage errors (exit 2) before anything is read", async () => {
    for (const argv of [
      ["schedule", "--every", "30s"],
      ["schedule", "--every", "soon"],
      ["schedule", "--keep", "none"],
      ["schedule", "--in-cluster", "--context", "a"],
      ["schedule", "--context", "a,b", "--cluster", "x"],
      ["serve", "--context", "a"],
    ]) {
      const result = await runCli([...argv, "--db", path.join(dir, "usage.db")]);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
    }
  });
});
