import { notFound } from "next/navigation";
import { findSnapshot, openDatabase, parseSnapshotId, type Database, type SnapshotSummary } from "@/lib/store";

/** The dashboard's database (RBAC_ATLAS_DB or data/rbac-atlas.db), migrated on first use. */
export function db(): Database {
  return openDatabase();
}

/** Resolves a `[snapshot]` route segment ("latest" or an id) or renders the 404 page. */
export async function snapshotOr404(segment: string): Promise<SnapshotSummary> {
  // Next has already decoded the segment once ("%25" arrives as "%"): decoding again would throw.
  const id = parseSnapshotId(segment);
  if (id === undefined) notFound();
  const snapshot = await findSnapshot(db(), id);
  if (!snapshot) notFound();
  return snapshot;
}
