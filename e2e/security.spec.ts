import path from "node:path";
import { expect, test } from "@playwright/test";
import { listAppRoutes } from "../lib/web/app-routes";
import { isStateChanging } from "../lib/web/guard";

const ROUTES = listAppRoutes(path.join(process.cwd(), "app"));

test.describe("the server is not the way in", () => {
  test("every route of app/ answers 421 to a foreign Host, and every state-changing one 403 to a cross-site Origin", async ({ request, baseURL }) => {
    const own = new URL(baseURL ?? "").host;
    for (const route of ROUTES) {
      for (const method of route.methods.filter((m) => m !== "HEAD" && m !== "OPTIONS")) {
        const foreign = await request.fetch(route.url, { method, headers: { Host: "rebind.evil.example" }, maxRedirects: 0 });
        expect(foreign.status(), `${method} ${route.url} with a foreign Host`).toBe(421);
        if (isStateChanging(method)) {
          const cross = await request.fetch(route.url, { method, headers: { Origin: "http://evil.example", "Content-Type": "application/json" }, data: "{}", maxRedirects: 0 });
          expect(cross.status(), `${method} ${route.url} from another origin`).toBe(403);
        }
      }
    }
    expect((await request.get("/api/health", { headers: { Host: own } })).status()).toBe(200);
  });

  test("a cross-site form upload and a text/plain JSON body change nothing", async ({ request }) => {
    const before = ((await (await request.get("/api/snapshots")).json()) as { snapshots: unknown[] }).snapshots.length;
    const form = await request.post("/api/snapshots", {
      headers: { Origin: "http://evil.example" },
      multipart: { files: { name: "x.yaml", mimeType: "text/yaml", buffer: Buffer.from("apiVersion: v1\nkind: Namespace\nmetadata: {name: planted}\n") } },
    });
    expect(form.status()).toBe(403);
    const plain = await request.post("/api/critical", { headers: { "Content-Type": "text/plain; application/json" }, data: '{"ref":"Namespace/x"}' });
    expect(plain.status()).toBe(415);
    expect(((await (await request.get("/api/snapshots")).json()) as { snapshots: unknown[] }).snapshots.length).toBe(before);
  });

  test("bad snapshot ids are 400/404, never 500", async ({ request }) => {
    expect((await request.get("/api/snapshots/99999999999999999999")).status()).toBe(400);
    expect((await request.get("/api/snapshots/%25")).status()).toBe(400);
    expect((await request.get("/api/snapshots/424242")).status()).toBe(404);
    expect((await request.get("/snapshots/99999999999999999999")).status()).toBe(404);
    expect((await request.get("/snapshots/%25/findings")).status()).toBe(404);
  });

  test.describe("headers and CSP", () => {
    test.use({ bypassCSP: false });
    test("pages carry the security headers and run under the CSP without violations (graph included)", async ({ page }) => {
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
      });
      page.on("pageerror", (e) => violations.push(String(e)));
      // the demo cluster (snapshot 1 of the fresh e2e database) has paths to draw
      const response = await page.goto("/snapshots/1/escalations");
      const headers = response?.headers() ?? {};
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("no-referrer");
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
      await expect(page.locator("canvas").first()).toBeVisible();
      await page.getByRole("link", { name: "Findings" }).first().click();
      await expect(page).toHaveURL(/findings/);
      expect(violations).toEqual([]);
    });
  });
});
