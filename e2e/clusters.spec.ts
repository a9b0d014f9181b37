import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";

/** The e2e server's database and the fixture API server's kubeconfig (e2e/start-servers.ts). */
const DB = ".tmp/e2e.db";
const KUBECONFIG = path.join(".tmp", "e2e-kubeconfig");

interface Run {
  cluster: string;
  state: string;
  snapshotId: number | null;
  error: string;
}

/** `rbac-atlas schedule … -o json` against the fixture API server, as a CronJob would run it. */
function schedule(context: string): Run[] {
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, ["bin/rbac-atlas.mjs", "schedule", "--kubeconfig", KUBECONFIG, "--context", context, "--db", DB, "-o", "json"], { encoding: "utf8" });
  } catch (error) {
    // Exit 1: a run failed (recorded); its JSON is on stdout all the same.
    stdout = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(stdout) as { runs: Run[] }).runs;
}

test.describe("clusters overview and history", () => {
  test("scheduled snapshots show per cluster, a failed run keeps the last good snapshot, and drift is one click away", async ({ page, request }) => {
    const [first] = schedule("fixture-cluster");
    const [second] = schedule("fixture-cluster");
    const [failed] = schedule("fixture-cluster-bad-token");
    expect([first?.state, second?.state, failed?.state]).toEqual(["ok", "ok", "failed"]);
    // Both contexts point at one API server with one CA: one cluster.
    expect(failed?.cluster).toBe("fixture-cluster");
    try {
      const api = (await (await request.get("/api/clusters")).json()) as { clusters: { name: string; snapshot: { id: number } | null; lastRun: { state: string } | null; risk: { pathsToClusterAdmin: number } | null }[] };
      const fixture = api.clusters.find((c) => c.name === "fixture-cluster");
      expect(fixture).toMatchObject({ snapshot: { id: second?.snapshotId }, lastRun: { state: "failed" } });
      expect(api.clusters.map((c) => c.name)).toContain("demo cluster");
      const history = (await (await request.get("/api/clusters/fixture-cluster")).json()) as { defaultSnapshot: number; timeline: { id: number; drift: { from: number } | null }[]; runs: { state: string }[] };
      expect(history.defaultSnapshot).toBe(second?.snapshotId);
      expect(history.timeline.map((p) => [p.id, p.drift?.from ?? null])).toEqual([
        [second?.snapshotId, first?.snapshotId],
        [first?.snapshotId, null],
      ]);
      expect(history.runs.map((r) => r.state)).toEqual(["failed", "ok", "ok"]);
      expect((await request.get("/api/clusters/no-such-cluster")).status()).toBe(404);

      await page.goto("/clusters");
      await expect(page.getByRole("heading", { level: 1, name: "Clusters" })).toBeVisible();
      const table = page.getByRole("table", { name: "Clusters, highest risk first" });
      // Rows in the API's order (highest risk first).
      const names = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-cluster")));
      expect(names).toEqual(api.clusters.map((c) => c.name));
      const row = table.locator('tr[data-cluster="fixture-cluster"]');
      await expect(row.getByText("failed")).toBeVisible();
      await expect(row.getByText(/401/)).toBeVisible();
      await expect(row.getByRole("link", { name: `#${second?.snapshotId}` })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: ".tmp/screenshot-clusters.png", fullPage: true });

      await row.getByRole("link", { name: "fixture-cluster" }).click();
      await expect(page).toHaveURL(/\/clusters\/fixture-cluster$/);
      await expect(page.getByRole("heading", { level: 1, name: "fixture-cluster" })).toBeVisible();
      const timeline = page.getByRole("table", { name: "Snapshots of the cluster, newest first" });
      const newest = timeline.locator(`tr[data-snapshot="${second?.snapshotId}"]`);
      await expect(newest.getByText("default")).toBeVisible();
      await expect(newest.getByRole("link", { name: `no change since #${first?.snapshotId}` })).toHaveAttribute("href", `/drift?from=${first?.snapshotId}&to=${second?.snapshotId}`);
      const runs = page.getByRole("table", { name: "Scheduled runs, newest first" });
      await expect(runs.locator("tbody tr")).toHaveCount(3);
      await expect(runs.locator("tbody tr").first()).toContainText("fixture-cluster-bad-token");
      await expect(runs.locator("tbody tr").first()).toContainText("401");
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: ".tmp/screenshot-cluster-history.png", fullPage: true });

      await page.getByRole("link", { name: "Since the previous snapshot" }).click();
      await expect(page).toHaveURL(new RegExp(`/drift\\?from=${first?.snapshotId}&to=${second?.snapshotId}$`));
      await expect(page.getByText(`Snapshot ${first?.snapshotId} → ${second?.snapshotId}`)).toBeVisible();
    } finally {
      // Leave the demo cluster as the latest snapshot for the other specs.
      for (const run of [first, second]) if (run?.snapshotId) await request.delete(`/api/snapshots/${run.snapshotId}`);
    }
  });
});
