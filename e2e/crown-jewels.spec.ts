import { expect, test } from "@playwright/test";

test.describe("crown jewels", () => {
  test("marking a namespace critical makes its accounts sinks on the escalation page, and unmarking removes them", async ({ page }) => {
    await page.goto("/");
    const escalations = `${new URL(page.url()).pathname}/escalations`;
    await page.goto(escalations);
    const sinks = page.getByRole("region", { name: "Sinks" }).or(page.locator("section", { has: page.getByRole("heading", { name: "Sinks" }) }));
    await expect(sinks.getByText("ServiceAccount payments/payments-api")).toHaveCount(0);

    await page.getByLabel("Crown jewel").fill("Namespace/payments");
    await page.getByRole("button", { name: "Mark critical" }).click();
    const jewels = page.getByRole("list", { name: "Crown jewels" });
    await expect(jewels.getByText("Namespace/payments")).toBeVisible();
    await expect(sinks.getByText(/payments\/payments-api/).first()).toBeVisible();

    await page.getByRole("button", { name: "Unmark Namespace/payments" }).click();
    await expect(page.getByRole("list", { name: "Crown jewels" })).toHaveCount(0);
    await expect(sinks.getByText(/payments\/payments-api/)).toHaveCount(0);
  });

  test("a bad reference is refused with a message", async ({ page }) => {
    await page.goto("/");
    await page.goto(`${new URL(page.url()).pathname}/escalations`);
    await page.getByLabel("Crown jewel").fill("Node/worker-1");
    await page.getByRole("button", { name: "Mark critical" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "crown jewel" })).toContainText("Namespace, ServiceAccount or Secret");
  });
});
