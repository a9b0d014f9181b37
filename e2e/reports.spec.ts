import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";

/** The demo cluster's snapshot page (other specs may upload more snapshots, so not simply the latest). */
async function snapshotPath(page: Page): Promise<string> {
  const body = (await (await page.request.get("/api/snapshots")).json()) as { snapshots: { id: number; name: string }[] };
  const demo = body.snapshots.find((s) => s.name === "demo cluster");
  if (!demo) throw new Error("the demo cluster is not loaded");
  await page.goto(`/snapshots/${demo.id}`);
  return `/snapshots/${demo.id}`;
}

test.describe("reports", () => {
  test("every format downloads from the Reports page, named after the snapshot and its day", async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`${await snapshotPath(page)}/reports`);
    await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
    const links = page.getByRole("list", { name: "Report downloads" }).getByRole("link");
    await expect(links).toHaveCount(7);
    const seen: string[] = [];
    for (let i = 0; i < 7; i++) {
      const downloading = page.waitForEvent("download");
      await links.nth(i).click();
      const download = await downloading;
      const name = download.suggestedFilename();
      expect(name).toMatch(/^rbac-atlas-demo-cluster-\d{4}-\d{2}-\d{2}(-a4|-letter)?\.(pdf|html|md|json|sarif|zip)$/);
      const body = fs.readFileSync((await download.path())!);
      const extension = name.split(".").pop();
      if (extension === "pdf") expect(body.subarray(0, 5).toString()).toBe("%PDF-");
      if (extension === "zip") expect(body.subarray(0, 2).toString()).toBe("PK");
      if (extension === "json") {
        const report = JSON.parse(body.toString());
        expect(report.schemaVersion).toBe("1.2");
        // A stored snapshot's report gives every hop its typed causes (stored with its paths).
        expect(report.paths[0].hops[0].causes.length).toBeGreaterThan(0);
      }
      if (extension === "sarif") expect(JSON.parse(body.toString()).version).toBe("2.1.0");
      if (extension === "html") expect(body.toString()).toContain("<title>RBAC audit report — demo cluster</title>");
      if (extension === "md") expect(body.toString()).toMatch(/^# RBAC audit report — demo cluster/);
      seen.push(name);
    }
    expect(new Set(seen).size).toBe(7);
    await expectNoSeriousA11yViolations(page);
  });

  test("the overview offers the download menu", async ({ page }) => {
    await snapshotPath(page);
    await page.getByText("Download report").click();
    await expect(page.getByRole("list", { name: "Report formats" }).getByRole("link", { name: "SARIF 2.1.0" })).toHaveAttribute("href", /format=sarif/);
  });

  test("accepting a finding takes it out of the headline count and marks it accepted in the next report", async ({ page }) => {
    const base = await snapshotPath(page);
    const snapshot = base.split("/").pop();
    await page.goto(`${base}/findings`);
    const critical = page.getByRole("list", { name: "Findings by severity" }).getByRole("link", { name: /Critical findings/ });
    const before = Number((await critical.textContent())!.match(/\d+/)![0]);
    expect(before).toBeGreaterThan(0);

    const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /public-status-page/ }) });
    await item.getByText("Accept", { exact: true }).click();
    const form = item.getByRole("form", { name: "Accept" });
    await form.getByLabel("Reason").fill("status page is public by design");
    await form.getByLabel("Owner").fill("web-team");
    await form.getByRole("button", { name: "Save accepted risk" }).click();

    await expect(item.getByText(/Accepted · web-team/)).toBeVisible();
    await expect(critical).toContainText(String(before - 1));

    const report = await (await page.request.get(`/api/snapshots/${snapshot}/report?format=json`)).json();
    const finding = report.findings.find((f: { identity: string }) => f.identity === "ANONYMOUS_BINDING:ClusterRoleBinding//public-status-page");
    expect(finding.accepted).toMatchObject({ owner: "web-team", reason: "status page is public by design" });
    expect(report.summary.findingsBySeverity.Critical).toBe(before - 1);
    expect(report.acceptances).toEqual([expect.objectContaining({ rule: "ANONYMOUS_BINDING", state: "active", matchedFindings: 1 })]);

    // Leave the shared database as it was for the other specs.
    await page.goto(`${base}/reports`);
    await page.getByRole("button", { name: /Remove accepted risk ANONYMOUS_BINDING/ }).click();
    await expect(page.getByText("No accepted risks.")).toBeVisible();
  });
});
