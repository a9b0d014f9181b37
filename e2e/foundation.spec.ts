import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, fixture } from "./helpers";

test.describe("foundation", () => {
  test("the home page opens the demo cluster's overview with its counts", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/snapshots\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: "demo cluster" })).toBeVisible();
    const counts = page.getByLabel("Object counts");
    await expect(counts.getByText("ClusterRole", { exact: true })).toBeVisible();
    await expect(counts.getByText("Pod", { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("uploading a file creates a snapshot, shows its counts, and its role page opens", async ({ page }) => {
    await page.goto("/upload");
    await page.getByLabel("Choose files").setInputFiles(fixture("team-rbac.yaml"));
    await page.getByLabel("Snapshot name (optional)").fill("e2e team");
    await page.getByRole("button", { name: "Create snapshot" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "e2e team" })).toBeVisible();
    const counts = page.getByLabel("Object counts");
    await expect(counts.getByRole("link", { name: /1\s*Role$/ })).toBeVisible();
    await expect(counts.getByRole("link", { name: /1\s*RoleBinding$/ })).toBeVisible();
    await expect(page.getByText("ConfigMap ×1")).toBeVisible();

    await page.getByRole("navigation", { name: "Snapshot" }).getByRole("link", { name: "Roles" }).click();
    await page.getByRole("link", { name: "e2e-pod-reader" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Role e2e-team/e2e-pod-reader" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Rules" }).getByText("get, list, watch")).toBeVisible();
    await expect(page.getByRole("link", { name: /RoleBinding e2e-team\/e2e-builder-reads-pods/ })).toBeVisible();
    await expect(page.getByLabel("YAML")).toContainText("name: e2e-pod-reader");
    await expectNoSeriousA11yViolations(page);
  });

  test("an invalid upload names the file, document and field, and stores nothing", async ({ page, request }) => {
    const before = (await (await request.get("/api/snapshots")).json()) as { snapshots: unknown[] };
    await page.goto("/upload");
    await page.getByLabel("Choose files").setInputFiles(fixture("broken-rules.yaml"));
    await page.getByRole("button", { name: "Create snapshot" }).click();
    // Next.js renders an empty route announcer with role=alert too: pick ours by its text.
    const alert = page.getByRole("alert").filter({ hasText: "nothing was stored" });
    await expect(alert).toContainText("nothing was stored");
    await expect(alert).toContainText("broken-rules.yaml");
    await expect(alert).toContainText("document 2");
    await expect(alert).toContainText("rules");
    const after = (await (await request.get("/api/snapshots")).json()) as { snapshots: unknown[] };
    expect(after.snapshots.length).toBe(before.snapshots.length);
  });
});
