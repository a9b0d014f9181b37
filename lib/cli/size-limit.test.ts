import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MAX_BYTES, MAX_BYTES_ENV } from "@/lib/ingest";
import { SIZE_TARGETS } from "@/lib/gen/generate";
import { runCli } from "./test-support";

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: dev }
rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]
`;

function roleFile(): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-limit-"));
  const file = path.join(dir, "role.yaml");
  fs.writeFileSync(file, ROLE);
  return { dir, file };
}

afterEach(() => {
  delete process.env[MAX_BYTES_ENV];
});

describe("the input size limit", () => {
  it("refuses input over --max-bytes with exit 2, naming the file, the limit and both ways to raise it; nothing is stored", async () => {
    const { dir, file } = roleFile();
    const db = path.join(dir, "a.db");
    const result = await runCli(["ingest", file, "--max-bytes", "100", "--db", db, "-o", "json"]);
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout) as { error: string; issues: string[] };
    expect(json.issues).toHaveLength(1);
    expect(json.issues[0]).toContain(file);
    expect(json.issues[0]).toContain("size limit of 100 bytes");
    expect(json.issues[0]).toContain("--max-bytes");
    expect(json.issues[0]).toContain(MAX_BYTES_ENV);
    expect(JSON.parse((await runCli(["snapshots", "--db", db, "-o", "json"])).stdout)).toEqual({ snapshots: [] });
  });

  it("--max-bytes takes sizes with units and wins over RBAC_ATLAS_MAX_BYTES", async () => {
    const { dir, file } = roleFile();
    process.env[MAX_BYTES_ENV] = "10";
    expect((await runCli(["ingest", file, "--db", path.join(dir, "b.db")])).code).toBe(2);
    expect((await runCli(["ingest", file, "--max-bytes", "1KiB", "--db", path.join(dir, "b.db")])).code).toBe(0);
  });

  it("rejects a --max-bytes that is not a size as bad usage", async () => {
    const { dir, file } = roleFile();
    const result = await runCli(["ingest", file, "--max-bytes", "lots", "--db", path.join(dir, "c.db")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--max-bytes expects a size such as 500000000, 500MB or 1GiB, got "lots"');
  });

  it("applies RBAC_ATLAS_MAX_BYTES to -f questions too, with the same message", async () => {
    const { file } = roleFile();
    process.env[MAX_BYTES_ENV] = "50";
    const result = await runCli(["can-i", "get", "pods", "-n", "dev", "--as", "alice", "-f", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("raise it with --max-bytes SIZE (rbac-atlas ingest) or the RBAC_ATLAS_MAX_BYTES environment variable");
  });

  it("by default accepts what `gen --size xl` writes (272 MB for its 150k pods), with room to spare", () => {
    // The XL dump's size follows from the generator's object counts; the limit is set with twice that.
    expect(SIZE_TARGETS.xl.Pod).toBe(150_000);
    expect(DEFAULT_MAX_BYTES).toBeGreaterThanOrEqual(2 * 272_000_000 * 0.95);
  });
});
