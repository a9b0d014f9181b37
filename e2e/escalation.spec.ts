import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";

/** The demo cluster's snapshot page, reached the way a user does: the home page redirects to the latest snapshot. */
async function openTab(page: Page, tab: "Escalations" | "Findings"): Promise<string> {
  await page.goto("/");
  await expect(page).toHaveURL(/\/snapshots\/\d+$/);
  await page.getByRole("navigation", { name: "Snapshot" }).getByRole("link", { name: tab }).click();
  await expect(page.getByRole("heading", { level: 1, name: tab })).toBeVisible();
  return new URL(page.url()).pathname;
}

const principal = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

test.describe("escalations page", () => {
  test("the CI deployer reaches cluster admin by creating a pod in ops that runs as cluster-janitor", async ({ page }) => {
    await openTab(page, "Escalations");
    const sinks = page.getByRole("list", { name: "Sinks" });
    await expect(sinks.getByRole("link", { name: /^reached by \d+ principals ?: paths to ClusterAdmin$/ })).toBeVisible();

    const deployer = principal(page, "ServiceAccount ci/deployer");
    const chain = deployer.getByRole("list", { name: "Path from ServiceAccount ci/deployer to ClusterAdmin in 2 steps" });
    await expect(chain).toBeVisible();
    await expect(chain.getByText("POD_CREATE_TOKEN_THEFT")).toBeVisible();
    await expect(chain.getByRole("link", { name: "RoleBinding ops/ci-deployer" })).toBeVisible();
    await expect(chain.getByRole("link", { name: "ServiceAccount ops/cluster-janitor" })).toBeVisible();
    await expect(chain.getByText("CLUSTER_ADMIN_EQUIVALENT")).toBeVisible();
    await expect(chain.getByRole("link", { name: "ClusterRoleBinding cluster-janitor" })).toBeVisible();
    // each step says what enables it: its typed causes, in the same words as the CLI and the reports
    const steps = chain.getByRole("listitem").filter({ hasText: /^Step \d/ });
    await expect(steps.nth(0)).toContainText("enabled by RoleBinding ops/ci-deployer");
    await expect(steps.nth(1)).toContainText("enabled by ClusterRoleBinding cluster-janitor");

    // the evidence links open the object's page
    await chain.getByRole("link", { name: "RoleBinding ops/ci-deployer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /ci-deployer/ })).toBeVisible();
  });

  test("the control plane card names the trusted principals that reach a sink (the demo's few, all of them)", async ({ page }) => {
    await openTab(page, "Escalations");
    const trusted = page.getByRole("list", { name: "Trusted principals reaching the sinks" });
    await expect(trusted.getByRole("listitem").filter({ hasText: "ServiceAccount/kube-system/deployment-controller" })).toHaveCount(1);
    await expect(trusted.getByRole("listitem").filter({ hasText: "Group/system:masters" })).toHaveCount(1);
    await expect(trusted.getByRole("listitem")).toHaveCount(16);
    await expect(page.getByText(/more \(every one in/)).toHaveCount(0);
  });

  test("the page passes the accessibility check and draws the graph of paths to cluster admin", async ({ page }) => {
    await openTab(page, "Escalations");
    const graph = page.getByRole("img", { name: /Graph of every path to cluster admin/ });
    await expect(graph.locator("canvas").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("a RoleBinding to cluster-admin in one namespace is not cluster admin: dana needs three steps", async ({ page }) => {
    await openTab(page, "Escalations");
    const already = page.getByRole("list", { name: "Already cluster admin" });
    await expect(already.getByRole("link", { name: "ServiceAccount ops/cluster-janitor" })).toBeVisible();
    await expect(already.getByRole("link", { name: "Group sre" })).toBeVisible();
    await expect(already.getByText("dana@example.com")).toHaveCount(0);
    const dana = principal(page, "User dana@example.com").getByRole("list", { name: /^Path from User dana@example.com to ClusterAdmin/ });
    await expect(dana).toBeVisible();
    await expect(dana).not.toHaveAccessibleName(/in 1 step$/);
    await expect(dana.getByText("CLUSTER_ADMIN_EQUIVALENT")).toHaveCount(0);
  });

  test("the namespace filter lives in the URL and keeps only paths through that namespace", async ({ page }) => {
    await openTab(page, "Escalations");
    await page.getByLabel("Namespace", { exact: true }).fill("ops");
    await page.getByRole("button", { name: "Show paths" }).click();
    await expect(page).toHaveURL(/namespace=ops/);
    await expect(principal(page, "ServiceAccount ci/deployer")).toBeVisible();
    await expect(principal(page, "User alice@example.com")).toHaveCount(0);
    await expect(page.getByLabel("Namespace", { exact: true })).toHaveValue("ops");
  });

  test("a from/to pair shows its shortest path, or says plainly that there is none", async ({ page }) => {
    const path = await openTab(page, "Escalations");
    await page.goto(`${path}?${new URLSearchParams({ from: "ServiceAccount/ci/deployer", to: "ClusterAdmin" })}`);
    await expect(page.getByRole("heading", { level: 2, name: "Paths from ServiceAccount ci/deployer to cluster admin" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Path from ServiceAccount ci/deployer to ClusterAdmin in 2 steps" })).toBeVisible();

    await page.goto(`${path}?${new URLSearchParams({ from: "ServiceAccount/monitoring/prometheus", to: "ClusterAdmin" })}`);
    await expect(page.getByText(/No path: ServiceAccount monitoring\/prometheus cannot reach cluster admin/)).toBeVisible();

    await page.goto(`${path}?${new URLSearchParams({ from: "ci/deployer" })}`);
    await expect(page.getByRole("alert").filter({ hasText: "From:" })).toContainText('unknown kind "ci"');
  });

  test("the default-accounts ranking puts checkout/default (edit, two pods with its token) first", async ({ page }) => {
    await openTab(page, "Escalations");
    const ranking = page.getByRole("table", { name: "Exposure ranking" });
    const first = ranking.getByRole("row").nth(1);
    await expect(first.getByRole("link", { name: "ServiceAccount checkout/default" })).toBeVisible();
    await expect(first.getByText("default", { exact: true })).toBeVisible();
  });

  test("the fix set cuts the deployer's binding in ops and says what that breaks", async ({ page }) => {
    await openTab(page, "Escalations");
    const fixes = page.getByRole("list", { name: "Fix set" });
    const fix = fixes.getByRole("listitem").filter({ has: page.getByRole("link", { name: "RoleBinding ops/ci-deployer" }) });
    await expect(fix).toHaveCount(1);
    await expect(fix.getByText("kubectl delete rolebinding ci-deployer -n ops")).toBeVisible();
    await expect(fix.getByText(/What it breaks/)).toBeVisible();
    await expect(fix.getByRole("link", { name: "ServiceAccount ci/deployer" })).toBeVisible();
  });
});

test.describe("findings page", () => {
  test("shows severity counts and every deliberate mistake of the demo cluster", async ({ page }) => {
    await openTab(page, "Findings");
    const counts = page.getByRole("list", { name: "Findings by severity" });
    for (const s of ["Critical", "High", "Medium", "Low"]) await expect(counts.getByRole("link", { name: new RegExp(`^\\d+ ${s} findings$`) })).toBeVisible();

    const findings = page.getByRole("list", { name: "Findings", exact: true });
    const item = (rule: string, object: string) =>
      findings.getByRole("listitem").filter({ has: page.getByRole("link", { name: `Only ${rule} findings` }) }).filter({ has: page.getByRole("link", { name: object, exact: true }) });
    await expect(item("DEFAULT_SA_AUTOMOUNT", "Deployment checkout/cart")).toHaveCount(1);
    await expect(item("WILDCARD_RULE", "Role data/etl-admin")).toHaveCount(1);
    await expect(item("ANONYMOUS_BINDING", "ClusterRoleBinding public-status-page")).toHaveCount(1);
    await expect(item("PRIVILEGED_POD_NODE_ESCAPE", "Pod platform/node-debugger-worker-2")).toHaveCount(1);
    await expect(item("LEGACY_SA_TOKEN_SECRET", "Secret ci/deployer-token")).toHaveCount(1);
    const dangling = item("DANGLING_BINDING", "RoleBinding payments/payments-auditor");
    await expect(dangling).toHaveCount(1);
    await expect(dangling.getByText("Role payments/auditor")).toBeVisible();
    await expect(dangling.getByText("(missing)")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("filters by severity and rule through the URL, and a finding expands to why and the remediation", async ({ page }) => {
    await openTab(page, "Findings");
    await page.getByRole("link", { name: /^\d+ Critical findings$/ }).click();
    await expect(page).toHaveURL(/severity=Critical/);
    const findings = page.getByRole("list", { name: "Findings", exact: true });
    await expect(findings.getByRole("link", { name: "ClusterRoleBinding public-status-page" })).toBeVisible();
    for (const other of ["High", "Medium", "Low"]) await expect(findings.getByText(other, { exact: true })).toHaveCount(0);

    await page.getByLabel("Severity", { exact: true }).selectOption("");
    await page.getByLabel("Rule", { exact: true }).selectOption("WILDCARD_RULE");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/rule=WILDCARD_RULE/);
    const wildcard = findings.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
    await expect(wildcard).toHaveCount(1);
    await wildcard.getByText("Remediation").click();
    await expect(wildcard.locator("pre")).toBeVisible();
    await wildcard.getByText("Why it matters").click();
    await expect(wildcard.getByRole("link", { name: "Role data/etl-admin" })).toBeVisible();
  });
});
