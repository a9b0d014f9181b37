import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** lib/rbac is the pure authorization engine: it imports only itself (no cluster model, no I/O). */
describe("lib/rbac layering", () => {
  it("imports nothing outside lib/rbac", () => {
    const dir = import.meta.dirname;
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const offending: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), "utf8");
      for (const match of source.matchAll(/from "([^"]+)"/g)) {
        const target = match[1] ?? "";
        if (!(target.startsWith("./") || target.startsWith("@/lib/rbac"))) offending.push(`${file}: ${target}`);
      }
    }
    expect(files.length).toBeGreaterThan(10);
    expect(offending).toEqual([]);
  });
});
