/** A fresh database holding the bundled demo cluster (analysed), for query tests. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadDemo } from "@/lib/pipeline/demo";
import { openDatabase, type Database } from "@/lib/store";

export async function demoDatabase(prefix: string): Promise<{ db: Database; snapshot: number }> {
  const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), `rbac-atlas-${prefix}-`)), "demo.db"));
  const result = await loadDemo(db);
  if (!result?.ok) throw new Error("demo did not load");
  return { db, snapshot: result.snapshot.id };
}
