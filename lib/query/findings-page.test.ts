import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDatabase } from "./test-support";
import { closeDatabase, listFindings, pageFindings, tallyFindings, type Database } from "@/lib/store";

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
});
