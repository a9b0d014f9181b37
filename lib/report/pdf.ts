/**
 * PDF: the HTML report printed by headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH).
 * Not pure (it runs a browser), so it sits beside the renderers, not among them.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ReportModel } from "./model";
import { PDF_ROW_LIMITS, renderHtml } from "./render/html";

export class BrowserMissingError extends Error {
  constructor(readonly browser: string) {
    super(`PDF needs Chromium, but ${browser} does not exist: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary`);
    this.name = "BrowserMissingError";
  }
}

export class PdfRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PdfRenderError";
  }
}

export function chromiumPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.CHROMIUM_PATH || "/usr/bin/chromium";
}

export async function renderPdf(model: ReportModel, options: { paper?: "A4" | "Letter"; browser?: string } = {}): Promise<Buffer> {
  const browser = options.browser ?? chromiumPath();
  if (!fs.existsSync(browser)) throw new BrowserMissingError(browser);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-pdf-"));
  try {
    const htmlFile = path.join(dir, "report.html");
    const pdfFile = path.join(dir, "report.pdf");
    fs.writeFileSync(htmlFile, renderHtml(model, { paper: options.paper ?? "A4", expandAll: true, rowLimits: PDF_ROW_LIMITS }));
    await new Promise<void>((resolve, reject) => {
      execFile(
        browser,
        [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--no-first-run",
          "--disable-extensions",
          "--no-pdf-header-footer",
          `--user-data-dir=${path.join(dir, "profile")}`,
          `--print-to-pdf=${pdfFile}`,
          `file://${htmlFile}`,
        ],
        { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
        (error, _stdout, stderr) => {
          if (error && !fs.existsSync(pdfFile)) reject(new PdfRenderError(`${browser} failed to print the report: ${error.message}${stderr ? `\n${String(stderr).slice(-2000)}` : ""}`));
          else resolve();
        },
      );
    });
    if (!fs.existsSync(pdfFile)) throw new PdfRenderError(`${browser} exited without writing a PDF`);
    return fs.readFileSync(pdfFile);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
