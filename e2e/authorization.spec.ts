import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";

/** The demo cluster's snapshot id (other specs may upload more snapshots). */
async function demoSnapshot(request: APIRequestContext): Promise<number> {
  const body = (await (await request.get("/api/snapshots")).json()) as { snapshots: { id: number; name: string }[] };
  const demo = body.snapshots.find((s) => s.name === "demo cluster");
  if (!demo) throw new Error("the demo cluster is not loaded");
  return demo.id;
}

/** Page object for the can-i form. */
class CanIPage {
  constructor(readonly page: Page) {}
  form() {
    return this.page.getByRole("form", { name: "Can I" });
  }
  async ask(q: { verb: string; type: string; namespace?: string; as: string }) {
    const form = this.form();
    await form.getByLabel("Verb").fill(q.verb);
    await form.getByLabel("Resource type or URL").fill(q.type);
    await form.getByLabel("Namespace", { exact: true }).fill(q.namespace ?? "");
    await form.getByLabel("User").fill(q.as);
    await form.getByRole("button", { name: "Check" }).click();
  }
  answer() {
    return this.page.getByRole("status", { name: "Answer" });
  }
  async expectAnswer(word: "yes" | "no") {
    await expect(this.answer().getByText(word, { exact: true })).toBeVisible();
  }
}

test.describe("authorization pages", () => {
  test("can-i: a yes with a proof sentence linking to the binding, and the question in the URL", async ({ page, request }) => {
    const id = await demoSnapshot(request);
    await page.goto(`/snapshots/${id}/can-i`);
    const canI = new CanIPage(page);
    await canI.ask({ verb: "create", type: "pods", namespace: "ops", as: "system:serviceaccount:ci:deployer" });

    await canI.expectAnswer("yes");
    const url = new URL(page.url());
    expect(url.searchParams.get("verb")).toBe("create");
    expect(url.searchParams.get("type")).toBe("pods");
    expect(url.searchParams.get("namespace")).toBe("ops");
    expect(url.searchParams.get("as")).toBe("system:serviceaccount:ci:deployer");

    const proof = page.getByRole("list", { name: "Grants" });
    await expect(proof).toContainText(
      "allowed by RoleBinding ops/ci-deployer of ClusterRole ci-deployer (rule 2) to ServiceAccount ci/deployer",
    );
    const requestPanel = page.getByLabel("Request as the API server sees it");
    await expect(requestPanel).toContainText("namespace ops: ClusterRoleBindings and the RoleBindings of ops apply");
    await expectNoSeriousA11yViolations(page);

    // the shared link gives the same answer, and the binding link opens the binding
    await page.goto(url.pathname + url.search);
    await canI.expectAnswer("yes");
    await expect(canI.form().getByLabel("Namespace", { exact: true })).toHaveValue("ops");
    await proof.getByRole("link", { name: "RoleBinding ops/ci-deployer" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("ci-deployer");
    expect(page.url()).toContain("/bindings/RoleBinding/ops/ci-deployer");
  });

  test("can-i: a RoleBinding to cluster-admin does not make a cluster admin (no, with the near miss)", async ({ page, request }) => {
    const id = await demoSnapshot(request);
    await page.goto(`/snapshots/${id}/can-i`);
    const canI = new CanIPage(page);
    await canI.ask({ verb: "delete", type: "nodes", as: "dana@example.com" });

    await canI.expectAnswer("no");
    await expect(page.getByLabel("Request as the API server sees it")).toContainText("cluster-scoped: only ClusterRoleBindings apply");
    const misses = page.getByRole("list", { name: "Nearest misses" });
    await expect(misses).toContainText("ClusterRole cluster-admin would allow it but is bound only by RoleBinding data/dana-cluster-admin");
    await expect(misses.getByRole("link", { name: "RoleBinding data/dana-cluster-admin" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Grants" })).toHaveCount(0);
  });

  test("can-i: a parse error is shown inline, and an empty form offers examples", async ({ page, request }) => {
    const id = await demoSnapshot(request);
    await page.goto(`/snapshots/${id}/can-i?verb=get&type=pods&namespace=data`);
    await expect(page.getByRole("alert").filter({ hasText: "Cannot ask this" })).toContainText("a user is required");
    await page.goto(`/snapshots/${id}/can-i`);
    await page.getByRole("region", { name: "Examples" }).getByRole("link", { name: "Can anonymous users get /healthz?" }).click();
    await new CanIPage(page).expectAnswer("yes");
    await expect(page.getByRole("list", { name: "Grants" })).toContainText("via group system:unauthenticated");
  });

  test("who-can: lists the subjects allowed, linked to their pages, with the granting bindings", async ({ page, request }) => {
    const id = await demoSnapshot(request);
    await page.goto(`/snapshots/${id}/who-can`);
    const form = page.getByRole("form", { name: "Who can" });
    await form.getByLabel("Verb").fill("get");
    await form.getByLabel("Resource type or URL").fill("secrets");
    await form.getByLabel("Namespace", { exact: true }).fill("data");
    await form.getByRole("button", { name: "Find subjects" }).click();
    expect(new URL(page.url()).searchParams.get("namespace")).toBe("data");

    const table = page.getByRole("table", { name: "Subjects allowed" });
    const dana = table.getByRole("row").filter({ has: page.getByRole("link", { name: "dana@example.com", exact: true }) });
    await expect(dana).toContainText("RoleBinding data/dana-cluster-admin");
    await expect(dana).toContainText("namespace data");
    const etl = table.getByRole("row").filter({ has: page.getByRole("link", { name: "etl-runner", exact: true }) });
    await expect(etl).toContainText("Role data/etl-admin");
    // checkout's default ServiceAccount edits checkout, not data
    await expect(table.getByRole("row").filter({ hasText: "checkout" }).filter({ hasText: "default-edit" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    await dana.getByRole("link", { name: "dana@example.com", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "User dana@example.com" })).toBeVisible();
  });

  test("subject page: bindings, effective rules and an accessible matrix for a chosen namespace", async ({ page, request }) => {
    const id = await demoSnapshot(request);
    await page.goto(`/snapshots/${id}/subjects/ServiceAccount/ci/deployer`);
    await expect(page.getByRole("heading", { level: 1, name: "ServiceAccount ci/deployer" })).toBeVisible();
    const bindings = page.getByRole("table", { name: "Bindings that apply to this subject" });
    await expect(bindings.getByRole("link", { name: "RoleBinding ops/ci-deployer" })).toBeVisible();

    await page.getByLabel("Namespace", { exact: true }).selectOption("ops");
    await page.getByRole("button", { name: "Show" }).click();
    expect(new URL(page.url()).searchParams.get("ns")).toBe("ops");
    await expect(page.getByRole("heading", { level: 2, name: "What it can do in namespace ops" })).toBeVisible();

    const matrix = page.getByRole("table", { name: "Access matrix" });
    const pods = matrix.getByRole("row", { name: /^pods\b/ });
    const verbs = await matrix.getByRole("columnheader").allTextContents();
    const cells = await pods.getByRole("cell").allTextContents();
    const cell = (verb: string) => cells[verbs.indexOf(verb) - 1];
    expect(cell("create")).toContain("allowed");
    expect(cell("deletecollection")).toContain("denied");

    const rules = page.getByRole("table", { name: "Effective rules" });
    await expect(rules.getByRole("row").filter({ hasText: "deployments" }).first()).toContainText("create");
    await expectNoSeriousA11yViolations(page);
  });

  test("role page: who holds cluster-admin, and where (the namespace-only trap)", async ({ page, request }) => {
    const id = await demoSnapshot(request);
    await page.goto(`/snapshots/${id}/roles/ClusterRole/cluster-admin`);
    const holders = page.getByRole("table", { name: "Who holds this role" });
    const dana = holders.getByRole("row").filter({ has: page.getByRole("link", { name: "RoleBinding data/dana-cluster-admin" }) });
    await expect(dana).toContainText("namespace data only");
    await expect(dana.getByRole("link", { name: "User dana@example.com" })).toBeVisible();
    const sre = holders.getByRole("row").filter({ has: page.getByRole("link", { name: "ClusterRoleBinding sre-cluster-admin" }) });
    await expect(sre).toContainText("cluster-wide");

    await page.goto(`/snapshots/${id}/roles/ClusterRole/view`);
    const effective = page.getByRole("table", { name: "Effective rules" });
    await expect(effective.getByRole("link", { name: "ClusterRole monitoring-coreos-view" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
