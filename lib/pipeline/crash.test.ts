/**
 * Crash and fault tests on the L dump: the ingest process is SIGKILLed during parsing, during the
 * write transaction and during the analysis; and run against a full disk (a small tmpfs). After
 * each: the database passes `PRAGMA integrity_check`, the earlier snapshot is intact, and nothing
 * unfinished is answered from (it is never `latest`; asked by id it refuses with exit 2).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(".");
const tsx = createRequire(path.join(root, "package.json")).resolve("tsx/cli");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-crash-"));
const dump = path.join(dir, "l.json");
const db = path.join(dir, "crash.db");

function cli(args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [tsx, path.join(root, "lib/cli/main.ts"), ...args], { cwd: root, env: { ...process.env, RBAC_ATLAS_ROOT: root, ...env }, encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function startIngest(): ChildProcess {
  return spawn(process.execPath, [tsx, path.join(root, "lib/cli/main.ts"), "ingest", dump, "--db", db, "--name", "L"], {
    cwd: root,
    env: { ...process.env, RBAC_ATLAS_ROOT: root },
    stdio: "ignore",
  });
}

function snapshotRows(): { id: number; analysisState: string }[] {
  const raw = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return raw.prepare("SELECT id, analysisState FROM Snapshot ORDER BY id").all() as { id: number; analysisState: string }[];
  } finally {
    raw.close();
  }
}

function integrity(): string {
  const raw = new Database(db);
  try {
    return (raw.pragma("integrity_check", { simple: true }) as string) ?? "";
  } finally {
    raw.close();
  }
}

function walBytes(): number {
  try {
    return fs.statSync(`${db}-wal`).size;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts an ingest of the L dump and SIGKILLs it when `when` says so (polled every 50 ms). */
async function killWhen(when: (elapsedMs: number, rows: number) => boolean, before: number): Promise<void> {
  const child = startIngest();
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const started = Date.now();
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    const rows = fs.existsSync(db) ? snapshotRows().length : 0;
    if (when(Date.now() - started, rows - before)) {
      child.kill("SIGKILL");
      break;
    }
    await sleep(50);
  }
  await exited;
  if (!done) return;
}

let baseline: { findings: string; paths: string };

beforeAll(() => {
  const gen = spawnSync(process.execPath, [tsx, path.join(root, "lib/gen/main.ts"), "--size", "l", "-o", dump], { cwd: root, encoding: "utf8" });
  expect(gen.status, gen.stderr).toBe(0);
  const first = cli(["ingest", path.join(root, "demo"), "--db", db, "--name", "earlier"]);
  expect(first.code, first.stderr).toBe(0);
  baseline = {
    findings: cli(["findings", "--snapshot", "1", "--db", db, "-o", "json"]).stdout,
    paths: cli(["paths", "--to", "ClusterAdmin", "--snapshot", "1", "--db", db, "-o", "json"]).stdout,
  };
  expect(JSON.parse(baseline.findings).findings.length).toBeGreaterThan(0);
}, 180_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function expectConsistent() {
  expect(integrity()).toBe("ok");
  const rows = snapshotRows();
  expect(rows[0]).toEqual({ id: 1, analysisState: "ready" });
  // the earlier snapshot answers exactly as before, by id and as latest (nothing newer is finished)
  expect(cli(["findings", "--snapshot", "1", "--db", db, "-o", "json"]).stdout).toBe(baseline.findings);
  const latest = cli(["paths", "--to", "ClusterAdmin", "--db", db, "-o", "json"]);
  expect(latest.code).toBe(0);
  expect(latest.stdout).toBe(baseline.paths);
  for (const row of rows.filter((r) => r.analysisState !== "ready")) {
    const refused = cli(["paths", "--to", "ClusterAdmin", "--snapshot", String(row.id), "--db", db, "-o", "json"]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(`rbac-atlas analyze --snapshot ${row.id}`);
  }
}

describe("SIGKILL during an ingest of the L dump", () => {
  it("while parsing (before anything is written): nothing of it is stored", async () => {
    const before = snapshotRows().length;
    await killWhen((ms) => ms > 1500 + Math.random() * 1000, before);
    expect(snapshotRows().length).toBe(before);
    expectConsistent();
  }, 120_000);

  it("inside the write transaction (the WAL grows, no snapshot row committed): rolled back whole", async () => {
    const before = snapshotRows().length;
    const wal = walBytes();
    await killWhen((_ms, added) => added === 0 && walBytes() > wal + 2 * 1024 * 1024, before);
    expect(snapshotRows().length).toBe(before);
    expectConsistent();
  }, 120_000);

  it("during the analysis (snapshot committed, pending): it is never answered from", async () => {
    const before = snapshotRows().length;
    await killWhen((_ms, added) => added > 0, before);
    const rows = snapshotRows();
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)?.analysisState).toBe("pending");
    expectConsistent();
  }, 120_000);
});

/** Why a tmpfs cannot be mounted here, or undefined when it can (root on Linux with mount). */
function tmpfsUnavailable(target: string): string | undefined {
  if (process.platform !== "linux") return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return "not running as root, so no tmpfs can be mounted";
  fs.mkdirSync(target, { recursive: true });
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", target], { encoding: "utf8" });
  return r.status === 0 ? undefined : `mount -t tmpfs failed: ${(r.stderr || r.error?.message || "").trim()}`;
}

describe("a full disk", () => {
  it("ingest exits 2 with one line, stores nothing half-way, and the earlier snapshot still answers", (ctx) => {
    const mountPoint = path.join(dir, "small");
    const reason = tmpfsUnavailable(mountPoint);
    if (reason !== undefined) {
      // CI (.ci/run runs as root on Linux) must run it: there a skip would be a claim nobody checks.
      if (process.env.RBAC_ATLAS_CI === "1") throw new Error(`full-disk test cannot run in CI: ${reason}`);
      console.warn(`SKIPPED full-disk test: ${reason}`);
      ctx.skip(`full-disk test skipped: ${reason}`);
      return;
    }
    try {
      const small = path.join(mountPoint, "full.db");
      expect(cli(["ingest", path.join(root, "demo"), "--db", small]).code).toBe(0);
      const full = cli(["ingest", dump, "--db", small]);
      expect(full.code).toBe(2);
      expect(full.stderr.trim().split("\n")).toHaveLength(1);
      expect(full.stderr).toContain("the disk is full");
      const raw = new Database(small);
      expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(raw.prepare("SELECT id, analysisState FROM Snapshot").all()).toEqual([{ id: 1, analysisState: "ready" }]);
      raw.close();
      expect(cli(["findings", "--db", small, "-o", "json"]).code).toBe(0);
    } finally {
      spawnSync("umount", [mountPoint]);
    }
  }, 180_000);
});
