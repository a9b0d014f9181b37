import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { PostgresSyncHandle } from "@/lib/store/postgres/sync-client";
import { freshPostgresDatabase } from "@/lib/store/test-support";
import { fixture } from "./helpers";

/**
 * Team mode: two dashboard processes (`serve` → `next start`) on one PostgreSQL database. What one
 * ingests the other lists, and a long ingest in one does not hold up reads in the other.
 * Needs RBAC_ATLAS_TEST_POSTGRES_URL (CI starts a server); without it the spec says it is skipped,
 * and with RBAC_ATLAS_REQUIRE_POSTGRES=1 (CI) a missing server fails instead.
 */
const server = process.env.RBAC_ATLAS_TEST_POSTGRES_URL;
if (!server && process.env.RBAC_ATLAS_REQUIRE_POSTGRES === "1") throw new Error("RBAC_ATLAS_REQUIRE_POSTGRES=1 but RBAC_ATLAS_TEST_POSTGRES_URL is not set");

const root = process.cwd();
const running: ChildProcess[] = [];
/** Each dashboard's stderr so far, by base URL: attached to a failed test (a 500 logs its cause there). */
const serverLogs = new Map<string, () => string>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startDashboard(database: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "bin", "rbac-atlas.mjs"), "serve", "--port", String(port), "--db", database], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", RBAC_ATLAS_MAX_BYTES: String(64 * 1024 * 1024) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  running.push(child);
  const base = `http://127.0.0.1:${port}`;
  serverLogs.set(base, () => log);
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`dashboard exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return base;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`dashboard on ${base} did not start:\n${log}`);
}

async function snapshotNames(base: string): Promise<string[]> {
  const response = await fetch(`${base}/api/snapshots`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { snapshots: { name: string }[] }).snapshots.map((s) => s.name);
}

async function pageOn(browser: Browser, base: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: base });
  return context.newPage();
}

test.describe("two dashboards on one PostgreSQL database", () => {
  test.skip(!server, "PostgreSQL e2e skipped: set RBAC_ATLAS_TEST_POSTGRES_URL=postgresql://user@host:port/postgres (CI does)");
  test.setTimeout(300_000);

  let database = "";
  let first = "";
  let second = "";
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    database = freshPostgresDatabase("e2e");
    expect(database).toMatch(/^postgresql:\/\//);
    // The first start migrates the database and loads the demo; the second finds it ready.
    first = await startDashboard(database);
    second = await startDashboard(database);
  });
  test.afterAll(() => {
    for (const child of running.splice(0)) child.kill("SIGTERM");
  });
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status === testInfo.expectedStatus) return;
    for (const [base, log] of serverLogs) {
      await testInfo.attach(`dashboard ${base} stderr`, { body: log(), contentType: "text/plain" });
      console.error(`--- dashboard ${base} stderr ---\n${log()}`);
    }
  });

  test("an upload in one is listed and opened in the other", async ({ browser }) => {
    const uploader = await pageOn(browser, first);
    await uploader.goto("/upload");
    await uploader.getByLabel("Choose files").setInputFiles(fixture("team-rbac.yaml"));
    await uploader.getByLabel("Snapshot name (optional)").fill("team-from-first");
    await uploader.getByRole("button", { name: "Create snapshot" }).click();
    await expect(uploader.getByRole("heading", { level: 1, name: "team-from-first" })).toBeVisible();
    const id = Number(uploader.url().match(/\/snapshots\/(\d+)/)?.[1]);
    expect(id).toBeGreaterThan(0);

    // Stored in PostgreSQL itself, not in some file of either process.
    const direct = new PostgresSyncHandle(database);
    try {
      expect(direct.prepare(`SELECT name FROM Snapshot WHERE id = ?`).get(id)).toEqual({ name: "team-from-first" });
    } finally {
      direct.close();
    }
    const reader = await pageOn(browser, second);
    expect(await snapshotNames(second)).toContain("team-from-first");
    await reader.goto(`/snapshots/${id}`);
    await expect(reader.getByRole("heading", { level: 1, name: "team-from-first" })).toBeVisible();
  });

  test("while one ingests a large cluster, the other keeps answering", async ({ browser }) => {
    const dump = path.join(root, ".tmp", "e2e-postgres-m.json");
    if (!fs.existsSync(dump)) {
      fs.mkdirSync(path.dirname(dump), { recursive: true });
      const gen = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "lib/gen/main.ts", "--size", "m", "-o", dump], { cwd: root, stdio: "ignore" });
      await new Promise((resolve) => gen.on("exit", resolve));
    }
    const uploader = await pageOn(browser, first);
    await uploader.goto("/upload");
    await uploader.getByLabel("Choose files").setInputFiles(dump);
    await uploader.getByLabel("Snapshot name (optional)").fill("large-from-first");
    let ingestDone = false;
    const ingest = (async () => {
      await uploader.getByRole("button", { name: "Create snapshot" }).click();
      await expect(uploader.getByRole("heading", { level: 1, name: "large-from-first" })).toBeVisible({ timeout: 240_000 });
      ingestDone = true;
    })();
    // Wait until the first has the snapshot row in its write transaction or later (it shows as an
    // ingest in progress there), then read from the second.
    await expect.poll(async () => (await fetch(`${first}/api/ingests`)).ok, { timeout: 30_000 }).toBe(true);
    const reader = await pageOn(browser, second);
    const readsDuringIngest: boolean[] = [];
    while (!ingestDone && readsDuringIngest.length < 20) {
      const response = await reader.request.get("/api/snapshots");
      readsDuringIngest.push(response.ok() && !ingestDone);
    }
    await ingest;
    expect(readsDuringIngest.filter(Boolean).length).toBeGreaterThan(0);
    expect(await snapshotNames(second)).toContain("large-from-first");
  });
});
