/** "Not in this snapshot — did you mean": the stored names closest to a mistyped one. */
import { objectKnown, similarNameCandidates, type Database, type NamedRow } from "@/lib/store";

/** Levenshtein distance (two rows; names are short). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] as number;
}

export function nearestNames(db: Database, snapshotId: number, wanted: NamedRow, count = 5): NamedRow[] {
  const key = (r: NamedRow) => `${r.namespace}/${r.name}`;
  const target = key(wanted);
  return similarNameCandidates(db, snapshotId, wanted.kind, wanted.name)
    .map((row) => ({ row, d: Math.min(editDistance(key(row), target), editDistance(row.name, wanted.name) + (row.namespace === wanted.namespace ? 0 : 1)) }))
    .sort((a, b) => a.d - b.d || key(a.row).localeCompare(key(b.row)))
    .slice(0, count)
    .map((x) => x.row);
}

/** Unknown: neither an object of the snapshot nor a subject any binding names. */
export function missingFromSnapshot(db: Database, snapshotId: number, ref: NamedRow): { missing: false } | { missing: true; nearest: NamedRow[] } {
  return objectKnown(db, snapshotId, ref) ? { missing: false } : { missing: true, nearest: nearestNames(db, snapshotId, ref) };
}
