import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION, parseDuration, snapshotsToDelete, type RetentionCandidate } from "./retention";

const NOW = new Date("2026-12-03T12:30:00Z");
const HOUR = 3_600_000;

/** `count` analysed snapshots, one an hour back from `NOW` (id 1 the oldest). */
function hourly(count: number): RetentionCandidate[] {
  return Array.from({ length: count }, (_, i) => ({ id: i + 1, createdAt: new Date(NOW.getTime() - (count - 1 - i) * HOUR).toISOString(), ready: true }));
}

describe("retention: --keep N plus one a day for --daily D days", () => {
  it("keeps everything while there are at most --keep snapshots", () => {
    expect(snapshotsToDelete(hourly(48), NOW, DEFAULT_RETENTION)).toEqual([]);
  });

  it("beyond the newest 48, keeps only the newest snapshot of each older day", () => {
    const snapshots = hourly(24 * 5); // five days of hourly snapshots, ids 1..120
    const doomed = new Set(snapshotsToDelete(snapshots, NOW, DEFAULT_RETENTION));
    const kept = snapshots.filter((s) => !doomed.has(s.id));
    // The newest 48 stay.
    for (let id = 73; id <= 120; id++) expect(doomed.has(id)).toBe(false);
    // Older ones: exactly one per UTC day, the newest of that day (23:30 UTC).
    const older = kept.filter((s) => s.id < 73);
    expect(older.map((s) => s.createdAt.slice(11, 16))).toEqual(older.map(() => "23:30"));
    const days = older.map((s) => s.createdAt.slice(0, 10));
    expect(new Set(days).size).toBe(days.length);
    // Days already covered by the newest 48 get no extra snapshot.
    const recentDays = new Set(snapshots.filter((s) => s.id >= 73).map((s) => s.createdAt.slice(0, 10)));
    for (const day of days) expect(recentDays.has(day)).toBe(false);
  });

  it("drops daily snapshots older than --daily days", () => {
    const daily: RetentionCandidate[] = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      createdAt: new Date(NOW.getTime() - (39 - i) * 24 * HOUR).toISOString(),
      ready: true,
    }));
    const doomed = snapshotsToDelete(daily, NOW, { keep: 2, dailyDays: 30 });
    // Newest 2 (today, yesterday) + 28 more days in the 30-day window are kept; the 10 oldest go.
    expect(doomed).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("a failed or partial snapshot never counts as kept history, and goes once --keep analysed ones are newer", () => {
    const snapshots: RetentionCandidate[] = [
      ...hourly(3),
      { id: 4, createdAt: NOW.toISOString(), ready: false },
    ];
    // The newest is not analysed: it stays (it may still be analysing), and all analysed ones stay.
    expect(snapshotsToDelete(snapshots, NOW, { keep: 2, dailyDays: 0 })).toEqual([1]);
    const older: RetentionCandidate[] = [{ id: 1, createdAt: new Date(NOW.getTime() - 5 * HOUR).toISOString(), ready: false }, ...hourly(3).map((s) => ({ ...s, id: s.id + 1 }))];
    // 1 (not analysed) has 2 analysed snapshots newer than it: it goes; 2 goes too (its day is already kept by 3 and 4).
    expect(snapshotsToDelete(older, NOW, { keep: 2, dailyDays: 30 })).toEqual([1, 2]);
  });

  it("always keeps the cluster's default (the newest analysed), even with --keep 0", () => {
    const snapshots = hourly(3);
    expect(snapshotsToDelete(snapshots, NOW, { keep: 0, dailyDays: 0 })).toEqual([1, 2]);
  });
});

describe("durations", () => {
  it("reads 1h, 30m, 90s, 1d and combinations; refuses the rest", () => {
    expect(parseDuration("1h")).toBe(HOUR);
    expect(parseDuration("30m")).toBe(30 * 60_000);
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("1d")).toBe(24 * HOUR);
    expect(parseDuration("1h30m")).toBe(90 * 60_000);
    for (const bad of ["", "h", "1x", "-1h", "0m", "1.5h"]) expect(parseDuration(bad)).toBeUndefined();
  });
});
