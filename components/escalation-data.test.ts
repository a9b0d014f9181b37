import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "@/lib/pipeline/demo";
import { closeDatabase, openDatabase, type Database } from "@/lib/store";
import { loadEscalationView, MAX_SUGGESTIONS } from "./escalation-data";
import { escalationFilter } from "./escalation-model";

// The escalation page's data, read from a database holding the bundled demo cluster.
let db: Database;
let snapshot: number;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-escalation-view-"));
  db = openDatabase(path.join(dir, "test.db"));
  const result = await loadDemo(db);
  if (!result?.ok) throw new Error("demo did not load");
  snapshot = result.snapshot.id;
});

afterAll(async () => {
  await closeDatabase(db);
});

const view = (params: Record<string, string>) => {
  const v = loadEscalationView(db, snapshot, escalationFilter(params));
  if (!v) throw new Error("no stored analysis");
  return v;
};
const principals = (v: ReturnType<typeof view>) => v.groups.map((g) => `${g.from.kind}/${g.from.namespace ? `${g.from.namespace}/` : ""}${g.from.name ?? ""}`);

describe("escalation page data (demo cluster)", () => {
  it("lists the CI deployer's path to cluster admin through ops, evidence included", () => {
    const deployer = view({}).groups.find((g) => g.from.kind === "ServiceAccount" && g.from.name === "deployer");
    expect(deployer?.paths[0]?.hops.map((h) => [h.technique, h.via])).toEqual([
      ["POD_CREATE_TOKEN_THEFT", "RoleBinding/ops/ci-deployer"],
      ["CLUSTER_ADMIN_EQUIVALENT", "ClusterRoleBinding/cluster-janitor"],
    ]);
  });

  it("answers a pair with no path with an empty list, not an error", () => {
    const v = view({ from: "ServiceAccount/monitoring/prometheus", to: "ClusterAdmin" });
    expect(v.error).toBeUndefined();
    expect(v.pair?.from?.name).toBe("prometheus");
    expect(v.totalPaths).toBe(0);
  });

  it("reports a malformed reference and shows no path", () => {
    const v = view({ from: "ci/deployer" });
    expect(v.error).toMatch(/^From: /);
    expect(v.groups).toEqual([]);
  });

  it("a namespace filter keeps only principals whose paths touch it", () => {
    const ops = principals(view({ namespace: "ops" }));
    expect(ops).toContain("ServiceAccount/ci/deployer");
    expect(ops).not.toContain("User/alice@example.com");
  });

  it("pages the principals: every principal on exactly one page, a page past the end shows the last", () => {
    const first = view({});
    const seen: string[] = [];
    for (let page = 1; page <= first.pages; page++) seen.push(...principals(view({ page: String(page) })));
    expect(seen).toHaveLength(first.totalGroups);
    expect(new Set(seen).size).toBe(first.totalGroups);
    const past = view({ page: String(first.pages + 5) });
    expect(past.page).toBe(first.pages);
    expect(principals(past)).toEqual(principals(view({ page: String(first.pages) })));
  });

  it("suggests at most MAX_SUGGESTIONS starts and targets, ClusterAdmin first", () => {
    const v = view({});
    expect(v.starts.length).toBeGreaterThan(0);
    expect(v.starts.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
    expect(v.starts).toContain("ServiceAccount/ci/deployer");
    expect(v.targets[0]).toBe("ClusterAdmin");
    expect(v.targets.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
  });

  it("computes the fix set for a sink other than cluster admin", () => {
    const v = view({ to: "Node/worker-2" });
    expect(v.fixes?.sinks).toEqual([{ kind: "Node", name: "worker-2", namespace: null }]);
    expect(v.fixes?.fixes.length).toBeGreaterThan(0);
  });
});
