/**
 * The all-clusters overview and one cluster's history: the JSON contract shared by
 * `rbac-atlas clusters -o json`, `GET /api/clusters`, `GET /api/clusters/{name}` and the pages.
 * Reads only the counts stored with each analysis (never an analysis itself), so it stays fast at
 * hundreds of clusters.
 */
import {
  backfillRiskCounts,
  listClusterOverview,
  listClusterSnapshots,
  listRuns,
  readySnapshotIdAt,
  type ClusterKind,
  type ClusterOverviewRow,
  type ClusterSnapshotPoint,
  type ClusterSummary,
  type RawDatabase,
  type RiskCounts,
  type SnapshotRunRecord,
} from "@/lib/store/raw";

export interface ClusterOverviewEntry {
  readonly name: string;
  readonly kind: ClusterKind;
  readonly server: string;
  readonly caFingerprint: string;
  /** Snapshots stored (any state). */
  readonly snapshots: number;
  /** The default snapshot (newest analysed); null when the cluster has none. */
  readonly snapshot: { readonly id: number; readonly name: string; readonly createdAt: string; readonly ageSeconds: number } | null;
  /** Risk of the default snapshot (control plane excluded; accepted risks are not subtracted here). */
  readonly risk: RiskCounts | null;
  /** The last scheduled run: a failed or partial one means the default snapshot is getting old. */
  readonly lastRun: ClusterOverviewRow["lastRun"];
}

/** Highest risk first: paths to cluster-admin, then Critical, High, Medium, Low findings; clusters with no analysed snapshot last. */
export function compareByRisk(a: Pick<ClusterOverviewEntry, "risk" | "name">, b: Pick<ClusterOverviewEntry, "risk" | "name">): number {
  if (a.risk === null || b.risk === null) return a.risk === b.risk ? a.name.localeCompare(b.name) : a.risk === null ? 1 : -1;
  const keys = ["pathsToClusterAdmin", "critical", "high", "medium", "low"] as const;
  for (const key of keys) if (a.risk[key] !== b.risk[key]) return b.risk[key] - a.risk[key];
  return a.name.localeCompare(b.name);
}

export function clusterOverview(db: RawDatabase, now: Date = new Date()): ClusterOverviewEntry[] {
  // Snapshots analysed before risk counts were stored get them once, here.
  backfillRiskCounts(db);
  return listClusterOverview(db)
    .map((row) => ({
      name: row.name,
      kind: row.kind,
      server: row.server,
      caFingerprint: row.caFingerprint,
      snapshots: row.snapshots,
      snapshot: row.snapshot && { ...row.snapshot, ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(row.snapshot.createdAt)) / 1000)) },
      risk: row.risk,
      lastRun: row.lastRun,
    }))
    .sort(compareByRisk);
}

export interface ClusterHistory {
  readonly cluster: ClusterSummary;
  /** The default snapshot's id (newest analysed), null when none. */
  readonly defaultSnapshot: number | null;
  /** Every snapshot, newest first; `previous` is the analysed snapshot before it (what its drift compares with). */
  readonly timeline: readonly (ClusterSnapshotPoint & { readonly previous: number | null })[];
  /** The analysed snapshot in place 24 hours ago (for "what changed since yesterday"), null when none that old. */
  readonly dayAgoSnapshot: number | null;
  readonly runs: readonly SnapshotRunRecord[];
}

export function clusterHistory(db: RawDatabase, cluster: ClusterSummary, now: Date = new Date()): ClusterHistory {
  backfillRiskCounts(db);
  const points = listClusterSnapshots(db, cluster.id);
  // Newest first: each analysed snapshot's "previous" is the next analysed one down the list.
  const timeline: (ClusterSnapshotPoint & { previous: number | null })[] = [];
  let nextReady: number | null = null;
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i] as ClusterSnapshotPoint;
    timeline.unshift({ ...point, previous: nextReady });
    if (mayBeDefault(point)) nextReady = point.id;
  }
  const defaultSnapshot = points.find(mayBeDefault)?.id ?? null;
  return {
    cluster,
    defaultSnapshot,
    timeline,
    dayAgoSnapshot: readySnapshotIdAt(db, cluster.id, new Date(now.getTime() - 86_400_000)) ?? null,
    runs: listRuns(db, cluster.id),
  };
}

/** 42 s, 5 min, 3 h, 2 d — how old a snapshot is, for tables. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

/** What the store's default and drift comparisons count: analysed, and not marked incomplete by a scheduled run. */
export function mayBeDefault(point: Pick<ClusterSnapshotPoint, "analysisState" | "incomplete">): boolean {
  return point.analysisState === "ready" && !point.incomplete;
}
