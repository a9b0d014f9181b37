/** The HTTP side of "never say safe when it doesn't know": 409 with the re-run command, 400/404 for bad ids. */
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "@/lib/cli/test-support";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-state-routes-"));
const dbFile = path.join(dir, "routes.db");
const saved = process.env.RBAC_ATLAS_DB;

beforeAll(async () => {
  for (let i = 0; i < 2; i++) expect((await runCli(["ingest", path.resolve("demo"), "--db", dbFile])).code).toBe(0);
  const raw = new Database(dbFile);
  raw.exec(`DELETE FROM Finding WHERE snapshotId = 2; DELETE FROM EscalationPath WHERE snapshotId = 2; DELETE FROM SnapshotAnalysis WHERE snapshotId = 2;
            UPDATE Snapshot SET analysisState = 'pending' WHERE id = 2`);
  raw.close();
  process.env.RBAC_ATLAS_DB = dbFile;
}, 60_000);

afterAll(() => {
  if (saved === undefined) delete process.env.RBAC_ATLAS_DB;
  else process.env.RBAC_ATLAS_DB = saved;
});

const ctx = (snapshot: string) => ({ params: Promise.resolve({ snapshot }) });

describe("analysis-dependent routes on a snapshot without its analysis", () => {
  it.each([
    ["findings", () => import("./[snapshot]/findings/route"), ""],
    ["paths", () => import("./[snapshot]/paths/route"), "?to=ClusterAdmin"],
    ["fixes", () => import("./[snapshot]/fixes/route"), ""],
  ])("%s answers 409 with the state and the re-run command, never an empty list", async (_name, load, query) => {
    const { GET } = await load();
    const res = await GET(new Request(`http://127.0.0.1/x${query}`), ctx("2"));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ snapshot: 2, analysisState: "pending", rerun: "rbac-atlas analyze --snapshot 2" });
  });

  it("latest is the newest analysed snapshot", async () => {
    const { GET } = await import("./[snapshot]/findings/route");
    const res = await GET(new Request("http://127.0.0.1/x"), ctx("latest"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { snapshot: number; findings: unknown[] };
    expect(body.snapshot).toBe(1);
    expect(body.findings.length).toBeGreaterThan(0);
  });

  it.each([
    ["99999999999999999999", 400],
    ["%", 400],
    ["-1", 400],
    ["424242", 404],
  ])("snapshot id %s is %i", async (segment, status) => {
    const { GET } = await import("./[snapshot]/findings/route");
    expect((await GET(new Request("http://127.0.0.1/x"), ctx(segment))).status).toBe(status);
  });
});
