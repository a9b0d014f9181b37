import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSources } from "@/lib/ingest";
import { analyzeSnapshot } from "@/lib/pipeline/analyze-snapshot";
import { writeParsed } from "@/lib/pipeline/import-snapshot";
import { freshTestDatabase } from "./test-support";
import { closeDatabase, diffRows, findSnapshot, listFindings, listStoredPaths, loadAnalysis, openDatabase, pageBindings, pageRoles, pageSubjects, type Database } from "./index";
import { findClusterByName, listClusterSnapshots } from "./clusters";
import { replicateSnapshot } from "./replicate";

let db: Database;
let source: number;

beforeAll(() => {
  db = openDatabase(freshTestDatabase("replicate"));
  const files = ["fixtures/escalation/IMPERSONATE.yaml", "fixtures/escalation/CLUSTER_ADMIN_EQUIVALENT.yaml", "fixtures/escalation/HOSTPATH_ESCAPE.yaml"];
  const parsed = parseSources(files.map((file) => ({ path: file, content: fs.readFileSync(file, "utf8") })));
  if (!parsed.ok) throw new Error("fixtures did not parse");
  source = writeParsed(db, parsed.objects, parsed.summary, { name: "src", source: "files", origin: {}, cluster: { kind: "files", name: "a" } });
  analyzeSnapshot(db, source);
});
afterAll(async () => closeDatabase(db));

const view = (id: number) => ({
  roles: pageRoles(db, id, {}).items,
  bindings: pageBindings(db, id, {}).items,
  subjects: pageSubjects(db, id, {}).items,
  findings: listFindings(db, id).map((f) => f.id),
  paths: listStoredPaths(db, id).length,
});

describe("replicating a snapshot (benchmark setup)", () => {
  it("copies every row and the stored analysis into a new snapshot of the cluster named, at the time given", async () => {
    const at = Date.parse("2026-01-02T03:00:00Z");
    const copy = replicateSnapshot(db, source, { cluster: { kind: "files", name: "b" }, createdAt: at });
    expect(copy).not.toBe(source);
    expect(view(copy)).toEqual(view(source));
    expect(view(copy).paths).toBeGreaterThan(0);
    expect(loadAnalysis(db, copy)?.summary).toEqual(loadAnalysis(db, source)?.summary);
    const stored = await findSnapshot(db, copy);
    expect([stored?.cluster, stored?.createdAt, stored?.analysisState, stored?.counts]).toEqual(["b", new Date(at).toISOString(), "ready", (await findSnapshot(db, source))?.counts]);
    // Objects keep their content hashes: drift between the two finds nothing changed.
    const unhashed = db.raw.prepare(`SELECT count(*) AS n FROM KubeObject WHERE snapshotId = ? AND contentHash IS NULL`).get(copy) as { n: number | string };
    expect(Number(unhashed.n)).toBe(0);
    expect(diffRows(db, source, copy).objects).toEqual({ added: [], removed: [], changed: [] });
    // The source is untouched.
    expect((await findSnapshot(db, source))?.cluster).toBe("a");
  });

  it("with churn, drops some rows in the copy and stores its drift against the cluster's previous snapshot", () => {
    const copy = replicateSnapshot(db, source, { cluster: { kind: "files", name: "a" }, createdAt: Date.now(), churn: { every: 2, offset: 0 } });
    expect(pageSubjects(db, copy, {}).total).toBeLessThanOrEqual(pageSubjects(db, source, {}).total);
    expect(listFindings(db, copy).length).toBeLessThan(listFindings(db, source).length);
    const [newest] = listClusterSnapshots(db, findClusterByName(db, "a")!.id);
    expect(newest?.id).toBe(copy);
    expect(newest?.drift?.from).toBe(source);
    // Derived rows follow the copy's own rows: a subject points at the copy's binding object, or at
    // none when churn dropped that object — never at the source's.
    const links = db.raw
      .prepare(`SELECT sum(CASE WHEN o.snapshotId = s.snapshotId THEN 1 ELSE 0 END) AS own, sum(CASE WHEN o.snapshotId <> s.snapshotId THEN 1 ELSE 0 END) AS elsewhere FROM BindingSubject s LEFT JOIN KubeObject o ON o.id = s.objectId WHERE s.snapshotId = ?`)
      .get(copy) as { own: number | string; elsewhere: number | string | null };
    expect(Number(links.own)).toBeGreaterThan(0);
    expect(Number(links.elsewhere ?? 0)).toBe(0);
    expect((newest?.drift?.findingsFixed ?? 0) + (newest?.drift?.pathsDisappeared ?? 0)).toBeGreaterThan(0);
  });
});
