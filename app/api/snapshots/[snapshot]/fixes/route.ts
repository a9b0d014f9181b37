import type { VertexRef } from "@/lib/analysis/refs";
import { parseRefParam, snapshotFixes } from "@/lib/query/escalation";
import { badRequest, handle, snapshotFor } from "@/app/_data/api";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

/** GET ?to=REF (repeatable; default ClusterAdmin) → the smallest fix set with blast radius. */
export function GET(request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    const query = new URL(request.url).searchParams;
    const sinks: VertexRef[] = [];
    for (const value of query.getAll("to").length > 0 ? query.getAll("to") : ["ClusterAdmin"]) {
      const parsed = parseRefParam(value, "to");
      if (!parsed.ok) badRequest(parsed.message);
      if (parsed.ref) sinks.push(parsed.ref);
    }
    const snapshot = await snapshotFor((await params).snapshot);
    return Response.json({ snapshot: snapshot.id, ...snapshotFixes(db(), snapshot.id, sinks) });
  });
}
