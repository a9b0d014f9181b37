import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_MAX_BYTES, decodeText, maxBytesFromEnv, readSourcePaths } from "@/lib/ingest";

const root = mkdtempSync(path.join(tmpdir(), "ingest-read-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, content: string | Buffer): string {
  const full = path.join(root, rel);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
}

describe("readSourcePaths", () => {
  it("walks a directory recursively for yaml, yml and json files, sorted", async () => {
    write("tree/b.yaml", "b");
    write("tree/a.json", "a");
    write("tree/sub/c.yml", "c");
    write("tree/notes.txt", "no");
    write("tree/sub/README.md", "no");
    const r = await readSourcePaths([path.join(root, "tree")]);
    expect(r.ok && r.files.map((f) => path.relative(root, f.path))).toEqual(["tree/a.json", "tree/b.yaml", "tree/sub/c.yml"]);
  });

  it("reads files named explicitly whatever their extension, and stdin for -", async () => {
    const f = write("dump.txt", "kind: x");
    const r = await readSourcePaths([f, "-"], { stdin: async () => "from stdin" });
    expect(r.ok && r.files).toEqual([
      { path: f, content: "kind: x" },
      { path: "-", content: "from stdin" },
    ]);
  });

  it("reports a missing path as READ_ERROR naming it", async () => {
    const missing = path.join(root, "nope.yaml");
    const r = await readSourcePaths([missing]);
    expect(!r.ok && r.issues).toEqual([{ code: "READ_ERROR", file: missing, message: "cannot read: no such file or directory" }]);
  });

  it("reports a directory without manifests as EMPTY_INPUT", async () => {
    mkdirSync(path.join(root, "empty"), { recursive: true });
    const r = await readSourcePaths([path.join(root, "empty")]);
    expect(!r.ok && r.issues[0]?.code).toBe("EMPTY_INPUT");
  });

  it("refuses files over the size limit before reading them", async () => {
    const big = write("big.yaml", "x".repeat(2000));
    const r = await readSourcePaths([big], { maxBytes: 1000 });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: "TOO_LARGE", file: big });
  });

  it("refuses stdin over the size limit", async () => {
    const r = await readSourcePaths(["-"], { maxBytes: 10, stdin: async () => "x".repeat(11) });
    expect(!r.ok && r.issues[0]?.code).toBe("TOO_LARGE");
  });

  it("decodes UTF-16 files written by PowerShell", async () => {
    const f = write("ps.yaml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("kind: Namespace", "utf16le")]));
    const r = await readSourcePaths([f]);
    expect(r.ok && r.files[0]?.content).toBe("kind: Namespace");
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe("a");
  });
});

describe("maxBytesFromEnv", () => {
  it.each<[string | undefined, number]>([
    [undefined, DEFAULT_MAX_BYTES],
    ["", DEFAULT_MAX_BYTES],
    ["5000", 5000],
    ["500MB", 500 * 1024 * 1024],
    ["1GiB", 1024 ** 3],
  ])("%s → %d", (raw, expected) => {
    expect(maxBytesFromEnv({ RBAC_ATLAS_MAX_BYTES: raw })).toBe(expected);
  });

  it.each(["-1", "0", "lots", "5 TB"])("rejects %s", (raw) => {
    expect(() => maxBytesFromEnv({ RBAC_ATLAS_MAX_BYTES: raw })).toThrow(/RBAC_ATLAS_MAX_BYTES/);
  });
});
