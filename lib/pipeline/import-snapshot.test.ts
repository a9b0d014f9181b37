import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { freshTestDatabase } from "@/lib/store/test-support";
import { closeDatabase, listFindings, listSnapshots, loadAnalysis, openDatabase, type Database } from "@/lib/store";
import { demoSourceFiles } from "./demo";
import { importFiles } from "./import-snapshot";

const SECRET_VALUE = "c3VwZXItc2VjcmV0LXBhc3N3b3JkLTQyNDI="; // base64 of a password
const PLAIN_SECRET = "hunter2-plaintext-value-9431";

const opened: Database[] = [];
function freshDatabase(): Database {
  const db = openDatabase(freshTestDatabase("pipeline"));
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await closeDatabase(db);
});

const SECRET_YAML = `apiVersion: v1
kind: Secret
metadata:
  name: db-password
  namespace: payments
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"${SECRET_VALUE}"},"kind":"Secret"}'
type: Opaque
data:
  password: ${SECRET_VALUE}
stringData:
  plain: ${PLAIN_SECRET}
`;

describe("importFiles", () => {
  it("never writes a Secret value to the database file (data, stringData, last-applied annotation)", async () => {
    const db = freshDatabase();
    const result = await importFiles(db, [{ path: "secret.yaml", content: SECRET_YAML }], { name: "secrets", source: "files" });
    expect(result.ok).toBe(true);
    // PostgreSQL: every row of every table as text (its files are the server's, not ours to read).
    const rows =
      db.dialect === "postgresql"
        ? (db.raw.prepare(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'`).all() as { t: string }[])
            .map(({ t }) => (db.raw.prepare(`SELECT row_to_json(x)::text AS j FROM "${t}" x`).all() as { j: string }[]).map((r) => r.j).join("\n"))
            .join("\n")
        : "";
    await closeDatabase(db);
    opened.length = 0;
    // Checkpoint the WAL so every byte is in the main file, then search all of the files on disk.
    const bytes =
      rows +
      ["", "-wal", "-shm"]
        .map((suffix) => `${db.file}${suffix}`)
        .filter((file) => fs.existsSync(file))
        .map((file) => fs.readFileSync(file).toString("latin1"))
        .join("");
    expect(bytes).toContain("db-password");
    expect(bytes).not.toContain(SECRET_VALUE);
    expect(bytes).not.toContain(PLAIN_SECRET);
    expect(bytes).not.toContain(Buffer.from(SECRET_VALUE, "base64").toString("latin1"));
  });

  it("stores the demo cluster with its analysis, whose findings name the deliberate mistakes", async () => {
    const db = freshDatabase();
    const result = await importFiles(db, demoSourceFiles(), { name: "demo", source: "demo" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.analysisError).toBeUndefined();
    expect(result.snapshot.analysisState).toBe("ready");
    const analysis = loadAnalysis(db, result.snapshot.id);
    expect(analysis?.sinks.some((s) => s.sink.kind === "ClusterAdmin" && s.reachedBy > 0)).toBe(true);
    const rules = new Set(listFindings(db, result.snapshot.id).map((f) => f.rule));
    for (const rule of ["DEFAULT_SA_AUTOMOUNT", "WILDCARD_RULE", "ANONYMOUS_BINDING", "LEGACY_SA_TOKEN_SECRET", "PRIVILEGED_POD_NODE_ESCAPE"]) {
      expect(rules).toContain(rule);
    }
  });

  it("stores nothing when one file of several is invalid", async () => {
    const db = freshDatabase();
    const good = { path: "good.yaml", content: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n" };
    const bad = { path: "bad.yaml", content: "apiVersion: v1\nkind: Namespace\nmetadata: [1, 2]\n" };
    const result = await importFiles(db, [good, bad], { name: "mixed", source: "files" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ file: "bad.yaml", documentIndex: 1 });
    expect(await listSnapshots(db)).toEqual([]);
  });
});
