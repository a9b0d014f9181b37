import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";

test.describe("connect to a live cluster", () => {
  test("lists the server's kubeconfig contexts and ingests one, with Secrets recorded as not readable", async ({ page }) => {
    await page.goto("/connect");
    await expect(page.getByRole("heading", { level: 1, name: "Connect to a cluster" })).toBeVisible();
    const contexts = page.getByRole("table", { name: "Kubeconfig contexts" });
    await expect(contexts.getByRole("row", { name: /^fixture-cluster current/ })).toBeVisible();
    await expect(contexts.getByRole("row", { name: /^fixture-cluster-bad-token/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Ingest fixture-cluster", exact: true }).click();
    // The new snapshot opens when the ingest finishes.
    await expect(page).toHaveURL(/\/snapshots\/\d+$/, { timeout: 60_000 });
    await expect(page.getByText(/from\s+live/)).toBeVisible();
    await expect(page.getByText("not readable: secrets (403)")).toBeVisible();
    const counts = page.getByLabel("Object counts");
    await expect(counts.getByText("ClusterRole", { exact: true })).toBeVisible();
    // Leave the demo cluster as the latest snapshot for the other specs.
    const id = new URL(page.url()).pathname.split("/").pop();
    expect((await page.request.delete(`/api/snapshots/${id}`)).status()).toBe(204);
    expect((await page.request.get(`/api/snapshots/${id}`)).status()).toBe(404);
  });

  test("a context whose credentials are rejected fails with one clear sentence and stores nothing", async ({ page, request }) => {
    const before = ((await (await request.get("/api/snapshots")).json()) as { snapshots: unknown[] }).snapshots.length;
    await page.goto("/connect");
    await page.getByRole("button", { name: "Ingest fixture-cluster-bad-token" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "fixture-cluster-bad-token" });
    await expect(alert).toContainText("401");
    const after = ((await (await request.get("/api/snapshots")).json()) as { snapshots: unknown[] }).snapshots.length;
    expect(after).toBe(before);
  });
});
