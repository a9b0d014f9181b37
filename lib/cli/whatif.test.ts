import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-support";

const ROOT = path.resolve(import.meta.dirname, "../../fixtures/escalation");
const BASE = path.join(ROOT, "POD_EXEC.yaml");

interface Diff {
  paths: { gained: { from: { name: string }; to: { kind: string }; trusted: boolean }[]; lost: { from: { name: string }; to: { kind: string; name: string | null } }[] };
  findings: { gained: { rule: string }[]; lost: { rule: string }[] };
  before: { adminStarts: number };
  after: { adminStarts: number };
}

async function whatif(args: readonly string[]): Promise<Diff> {
  const run = await runCli(["whatif", "-f", BASE, ...args, "-o", "json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Diff;
}

describe("whatif", () => {
  it("a RoleBinding-style change adds the paths it opens: builder and whoever reaches builder become cluster admin", async () => {
    const d = await whatif(["--add", path.join(ROOT, "v2", "whatif-add.yaml")]);
    expect(d.paths.gained.filter((p) => p.to.kind === "ClusterAdmin" && !p.trusted).map((p) => p.from.name).sort()).toEqual(["builder", "dev"]);
    // The kubelet of n1 can request builder's token (its pod runs there): a trusted path, listed and marked.
    expect(d.paths.gained.filter((p) => p.trusted).map((p) => p.from.name)).toEqual(["system:node:n1"]);
    expect(d.paths.lost).toEqual([]);
    expect([d.before.adminStarts, d.after.adminStarts]).toEqual([0, 2]);
  });

  it("the same change with the exec binding removed no longer makes dev cluster admin", async () => {
    const d = await whatif(["--add", path.join(ROOT, "v2", "whatif-add.yaml"), "--remove", "RoleBinding/team/dev-access"]);
    expect(d.paths.gained.filter((p) => p.to.kind === "ClusterAdmin" && !p.trusted).map((p) => p.from.name)).toEqual(["builder"]);
  });

  it("removing an object that is not there is bad input (exit 2)", async () => {
    const run = await runCli(["whatif", "-f", BASE, "--remove", "RoleBinding/team/nope", "-o", "json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("RoleBinding/team/nope");
  });
});
