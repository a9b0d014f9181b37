import { describe, expect, it } from "vitest";
import { listIngests, runQueued } from "./ingest-queue";

describe("one ingest at a time per database", () => {
  it("runs queued ingests one after another, showing the waiting ones with their place in line", async () => {
    const db = `queue-${Math.random()}`;
    const order: string[] = [];
    const releases: (() => void)[] = [];
    const task = (name: string) => () =>
      new Promise<string>((resolve) => {
        order.push(`start ${name}`);
        releases.push(() => {
          order.push(`end ${name}`);
          resolve(name);
        });
      });
    const a = runQueued(db, { name: "a", source: "upload" }, task("a"));
    const b = runQueued(db, { name: "b", source: "upload" }, task("b"));
    const c = runQueued(db, { name: "c", source: "upload" }, task("c"));
    await new Promise((r) => setTimeout(r, 10));
    expect(listIngests(db).map((t) => [t.name, t.state, t.position])).toEqual([
      ["a", "running", undefined],
      ["b", "queued", 1],
      ["c", "queued", 2],
    ]);
    releases.shift()?.();
    await a;
    await new Promise((r) => setTimeout(r, 10));
    releases.shift()?.();
    await b;
    await new Promise((r) => setTimeout(r, 10));
    releases.shift()?.();
    await c;
    expect(order).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(listIngests(db).map((t) => t.state)).toEqual(["done", "done", "done"]);
  });

  it("a failed ingest does not stop the line", async () => {
    const db = `queue-${Math.random()}`;
    const failing = runQueued(db, { name: "bad", source: "upload" }, () => Promise.reject(new Error("boom")));
    const next = runQueued(db, { name: "good", source: "upload" }, () => Promise.resolve(7), (n) => n);
    await expect(failing).rejects.toThrow("boom");
    await expect(next).resolves.toBe(7);
    expect(listIngests(db).map((t) => [t.name, t.state, t.snapshotId])).toEqual([
      ["bad", "failed", undefined],
      ["good", "done", 7],
    ]);
  });
});
