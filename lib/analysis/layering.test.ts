import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** lib/analysis is pure and depends only on the engine and the cluster object model: no I/O, no store, no framework. */
describe("lib/analysis layering", () => {
  it("imports only itself, lib/rbac and lib/cluster (test support and the golden digests aside)", () => {
    const dir = import.meta.dirname;
    const files = fs
      .readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "test-support.ts");
    const offending: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), "utf8");
      for (const match of source.matchAll(/from "([^"]+)"/g)) {
        const target = match[1] ?? "";
        const allowed =
          target.startsWith("./") ||
          target.startsWith("../") ||
          target === "@/lib/rbac" ||
          target.startsWith("@/lib/rbac/") ||
          target.startsWith("@/lib/cluster/") ||
          target.startsWith("@/lib/analysis") ||
          (file === "golden.ts" && target === "node:crypto");
        if (!allowed) offending.push(`${file}: ${target}`);
      }
    }
    expect(files.length).toBeGreaterThan(20);
    expect(offending).toEqual([]);
  });
});
