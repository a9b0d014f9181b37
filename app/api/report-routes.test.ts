import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "@/lib/pipeline/demo";
import { openDatabase } from "@/lib/store";

const saved = process.env.RBAC_ATLAS_DB;
let snapshot: number;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-report-routes-"));
  process.env.RBAC_ATLAS_DB = path.join(dir, "web.db");
  const loaded = await loadDemo(openDatabase());
  if (!loaded?.ok) throw new Error("demo did not load");
  snapshot = loaded.snapshot.id;
});

afterAll(() => {
  if (saved === undefined) delete process.env.RBAC_ATLAS_DB;
  else process.env.RBAC_ATLAS_DB = saved;
});

const get = async (query: string) => {
  const { GET } = await import("./snapshots/[snapshot]/report/route");
  return GET(new Request(`http://localhost/api/snapshots/${snapshot}/report?${query}`), { params: Promise.resolve({ snapshot: String(snapshot) }) });
};

describe("report download route", () => {
  it("serves each text format as an attachment named after the snapshot and its day", async () => {
    for (const [format, type, extension] of [["json", "application/json", "json"], ["sarif", "application/sarif+json", "sarif"], ["md", "text/markdown", "md"], ["html", "text/html", "html"], ["csv", "application/zip", "zip"]] as const) {
      const response = await get(`format=${format}`);
      expect([format, response.status]).toEqual([format, 200]);
      expect(response.headers.get("content-type")).toContain(type);
      expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="rbac-atlas-demo-cluster-\\d{4}-\\d{2}-\\d{2}\\.${extension}"$`));
    }
  });

  it("refuses an unknown format or paper with 400", async () => {
    expect((await get("format=docx")).status).toBe(400);
    expect((await get("format=pdf&paper=A3")).status).toBe(400);
  });
});

describe("accepted-risks route", () => {
  it("stores an acceptance, exports it as YAML, refuses a bad one with 422, and the next report marks the finding", async () => {
    const route = await import("./accepted-risks/route");
    const body = { rule: "ANONYMOUS_BINDING", kind: "ClusterRoleBinding", namespace: "*", name: "public-status-page", reason: "public by design", owner: "web", expires: "2999-01-01" };
    const post = (b: unknown) => route.POST(new Request("http://localhost/api/accepted-risks", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(b) }));
    expect((await post(body)).status).toBe(201);
    expect((await post({ ...body, owner: "" })).status).toBe(422);
    const yaml = await (await route.GET(new Request("http://localhost/api/accepted-risks?format=yaml"))).text();
    expect(yaml).toContain("rule: ANONYMOUS_BINDING");
    const report = await (await get("format=json")).json();
    expect(report.findings.find((f: { rule: string }) => f.rule === "ANONYMOUS_BINDING").accepted).toMatchObject({ owner: "web" });
    expect(report.summary.acceptedFindings).toBe(1);
  });
});
