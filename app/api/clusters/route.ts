import { clusterOverview } from "@/lib/query/clusters";
import { db } from "@/app/_data/db";
import { handle } from "@/app/_data/api";

export const dynamic = "force-dynamic";

/** Every cluster, highest risk first: the same JSON as `rbac-atlas clusters -o json`. */
export function GET() {
  return handle(async () => Response.json({ clusters: clusterOverview(db()) }));
}
