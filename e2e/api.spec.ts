import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";

const DB = ".tmp/e2e.db";

function cli(args: string[]): unknown {
  try {
    return JSON.parse(execFileSync("npx", ["tsx", "lib/cli/main.ts", ...args, "--db", DB, "-o", "json"], { encoding: "utf8" }));
  } catch (error) {
    // can-i exits 1 on "no" and still prints its JSON.
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) return JSON.parse(stdout);
    throw error;
  }
}

test.describe("HTTP API", () => {
  test("can-i answers with the same JSON as the CLI", async ({ request }) => {
    const snapshots = (await (await request.get("/api/snapshots")).json()) as { snapshots: { id: number; source: string }[] };
    const demo = snapshots.snapshots.find((s) => s.source === "demo");
    expect(demo).toBeDefined();
    const id = demo?.id ?? 0;
    const http = await request.get(`/api/snapshots/${id}/can-i?verb=create&resource=pods&namespace=ops&as=system:serviceaccount:ci:deployer`);
    expect(http.status()).toBe(200);
    const { snapshot, ...body } = (await http.json()) as { snapshot: number } & Record<string, unknown>;
    expect(snapshot).toBe(id);
    expect(body).toMatchObject({ allowed: true });
    expect(body).toEqual(cli(["can-i", "create", "pods", "-n", "ops", "--as", "system:serviceaccount:ci:deployer", "--snapshot", String(id)]));
  });

  test("who-can and paths answer; bad parameters are 400 with a message", async ({ request }) => {
    const whoCan = await request.get("/api/snapshots/latest/who-can?verb=get&resource=secrets&allNamespaces=true");
    expect(whoCan.status()).toBe(200);
    expect(((await whoCan.json()) as { subjects: unknown[] }).subjects.length).toBeGreaterThan(0);

    const paths = await request.get("/api/snapshots/1/paths?from=ServiceAccount/ci/deployer&to=ClusterAdmin");
    expect(paths.status()).toBe(200);
    const body = (await paths.json()) as { paths: { hops: { technique: string; via: string }[] }[] };
    expect(body.paths[0]?.hops.map((h) => h.technique)).toEqual(["POD_CREATE_TOKEN_THEFT", "CLUSTER_ADMIN_EQUIVALENT"]);

    for (const url of [
      "/api/snapshots/1/can-i?resource=pods&as=alice",
      "/api/snapshots/1/can-i?verb=get&resource=pods",
      "/api/snapshots/1/who-can?verb=get&resource=pods&namespace=a&allNamespaces=true",
      "/api/snapshots/1/paths?from=NotAKind/x",
      "/api/snapshots/1/findings?severity=extreme",
      "/api/snapshots/abc/rules?as=alice",
    ]) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(400);
      expect(((await response.json()) as { error: string }).error.length, url).toBeGreaterThan(0);
    }
    expect((await request.get("/api/snapshots/999/findings")).status()).toBe(404);
  });
});
