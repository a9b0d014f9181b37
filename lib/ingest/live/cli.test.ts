import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "@/lib/cli/commands/ingest";
import type { CliIO } from "@/lib/cli/io";
import { closeDatabase, countSnapshots, openDatabase } from "@/lib/store";
import { loadFixtureObjects, startFakeApiServer, type FakeApiServer } from "./test-support/fake-apiserver";
import { makeTestPki, writeKubeconfig } from "./test-support/tls";

const TOKEN = "cli-token";
const ROOT = path.resolve(import.meta.dirname, "../../..");
let server: FakeApiServer;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  const pki = makeTestPki();
  const objects = loadFixtureObjects([path.join(ROOT, "fixtures", "k8s-bootstrap-policy")]);
  server = await startFakeApiServer({ cert: pki.serverCert, key: pki.serverKey, token: TOKEN, objects, forbidden: ["secrets"] });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-live-cli-"));
  kubeconfig = path.join(dir, "kubeconfig");
  writeKubeconfig(
    kubeconfig,
    [
      { name: "good", server: server.url, caCert: pki.caCert, token: TOKEN },
      { name: "bad-token", server: server.url, caCert: pki.caCert, token: "nope" },
    ],
    "good",
  );
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function capture(isTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY, readStdin: async () => "" };
  return { io, out, err };
}

describe("rbac-atlas ingest --kubeconfig/--context", () => {
  it("stores a live snapshot, prints plain progress lines per kind off a TTY and the not-readable kinds", async () => {
    const dbFile = path.join(dir, "ok.db");
    const { io, out, err } = capture();
    const code = await run(["--kubeconfig", kubeconfig, "--name", "prod", "--db", dbFile], io);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^snapshot 1 "prod" stored in /);
    expect(out.join("\n")).toContain("not readable: secrets (403)");
    expect(err.some((l) => /^clusterroles done \d+\/\d+ \(1 page, [\d.]+ s\)\n$/.test(l))).toBe(true);
    expect(err.some((l) => l === "secrets not readable (403)\n")).toBe(true);
    expect(err.join("")).not.toContain("\u001b[");
    const db = openDatabase(dbFile);
    expect(await countSnapshots(db)).toBe(1);
    await closeDatabase(db);
  });

  it("redraws one line per kind on a TTY", async () => {
    const { io, err } = capture(true);
    expect(await run(["--kubeconfig", kubeconfig, "--db", path.join(dir, "tty.db"), "-o", "json"], io)).toBe(0);
    const last = err.at(-1) ?? "";
    expect(last).toContain("\u001b[");
    expect(last.split("\n").filter(Boolean)).toHaveLength(19);
  });

  it("a rejected token exits 3 with one sentence and stores nothing", async () => {
    const dbFile = path.join(dir, "bad.db");
    const { io, out, err } = capture();
    expect(await run(["--kubeconfig", kubeconfig, "--context", "bad-token", "--db", dbFile, "-o", "json"], io)).toBe(3);
    expect(JSON.parse(out.join(""))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(err.at(-1)).toBe(`rbac-atlas ingest: cannot ingest from context "bad-token" (${server.url}): the server rejected the credentials (401 Unauthorized): the token or client certificate is invalid or expired.`);
    const db = openDatabase(dbFile);
    expect(await countSnapshots(db)).toBe(0);
    await closeDatabase(db);
  });

  it.each([
    [["file.yaml", "--kubeconfig", "x"], /not both/],
    [["--in-cluster", "--context", "x"], /--in-cluster takes no/],
    [[], /or a cluster with --kubeconfig FILE/],
  ])("usage errors: %j", async (argv, message) => {
    await expect(run(argv, capture().io)).rejects.toThrow(message);
  });
});
