import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, fixture } from "./helpers";

/** The demo cluster's snapshot id (other specs may upload more snapshots). */
async function demoId(page: Page): Promise<number> {
  const response = await page.request.get("/api/snapshots");
  const body = (await response.json()) as { snapshots: { id: number; source: string }[] };
  const demo = body.snapshots.find((s) => s.source === "demo");
  if (!demo) throw new Error("no demo snapshot");
  return demo.id;
}

async function upload(page: Page, file: string, name: string): Promise<number> {
  await page.goto("/upload");
  await page.getByLabel("Choose files").setInputFiles(fixture(file));
  await page.getByLabel("Snapshot name (optional)").fill(name);
  await page.getByRole("button", { name: "Create snapshot" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const id = Number(page.url().match(/\/snapshots\/(\d+)/)?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

/** Uploaded snapshots are deleted again: later specs open "the latest snapshot" and expect the demo. */
async function forget(page: Page, id: number): Promise<void> {
  expect((await page.request.delete(`/api/snapshots/${id}`)).ok()).toBe(true);
}

test.describe("permission graph explorer", () => {
  test("focus a subject through search, draw its neighbourhood with a legend, and export PNG and SVG", async ({ page }) => {
    const id = await demoId(page);
    await page.goto(`/snapshots/${id}/graph`);
    await expect(page.getByRole("heading", { level: 1, name: "Permission graph" })).toBeVisible();
    const focus = page.getByRole("combobox", { name: "Focus" });
    await focus.fill("deployer");
    const option = page.getByRole("option", { name: /ServiceAccount\s*ci\/deployer/ });
    await expect(option).toBeVisible();
    await focus.press("ArrowDown");
    await focus.press("ArrowUp");
    await option.click();
    await expect(focus).toHaveValue("ServiceAccount/ci/deployer");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/focus=ServiceAccount%2Fci%2Fdeployer/);
    const canvas = page.getByRole("application", { name: "Permission graph around ServiceAccount/ci/deployer" });
    await expect(canvas).toBeVisible();
    await expect(canvas).toHaveAttribute("data-elements", /\d+/);
    const before = Number(await canvas.getAttribute("data-elements"));
    expect(before).toBeGreaterThan(3);
    await expect(page.getByRole("heading", { name: "Legend" })).toBeVisible();

    // the canvas says when its first frame was drawn (bench/dashboard.ts reads it; speed is judged there, not here)
    await expect(canvas).toHaveAttribute("data-render-ms", /^\d+$/);
    await expect(canvas).toHaveAttribute("data-build-ms", /^\d+$/);

    // Keyboard: focusing the canvas puts the cursor on the focus; → follows its binding; Enter shows details.
    await canvas.focus();
    const cursor = page.getByTestId("graph-cursor");
    await expect(cursor).toContainText("ServiceAccount ci/deployer");
    await canvas.press("ArrowRight");
    await expect(cursor).toContainText(/^RoleBinding|^ClusterRoleBinding/);
    await canvas.press("Enter");
    await expect(page.getByRole("region", { name: "Selected" }).getByText(/RoleBinding/).first()).toBeVisible();

    const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export PNG" }).click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export SVG" }).click()]);
    expect(svg.suggestedFilename()).toMatch(/\.svg$/);
    const svgText = await (await svg.createReadStream())?.toArray();
    expect(Buffer.concat(svgText ?? []).toString("utf8")).toContain("<svg");
    await expectNoSeriousA11yViolations(page);
  });

  test("the neighbourhood endpoint answers a focus, stays within its limit and refuses unknown foci", async ({ page }) => {
    const id = await demoId(page);
    const one = await page.request.get(`/api/snapshots/${id}/graph?focus=ServiceAccount/ci/deployer&depth=1`);
    expect(one.ok()).toBe(true);
    const view = (await one.json()) as { nodes: { id: string }[]; edges: { source: string; target: string; relation: string }[] };
    expect(view.edges).toContainEqual(expect.objectContaining({ source: "ServiceAccount/ci/deployer", target: "RoleBinding/ops/ci-deployer", relation: "binds" }));
    const capped = (await (await page.request.get(`/api/snapshots/${id}/graph?focus=Namespace/kube-system&depth=3&limit=30`)).json()) as { nodes: unknown[]; edges: unknown[]; truncated: boolean };
    expect(capped.nodes.length + capped.edges.length).toBeLessThanOrEqual(30);
    expect(capped.truncated).toBe(true);
    const unknown = await page.request.get(`/api/snapshots/${id}/graph?focus=ServiceAccount/ci/deployr`);
    expect(unknown.status()).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toContain("not in this snapshot");
    expect((await page.request.get(`/api/snapshots/${id}/graph?focus=Widget/x`)).status()).toBe(400);
  });

  test("show in graph from a path card highlights the path; filters live in the URL", async ({ page }) => {
    const id = await demoId(page);
    await page.goto(`/snapshots/${id}/subjects/ServiceAccount/ci/deployer`);
    await expect(page.getByText("Reaches cluster admin", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Show in graph →" }).click();
    await expect(page).toHaveURL(/pathTo=ClusterAdmin/);
    await expect(page.getByRole("application", { name: /Permission graph around ServiceAccount\/ci\/deployer/ })).toBeVisible();
    const highlighted = await page.request.get(`/api/snapshots/${id}/graph?focus=ServiceAccount/ci/deployer&pathTo=ClusterAdmin&depth=1`);
    const body = (await highlighted.json()) as { highlight: string[] };
    expect(body.highlight[0]).toBe("ServiceAccount/ci/deployer");
    expect(body.highlight).toContain("ClusterAdmin");

    await page.getByRole("textbox", { name: "Namespace" }).fill("ops");
    await page.getByLabel("Depth").selectOption("2");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/ns=ops/);
    await expect(page).toHaveURL(/depth=2/);
    await expect(page.getByRole("textbox", { name: "Namespace" })).toHaveValue("ops");
  });

  test("an unknown focus says it is not in this snapshot and offers the nearest names", async ({ page }) => {
    const id = await demoId(page);
    await page.goto(`/snapshots/${id}/graph?focus=ServiceAccount/ci/deployr`);
    const alert = page.getByRole("alert").filter({ hasText: "is not in this snapshot" });
    await expect(alert).toContainText("is not in this snapshot");
    await expect(alert.getByRole("link", { name: "ServiceAccount/ci/deployer" })).toBeVisible();
  });
});

test.describe("app shell", () => {
  test("the sidebar reaches every page and global search opens an object with the keyboard", async ({ page }) => {
    const id = await demoId(page);
    // One current page: on a snapshot's page "Snapshots" is not marked as well.
    await page.goto("/snapshots");
    await expect(page.locator('nav a[aria-current="page"]')).toHaveText(["Snapshots"]);
    await page.goto(`/snapshots/${id}/escalations`);
    await expect(page.locator('nav a[aria-current="page"]')).toHaveText(["Escalations"]);
    await page.goto(`/snapshots/${id}`);
    const nav = page.getByRole("navigation", { name: "Snapshot" });
    for (const name of ["Overview", "Graph", "Can-I", "Who-Can", "Subjects", "Roles", "Bindings", "Pods", "Escalations", "Findings", "Reports"]) {
      await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    }
    const main = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Drift", "Snapshots", "Upload", "Connect"]) await expect(main.getByRole("link", { name, exact: true })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Snapshot" })).toHaveValue(String(id));

    await page.keyboard.press("/");
    const search = page.getByRole("dialog", { name: "Search the snapshot" }).getByRole("combobox", { name: "Search" });
    await expect(search).toBeFocused();
    await search.fill("cluster-jan");
    await expect(page.getByRole("option", { name: /ServiceAccount\s*ops\/cluster-janitor/ })).toBeVisible();
    await search.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: /cluster-janitor/ })).toBeVisible();
    await expect(page).toHaveTitle(/cluster-janitor · RBAC Atlas/);
  });

  test("list headings sort on the server, in the URL, with aria-sort", async ({ page }) => {
    const id = await demoId(page);
    await page.goto(`/snapshots/${id}/bindings`);
    const table = page.getByRole("table", { name: /Bindings/ });
    await table.getByRole("link", { name: /Subjects/ }).click();
    await expect(page).toHaveURL(/sort=subjects/);
    await expect(table.getByRole("columnheader", { name: /Subjects/ })).toHaveAttribute("aria-sort", "ascending");
    await table.getByRole("link", { name: /Subjects/ }).click();
    await expect(page).toHaveURL(/dir=desc/);
    await expect(table.getByRole("columnheader", { name: /Subjects/ })).toHaveAttribute("aria-sort", "descending");
    const counts = (await table.locator("tbody tr td:nth-child(5)").allTextContents()).map(Number);
    expect(counts.length).toBeGreaterThan(1);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await expect(table.getByRole("columnheader", { name: "Name", exact: true })).toHaveAttribute("aria-sort", "none");
    await expectNoSeriousA11yViolations(page);
  });

  test("an unknown snapshot gets the styled 404 and the favicon exists", async ({ page }) => {
    const response = await page.goto("/snapshots/999999");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not in this atlas" })).toBeVisible();
    expect((await page.request.get("/icon.svg")).ok()).toBe(true);
  });

  test("a mistyped subject is not in this snapshot, with the nearest names", async ({ page }) => {
    const id = await demoId(page);
    await page.goto(`/snapshots/${id}/subjects/ServiceAccount/ci/deployr`);
    const alert = page.getByRole("alert").filter({ hasText: "is not in this snapshot" });
    await expect(alert).toContainText("is not in this snapshot");
    await expect(alert.getByRole("link", { name: "ServiceAccount ci/deployer" })).toBeVisible();
  });
});

test.describe("effective access and findings", () => {
  test("a can-i no for deployer on secrets names the escalation path that still gets there", async ({ page }) => {
    const id = await demoId(page);
    await page.goto(`/snapshots/${id}/can-i?user=system%3Aserviceaccount%3Aci%3Adeployer&verb=get&type=secrets&namespace=payments`);
    const note = page.getByRole("region", { name: "Reachable through escalation" });
    await expect(note).toContainText("RBAC denies this request directly");
    await expect(note.getByRole("link", { name: "The escalation path" })).toBeVisible();
    await expect(note).toContainText("enabled by RoleBinding ops/ci-deployer");
  });

  test("findings page by page, filtered by namespace on the server", async ({ page }) => {
    const id = await demoId(page);
    await page.goto(`/snapshots/${id}/findings?namespace=checkout`);
    await expect(page.getByLabel("Namespace", { exact: true })).toHaveValue("checkout");
    const items = page.getByRole("list", { name: "Findings" }).getByRole("listitem");
    expect(await items.count()).toBeGreaterThan(0);
    expect(await items.count()).toBeLessThanOrEqual(100);
    await expect(page.getByText(/match the filters/)).toBeVisible();
  });
});

test.describe("untrusted names", () => {
  test("a subject named <img src=x onerror=alert(1)> renders as text in lists, pages, search and the graph", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const id = await upload(page, "xss-names.yaml", "e2e xss");
    await page.goto(`/snapshots/${id}/subjects`);
    await expect(page.getByRole("link", { name: "<img src=x onerror=alert(1)>" })).toBeVisible();
    await page.getByRole("link", { name: "<img src=x onerror=alert(1)>" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "User <img src=x onerror=alert(1)>" })).toBeVisible();
    await page.goto(`/snapshots/${id}/graph?focus=${encodeURIComponent("ClusterRoleBinding/xss-probe")}`);
    await expect(page.getByRole("application", { name: /Permission graph around/ })).toBeVisible();
    await page.keyboard.press("/");
    await page.getByRole("combobox", { name: "Search" }).fill("img");
    await expect(page.getByRole("option", { name: /<img src=x onerror=alert\(1\)>/ })).toBeVisible();
    const svgResponse = await page.request.get(`/api/snapshots/${id}/graph?focus=${encodeURIComponent("ClusterRoleBinding/xss-probe")}`);
    expect(((await svgResponse.json()) as { nodes: { name: string }[] }).nodes.map((n) => n.name)).toContain("<img src=x onerror=alert(1)>");
    expect(await page.locator("img[src=x]").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await forget(page, id);
  });

  test("an upload without RBAC objects warns instead of looking clean", async ({ page }) => {
    const id = await upload(page, "no-rbac.yaml", "e2e no rbac");
    await expect(page.getByRole("alert").filter({ hasText: "This snapshot holds no RBAC objects" })).toBeVisible();
    await forget(page, id);
  });
});

test.describe("snapshot drift", () => {
  test("comparing the demo with a later upload lists grants gained and lost per subject", async ({ page }) => {
    const id = await demoId(page);
    const later = { id: await upload(page, "xss-names.yaml", "e2e drift") };
    // later specs open "the latest snapshot" and expect the demo: the upload goes even when this fails
    try {
      await page.goto("/drift");
      const form = page.getByRole("form", { name: "Compare snapshots" });
      await form.getByLabel("From").selectOption(String(id));
      await form.getByLabel("To").selectOption(String(later.id));
      await form.getByRole("button", { name: "Compare" }).click();
      await expect(page).toHaveURL(new RegExp(`from=${id}&to=${later.id}`));
      await expect(page.getByRole("note").filter({ hasText: "These snapshots belong to different clusters" })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      // every demo subject lost its grants: the subjects come 50 a page, in order, User/… after the rest
      const subjects = page.getByRole("list", { name: "Subjects with changed grants or permissions" });
      const xss = subjects.getByRole("link", { name: "User <img src=x onerror=alert(1)>" });
      const pager = page.getByRole("navigation", { name: "Subject pages" });
      for (let pages = 1; (await xss.count()) === 0 && pages < 10; pages++) {
        await pager.getByRole("link", { name: "Next →" }).click();
        await expect(page).toHaveURL(new RegExp(`page=${pages + 1}`));
      }
      await expect(xss).toBeVisible();
      await expect(subjects.getByText("+ ClusterRoleBinding/xss-probe → ClusterRole/xss-role").first()).toBeVisible();
    } finally {
      await forget(page, later.id);
    }
  });

  test("by default compares the newest snapshot with the one before it in the same cluster, not with another cluster's", async ({ page }) => {
    // uploads named alike belong to one cluster (named like them); the demo is another cluster
    const first = await upload(page, "no-rbac.yaml", "e2e history");
    const second = await upload(page, "xss-names.yaml", "e2e history");
    try {
      await page.goto("/drift");
      const form = page.getByRole("form", { name: "Compare snapshots" });
      await expect(form.getByRole("combobox", { name: /^To/ })).toHaveValue(String(second));
      await expect(form.getByRole("combobox", { name: /^From/ })).toHaveValue(String(first));
      await expect(page.getByText(`Snapshot ${first} → ${second} of cluster e2e history`)).toBeVisible();
      await expect(page.getByRole("note").filter({ hasText: "different clusters" })).toHaveCount(0);
      const subjects = page.getByRole("list", { name: "Subjects with changed grants or permissions" });
      await expect(subjects.getByText("+ ClusterRoleBinding/xss-probe → ClusterRole/xss-role").first()).toBeVisible();
    } finally {
      await forget(page, second);
      await forget(page, first);
    }
  });
});
