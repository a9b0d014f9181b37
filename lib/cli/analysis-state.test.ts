/**
 * A snapshot whose analysis is not stored (the ingest was killed during it, or it failed) must never
 * read as "nothing found": it is not `latest`, and every answer that needs the analysis refuses
 * with exit 2 and the command that re-runs it.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-support";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-state-"));
const demo = path.resolve("demo");

/** A database with one analysed snapshot (1) and a second one left as a killed analysis leaves it (2). */
async function dbWithPendingSnapshot(name: string): Promise<string> {
  const db = path.join(dir, `${name}.db`);
  for (let i = 0; i < 2; i++) {
    const r = await runCli(["ingest", demo, "--db", db, "-o", "json"]);
    expect(r.code, r.stderr).toBe(0);
  }
  const raw = new Database(db);
  // What SIGKILL during the analysis leaves: objects stored, no analysis rows, state pending.
  raw.exec(`DELETE FROM Finding WHERE snapshotId = 2; DELETE FROM EscalationPath WHERE snapshotId = 2; DELETE FROM SnapshotAnalysis WHERE snapshotId = 2;
            UPDATE Snapshot SET analysisState = 'pending' WHERE id = 2`);
  raw.close();
  return db;
}

describe("a snapshot without a stored analysis", () => {
  it.each([
    ["paths --to ClusterAdmin", ["paths", "--to", "ClusterAdmin"]],
    ["paths", ["paths"]],
    ["findings", ["findings"]],
    ["fixes", ["fixes"]],
  ])("%s --snapshot ID refuses with exit 2 and the re-run command, printing nothing on stdout", async (_name, args) => {
    const db = await dbWithPendingSnapshot(`refuse-${args.join("-")}`);
    const r = await runCli([...args, "--snapshot", "2", "--db", db, "-o", "json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("analysis of snapshot 2");
    expect(r.stderr).toContain("rbac-atlas analyze --snapshot 2");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("is never latest: findings and paths answer from the newest analysed snapshot", async () => {
    const db = await dbWithPendingSnapshot("latest");
    const explicit = await runCli(["findings", "--snapshot", "1", "--db", db, "-o", "json"]);
    const latest = await runCli(["findings", "--db", db, "-o", "json"]);
    expect(latest.code, latest.stderr).toBe(0);
    expect(JSON.parse(latest.stdout)).toEqual(JSON.parse(explicit.stdout));
    expect((JSON.parse(latest.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });

  it("with no analysed snapshot at all, latest refuses and names the pending one", async () => {
    const db = await dbWithPendingSnapshot("only-pending");
    const raw = new Database(db);
    raw.exec(`UPDATE Snapshot SET analysisState = 'failed' WHERE id = 1`);
    raw.close();
    const r = await runCli(["paths", "--to", "ClusterAdmin", "--db", db]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("snapshot 2, is pending");
  });

  it("still answers permission questions from its stored objects when asked by id", async () => {
    const db = await dbWithPendingSnapshot("can-i");
    const r = await runCli(["can-i", "get", "pods", "-n", "kube-system", "--as", "system:serviceaccount:kube-system:default", "--snapshot", "2", "--db", db, "-o", "json"]);
    expect([0, 1]).toContain(r.code);
  });

  it("rbac-atlas analyze --snapshot ID stores the analysis; the same questions then answer", async () => {
    const db = await dbWithPendingSnapshot("analyze");
    const r = await runCli(["analyze", "--snapshot", "2", "--db", db, "-o", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { snapshot: { analysisState: string } }).snapshot.analysisState).toBe("ready");
    const before = await runCli(["paths", "--to", "ClusterAdmin", "--snapshot", "1", "--db", db, "-o", "json"]);
    const after = await runCli(["paths", "--to", "ClusterAdmin", "--snapshot", "2", "--db", db, "-o", "json"]);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(before.stdout));
    const list = await runCli(["snapshots", "--db", db]);
    expect(list.stdout).toMatch(/ANALYSIS/);
    expect(list.stdout).not.toMatch(/pending/);
  });

  it.each([["abc"], ["0"], ["99999999999999999999"]])("analyze --snapshot %s is a usage error (exit 2)", async (id) => {
    const r = await runCli(["analyze", "--snapshot", id, "--db", path.join(dir, "usage.db")]);
    expect(r.code).toBe(2);
  });

  it("analyze of a snapshot that does not exist is exit 2", async () => {
    const r = await runCli(["analyze", "--snapshot", "42", "--db", path.join(dir, "missing.db")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("snapshot 42 does not exist");
  });
});

describe("a deleted snapshot", () => {
  it("leaves none of its content in the database file or its WAL (secure_delete + checkpoint)", async () => {
    const db = path.join(dir, "secure-delete.db");
    const marker = "zz-deleted-marker-7c1f";
    const file = path.join(dir, "marker.yaml");
    fs.writeFileSync(file, `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${marker}}\n`);
    expect((await runCli(["ingest", demo, "--db", db])).code).toBe(0);
    expect((await runCli(["ingest", file, "--db", db])).code).toBe(0);
    expect((await runCli(["snapshots", "--delete", "2", "--db", db])).code).toBe(0);
    for (const f of [db, `${db}-wal`]) {
      if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(Buffer.from(marker)), f).toBe(false);
    }
  });
});

describe("misconfiguration and unreadable input are exit 2 with one line, never a stack trace", () => {
  it("RBAC_ATLAS_MAX_BYTES=banana", async () => {
    const saved = process.env.RBAC_ATLAS_MAX_BYTES;
    process.env.RBAC_ATLAS_MAX_BYTES = "banana";
    try {
      const r = await runCli(["can-i", "get", "pods", "--as", "x", "-f", demo]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([expect.stringContaining('RBAC_ATLAS_MAX_BYTES="banana" is not a size')]);
    } finally {
      if (saved === undefined) delete process.env.RBAC_ATLAS_MAX_BYTES;
      else process.env.RBAC_ATLAS_MAX_BYTES = saved;
    }
  });

  it("stdin over the size limit is refused while reading, and UTF-16 on stdin is decoded like the same file", async () => {
    const saved = process.env.RBAC_ATLAS_MAX_BYTES;
    process.env.RBAC_ATLAS_MAX_BYTES = "1k";
    try {
      const big = await runCli(["can-i", "get", "pods", "--as", "x", "-f", "-"], "#".repeat(5000));
      expect(big.code).toBe(2);
      expect(big.stderr).toContain("exceeds the size limit of 1024 bytes");
    } finally {
      if (saved === undefined) delete process.env.RBAC_ATLAS_MAX_BYTES;
      else process.env.RBAC_ATLAS_MAX_BYTES = saved;
    }
    const yaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: from-stdin}\n";
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, "utf16le")]);
    const r = await runCli(["who-can", "get", "namespaces", "-f", "-", "-o", "json"], utf16);
    expect(r.code, r.stderr).toBe(0);
  });
});
