import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { describe, expect, it } from "vitest";
import { BrowserMissingError, chromiumPath, renderPdf } from "./pdf";
import { renderHtml } from "./render/html";
import { demoReport } from "./test-support";

const report = demoReport();
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-report-"));

describe("HTML report in Chromium", () => {
  it("opens offline with no request leaving the page and no console error", async () => {
    const file = path.join(tmp(), "report.html");
    fs.writeFileSync(file, renderHtml(report));
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const problems: string[] = [];
      page.on("request", (r) => {
        if (r.url() !== `file://${file}`) requests.push(r.url());
      });
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      await page.goto(`file://${file}`);
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("demo cluster");
      await page.getByText(/^Escalation paths/).click();
      await expect(page.getByText(report.paths[0]!.hops[0]!.via).first().isVisible()).resolves.toBe(true);
      expect({ requests, problems }).toEqual({ requests: [], problems: [] });
    } finally {
      await browser.close();
    }
  });
});

describe("PDF report", () => {
  it("prints A4 and Letter pages whose text holds the first finding's title", async () => {
    const dir = tmp();
    for (const paper of ["A4", "Letter"] as const) {
      const pdf = await renderPdf(report, { paper });
      const file = path.join(dir, `${paper}.pdf`);
      fs.writeFileSync(file, pdf);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      execFileSync("pdftoppm", ["-png", "-r", "40", "-f", "1", "-l", "1", file, path.join(dir, paper)]);
      expect(fs.readdirSync(dir).some((f) => f.startsWith(paper) && f.endsWith(".png"))).toBe(true);
      const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString().replace(/\s+/g, " ");
      expect(text).toContain(report.findings[0]!.title);
      const info = execFileSync("pdfinfo", [file]).toString();
      expect(info).toMatch(paper === "A4" ? /Page size:.*\(A4\)/ : /Page size:\s+612 x 792 pts \(letter\)/);
    }
  });

  it("names the missing browser when Chromium is absent", async () => {
    await expect(renderPdf(report, { browser: "/nonexistent/chromium" })).rejects.toThrow(BrowserMissingError);
    await expect(renderPdf(report, { browser: "/nonexistent/chromium" })).rejects.toThrow(/Chromium.*\/nonexistent\/chromium/);
  });
});
