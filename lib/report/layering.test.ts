import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The renderers are pure: model in, text out. No I/O, no database, no framework. */
describe("lib/report/render layering", () => {
  it("imports no node module, store, pipeline or framework", () => {
    const dir = path.join(import.meta.dirname, "render");
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const offending: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), "utf8");
      for (const match of source.matchAll(/from "([^"]+)"/g)) {
        const target = match[1] ?? "";
        if (target.startsWith("node:") || target.startsWith("@/lib/store") || target.startsWith("@/lib/pipeline") || target.startsWith("next") || target.startsWith("react")) offending.push(`${file}: ${target}`);
      }
    }
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(offending).toEqual([]);
  });
});
