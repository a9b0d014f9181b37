import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NODE_FLAGS } from "./node-flags";

const root = path.resolve(import.meta.dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

describe("the V8 settings every entry point starts with", () => {
  it("are in both executables' shebangs and in the npm scripts that start the CLI and the dashboard", () => {
    expect(NODE_FLAGS.length).toBeGreaterThan(0);
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    const places = {
      "bin/rbac-atlas.mjs": read("bin/rbac-atlas.mjs").split("\n")[0] ?? "",
      "bin/kubectl-rbac_atlas": read("bin/kubectl-rbac_atlas").split("\n")[0] ?? "",
      "npm run cli": scripts.cli ?? "",
      "npm start": scripts.start ?? "",
    };
    for (const [place, line] of Object.entries(places)) {
      for (const flag of NODE_FLAGS) expect({ place, words: line.split(/\s+/).includes(flag) }).toEqual({ place, words: true });
    }
    // a shebang passes more than one word to node only through `env -S`
    expect(places["bin/rbac-atlas.mjs"]).toMatch(/^#!\/usr\/bin\/env -S node /);
    expect(places["bin/kubectl-rbac_atlas"]).toMatch(/^#!\/usr\/bin\/env -S node /);
  });
});
