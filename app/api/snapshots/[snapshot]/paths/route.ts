import { parseRefParam, snapshotPaths } from "@/lib/query/escalation";
import { badRequest, handle, snapshotFor } from "@/app/_data/api";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

/** GET ?from=REF&to=REF|ClusterAdmin&maxHops=N → {"paths":[...]} shortest first. */
export function GET(request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    const query = new URL(request.url).searchParams;
    const from = parseRefParam(query.get("from"), "from");
    if (!from.ok) badRequest(from.message);
    const to = parseRefParam(query.get("to"), "to");
    if (!to.ok) badRequest(to.message);
    const maxHopsText = query.get("maxHops");
    if (maxHopsText !== null && !/^[1-9][0-9]*$/.test(maxHopsText)) badRequest('"maxHops" must be a positive whole number');
    const snapshot = await snapshotFor((await params).snapshot);
    const paths = snapshotPaths(db(), snapshot.id, {
      from: from.ref,
      to: to.ref,
      maxHops: maxHopsText === null ? undefined : Number.parseInt(maxHopsText, 10),
    });
    return Response.json({ snapshot: snapshot.id, paths });
  });
}
