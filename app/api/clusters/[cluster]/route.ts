import { clusterHistory } from "@/lib/query/clusters";
import { findClusterByName } from "@/lib/store";
import { db } from "@/app/_data/db";
import { ApiError, handle } from "@/app/_data/api";

export const dynamic = "force-dynamic";

/** One cluster's history (snapshots with risk and drift counts, runs): the JSON of `rbac-atlas clusters NAME -o json`. */
export function GET(_request: Request, { params }: { params: Promise<{ cluster: string }> }) {
  return handle(async () => {
    const name = (await params).cluster;
    const cluster = findClusterByName(db(), name);
    if (!cluster) throw new ApiError(404, `no cluster named ${JSON.stringify(name.slice(0, 100))}`);
    return Response.json(clusterHistory(db(), cluster));
  });
}
