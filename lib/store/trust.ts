import { timestampParam } from "./sql-handle";
import type { RawDatabase } from "./raw-client";

/** The trust file kept with the database (v2 §2.9), or undefined when none was saved. */
export function loadTrustYaml(db: RawDatabase): string | undefined {
  const row = db.raw.prepare(`SELECT yaml FROM TrustFile WHERE id = 1`).get() as { yaml: string } | undefined;
  return row?.yaml;
}

/** Saves (replaces) the trust file; an empty text removes it. Validation is the caller's. */
export function saveTrustYaml(db: RawDatabase, yaml: string): void {
  if (yaml.trim() === "") {
    db.raw.prepare(`DELETE FROM TrustFile WHERE id = 1`).run();
    return;
  }
  db.raw.prepare(`INSERT INTO TrustFile (id, yaml, updatedAt) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET yaml = excluded.yaml, updatedAt = excluded.updatedAt`).run(yaml, timestampParam(db.dialect, Date.now()));
}
