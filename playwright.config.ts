import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3200);
const DB = ".tmp/e2e.db";

/** End-to-end tests against the production build, in Debian's Chromium (Playwright's own download is unreachable). */
export default defineConfig({
  testDir: "e2e",
  forbidOnly: true,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  reporter: process.env.CI ? "list" : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
    trace: "retain-on-failure",
    // Test tooling (axe-core) is injected as an inline script, which the dashboard's CSP refuses;
    // e2e/security.spec.ts turns this off to check the CSP itself.
    bypassCSP: true,
  },
  webServer: {
    // A fresh database each run (`serve` migrates it and loads the demo cluster), started with the
    // kubeconfig of a fixture API server so the Connect page has a cluster to read.
    command: `npx tsx e2e/start-servers.ts --port ${PORT} --db ${DB}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: { NEXT_TELEMETRY_DISABLED: "1", RBAC_ATLAS_MAX_BYTES: String(5 * 1024 * 1024) },
  },
});
