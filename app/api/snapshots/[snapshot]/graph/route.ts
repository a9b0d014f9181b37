import { neighbourhood, UnknownFocusError } from "@/lib/query/neighbourhood";
import { parseNeighbourhoodParams } from "@/lib/query/neighbourhood-params";
import { ApiError, badRequest, handle, snapshotFor } from "@/app/_data/api";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

/**
 * GET ?focus=REF&depth=1..3&ns=&kind=*&technique=*&severity=&open=*&pathTo=&limit= →
 * {focus, depth, nodes, edges, truncated, limit, highlight, analysed}; never more than 2,000 elements.
 */
export function GET(request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    const parsed = parseNeighbourhoodParams(new URL(request.url).searchParams);
    if (!parsed.ok) badRequest(parsed.message);
    const snapshot = await snapshotFor((await params).snapshot);
    try {
      return Response.json({ snapshot: snapshot.id, ...neighbourhood(db(), snapshot.id, parsed.query) });
    } catch (error) {
      if (error instanceof UnknownFocusError) throw new ApiError(404, error.message);
      throw error;
    }
  });
}
