import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Two projects: every test on the default SQLite store, and the store and pipeline tests again on
 * PostgreSQL (lib/store/test-support.ts gives each a fresh database on RBAC_ATLAS_TEST_POSTGRES_URL).
 * Without a server the PostgreSQL project is left out with a message saying so; CI sets
 * RBAC_ATLAS_REQUIRE_POSTGRES=1, which turns a missing server into an error instead.
 */
const POSTGRES_TESTS = [
  "lib/store/store.test.ts",
  "lib/store/pages.test.ts",
  "lib/store/rbac-subset.test.ts",
  "lib/store/clusters.test.ts",
  "lib/store/manifest-chunks.test.ts",
  "lib/store/replicate.test.ts",
  "lib/query/drift.test.ts",
  "lib/store/postgres/*.test.ts",
  "lib/pipeline/import-snapshot.test.ts",
  "lib/pipeline/ingest-queue.test.ts",
  "lib/pipeline/schedule.test.ts",
];

const postgresServer = process.env.RBAC_ATLAS_TEST_POSTGRES_URL;
if (!postgresServer) {
  if (process.env.RBAC_ATLAS_REQUIRE_POSTGRES === "1") {
    throw new Error("RBAC_ATLAS_REQUIRE_POSTGRES=1 but RBAC_ATLAS_TEST_POSTGRES_URL is not set: the PostgreSQL store tests cannot run");
  }
  console.warn(
    "\n[vitest] PostgreSQL store tests SKIPPED: set RBAC_ATLAS_TEST_POSTGRES_URL=postgresql://user@host:port/postgres to run them (CI does).\n",
  );
}

const shared = { environment: "node", testTimeout: 60_000, hookTimeout: 120_000, pool: "forks" } as const;

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, ".") } },
  test: {
    ...shared,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["lib/**/*.test.ts", "tests/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/*.postgres.test.ts"],
        },
      },
      ...(postgresServer
        ? [{ extends: true as const, test: { name: "postgresql", include: POSTGRES_TESTS, env: { RBAC_ATLAS_TEST_BACKEND: "postgresql" } } }]
        : []),
    ],
  },
});
