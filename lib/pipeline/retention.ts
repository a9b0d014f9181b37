/**
 * Which snapshots of one cluster scheduled runs may delete: the newest `keep` analysed snapshots,
 * plus the newest analysed one of each UTC day for `dailyDays` days (today included), stay. A
 * snapshot without a stored analysis (failed, partial, or one another process is still analysing)
 * never counts as kept history and goes only once `keep` analysed snapshots are newer than it.
 * Pure: no clock, no database.
 */

export interface RetentionPolicy {
  /** Newest analysed snapshots always kept (at least 1: the cluster's default). */
  readonly keep: number;
  /** Days back (today included) for which the newest analysed snapshot of each day is kept. */
  readonly dailyDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keep: 48, dailyDays: 30 };

export interface RetentionCandidate {
  readonly id: number;
  /** ISO time the snapshot was taken. */
  readonly createdAt: string;
  readonly ready: boolean;
}

const DAY_MS = 86_400_000;

/** Ids to delete, oldest first. */
export function snapshotsToDelete(snapshots: readonly RetentionCandidate[], now: Date, policy: RetentionPolicy): number[] {
  const keep = Math.max(1, Math.floor(policy.keep));
  const newestFirst = [...snapshots].sort((a, b) => b.id - a.id);
  const kept = new Set<number>();
  let readySeen = 0;
  const dailyKept = new Set<number>();
  const firstDay = utcDay(now.getTime()) - Math.max(0, Math.floor(policy.dailyDays) - 1);
  const doomed: number[] = [];
  for (const snapshot of newestFirst) {
    if (!snapshot.ready) {
      if (readySeen < keep) kept.add(snapshot.id);
      else doomed.push(snapshot.id);
      continue;
    }
    readySeen++;
    const day = utcDay(Date.parse(snapshot.createdAt));
    if (readySeen <= keep) {
      kept.add(snapshot.id);
      dailyKept.add(day);
      continue;
    }
    if (day >= firstDay && !dailyKept.has(day)) {
      // Newest first: the first analysed snapshot met on a day is that day's newest.
      dailyKept.add(day);
      kept.add(snapshot.id);
      continue;
    }
    doomed.push(snapshot.id);
  }
  return doomed.sort((a, b) => a - b);
}

function utcDay(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}

/** "1h", "30m", "90s", "1d", "1h30m" → milliseconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!match || text.trim() === "") return undefined;
  const [, d, h, m, s] = match.map((part) => Number(part ?? 0));
  const ms = (((d ?? 0) * 24 + (h ?? 0)) * 60 + (m ?? 0)) * 60_000 + (s ?? 0) * 1000;
  return ms > 0 ? ms : undefined;
}
