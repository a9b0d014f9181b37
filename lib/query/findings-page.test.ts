import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDatabase } from "./test-support";
import { closeDatabase, listFindings, pageFindings, tallyFindings, type Database } from "@/lib/store";
import { findingAcceptance, findingAcceptanceOfSnapshot } from "./accepted";

let db: Database;
let snapshot: number;

beforeAll(async () => {
  ({ db, snapshot } = await demoDatabase("fp"));
}, 120_000);
afterAll(async () => closeDatabase(db));

describe("findings paged in SQL", () => {
  it("pages every finding exactly once, most severe first", () => {
    const all = listFindings(db, snapshot);
    const seen: string[] = [];
    const first = pageFindings(db, snapshot, { page: 1 }, 7);
    for (let p = 1; p <= first.pages; p++) seen.push(...pageFindings(db, snapshot, { page: p }, 7).items.map((f) => f.id));
    expect(seen.sort()).toEqual(all.map((f) => f.id).sort());
    const rank = { Critical: 0, High: 1, Medium: 2, Low: 3 } as const;
    const ranks = first.items.map((f) => rank[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("filters by the subject's namespace and by severity, and tallies agree with the rows", () => {
    const all = listFindings(db, snapshot);
    const inCheckout = all.filter((f) => f.objects[0]?.namespace === "checkout");
    expect(inCheckout.length).toBeGreaterThan(0);
    expect(pageFindings(db, snapshot, { namespace: "checkout" }).total).toBe(inCheckout.length);
    const tally = tallyFindings(db, snapshot);
    expect(tally.total).toBe(all.length);
    expect(tally.byNamespace.find((n) => n.namespace === "checkout")?.count).toBe(inCheckout.length);
    const high = all.filter((f) => f.severity === "High").length;
    expect(pageFindings(db, snapshot, { severity: "High" }).total).toBe(high);
  });

  it("sorts by rule and by the subject's namespace, both directions, still paging every finding once", () => {
    const all = listFindings(db, snapshot);
    const byRule = pageFindings(db, snapshot, { sort: { column: "rule", direction: "asc" } }, all.length).items.filter((f) => !f.trusted);
    expect(byRule.map((f) => f.rule)).toEqual(byRule.map((f) => f.rule).sort());
    const desc = pageFindings(db, snapshot, { sort: { column: "namespace", direction: "desc" } }, 5);
    const seen: string[] = [];
    for (let p = 1; p <= desc.pages; p++) seen.push(...pageFindings(db, snapshot, { page: p, sort: { column: "namespace", direction: "desc" } }, 5).items.map((f) => f.id));
    expect(seen.sort()).toEqual(all.map((f) => f.id).sort());
    const namespaces = desc.items.filter((f) => !f.trusted).map((f) => f.objects[0]?.namespace ?? "");
    expect(namespaces).toEqual([...namespaces].sort().reverse());
  });

  it("pages and tallies findings stored before their subject columns (NULL) exactly as those stored with them", () => {
    const queries = [
      {},
      { namespace: "checkout" },
      { namespace: "" },
      { severity: "High" },
      ...["severity", "rule", "namespace", "subject"].flatMap((column) => (["asc", "desc"] as const).map((direction) => ({ sort: { column, direction } }))),
    ];
    const current = queries.map((q) => pageFindings(db, snapshot, q, 1000));
    const tally = tallyFindings(db, snapshot);
    const stored = db.raw.prepare(`SELECT COUNT(*) AS n FROM Finding WHERE snapshotId = ? AND namespace IS NOT NULL AND subject IS NOT NULL AND trusted IS NOT NULL`).get(snapshot) as { n: number };
    expect(stored.n).toBe(tally.total);
    const saved = db.raw.prepare(`SELECT id, namespace, subject, trusted FROM Finding WHERE snapshotId = ?`).all(snapshot) as { id: number; namespace: string; subject: string; trusted: number }[];
    db.raw.prepare(`UPDATE Finding SET namespace = NULL, subject = NULL, trusted = NULL WHERE snapshotId = ?`).run(snapshot);
    try {
      expect(queries.map((q) => pageFindings(db, snapshot, q, 1000))).toEqual(current);
      expect(tallyFindings(db, snapshot)).toEqual(tally);
    } finally {
      const restore = db.raw.prepare(`UPDATE Finding SET namespace = ?, subject = ?, trusted = ? WHERE id = ?`);
      for (const row of saved) restore.run(row.namespace, row.subject, row.trusted, row.id);
    }
  });

  it("keeps the default order for a column it does not know (never SQL from the URL)", () => {
    const plain = pageFindings(db, snapshot, {}).items.map((f) => f.id);
    expect(pageFindings(db, snapshot, { sort: { column: "id; DROP TABLE Finding", direction: "desc" } }).items.map((f) => f.id)).toEqual(plain);
  });

  it("counts open findings from SQL tallies exactly as the full scan does when nothing is accepted", () => {
    let loaded = false;
    const fast = findingAcceptanceOfSnapshot(db, tallyFindings(db, snapshot).untrustedBySeverity, () => {
      loaded = true;
      return listFindings(db, snapshot);
    });
    expect(loaded).toBe(false);
    expect(fast.openBySeverity).toEqual(findingAcceptance(db, listFindings(db, snapshot)).openBySeverity);
  });
});
