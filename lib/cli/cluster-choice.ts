/**
 * Picking a cluster, then a snapshot: `--cluster NAME` scopes `--snapshot` (default: that cluster's
 * newest analysed snapshot, never a failed or partial one); without it, `--snapshot` is global.
 */
import { findClusterByName, findSnapshot, listClusterNames, noLatestReason, parseSnapshotId, type ClusterSummary, type RawDatabase, type SnapshotSummary } from "@/lib/store/raw";
import { UsageError } from "./args";
import { InputError } from "./input-error";

/** The cluster `--cluster NAME` names; undefined without the flag; InputError (exit 2) when unknown. */
export function clusterOption(db: RawDatabase, name: string | undefined): ClusterSummary | undefined {
  if (name === undefined) return undefined;
  const cluster = findClusterByName(db, name);
  if (cluster) return cluster;
  const known = listClusterNames(db);
  const shown = known.length > 20 ? [...known.slice(0, 20), `… ${known.length - 20} more`] : known;
  throw new InputError(`no cluster named "${name}" in ${db.file} (known: ${shown.length > 0 ? shown.join(", ") : "none"}; list them with rbac-atlas clusters)`);
}

/** `--snapshot ID|latest` within `--cluster NAME` (either optional), or a clear error (exit 2). */
export async function pickSnapshot(
  db: RawDatabase,
  values: { readonly snapshot?: string | undefined; readonly cluster?: string | undefined },
  flag = "--snapshot",
): Promise<SnapshotSummary> {
  const wanted = parseSnapshotId(values.snapshot ?? "latest");
  if (wanted === undefined) throw new UsageError(`${flag} expects a snapshot id or "latest", got "${values.snapshot}"`);
  const cluster = clusterOption(db, values.cluster);
  const snapshot = await findSnapshot(db, wanted, cluster ? { clusterId: cluster.id } : {});
  if (snapshot) return snapshot;
  if (wanted === "latest") throw new InputError(noLatestReason(db, cluster));
  if (cluster && (await findSnapshot(db, wanted))) throw new InputError(`snapshot ${wanted} is not a snapshot of cluster "${cluster.name}"`);
  throw new InputError(`snapshot ${wanted} does not exist in ${db.file}`);
}
