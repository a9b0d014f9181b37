import { analyzeSnapshot } from "@/lib/pipeline/analyze-snapshot";
import { parseCriticalRef } from "@/lib/query/critical";
import { listCritical, markCritical, unmarkCritical, type CriticalMark } from "@/lib/store";
import { ApiError, badRequest, handle, snapshotFor } from "@/app/_data/api";
import { db } from "@/app/_data/db";
import { isMediaType } from "@/lib/web/content-type";

export const dynamic = "force-dynamic";

/** GET: the crown jewels marked (extra sinks of the escalation analysis of every snapshot). */
export function GET() {
  return handle(async () => Response.json({ critical: listCritical(db()) }));
}

async function change(request: Request, apply: (mark: CriticalMark) => boolean): Promise<Response> {
  if (!isMediaType(request.headers.get("content-type"), "application/json")) throw new ApiError(415, "send JSON: {\"ref\": \"Namespace/payments\", \"snapshot\": 3}");
  const body = (await request.json().catch(() => undefined)) as { ref?: unknown; snapshot?: unknown } | undefined;
  if (typeof body?.ref !== "string") badRequest('"ref" is required: Namespace/NAME, ServiceAccount/NS/NAME or Secret/NS/NAME');
  const parsed = parseCriticalRef(body.ref);
  if (!parsed.ok) badRequest(parsed.message);
  const changed = apply(parsed.mark);
  // The analysis of the snapshot being looked at is redone so its pages show the new sinks at once.
  let reanalyzed: number | undefined;
  if (changed && body.snapshot !== undefined) {
    const snapshot = await snapshotFor(String(body.snapshot));
    analyzeSnapshot(db(), snapshot.id);
    reanalyzed = snapshot.id;
  }
  return Response.json({ critical: listCritical(db()), changed, reanalyzed });
}

export function POST(request: Request) {
  return handle(() => change(request, (mark) => markCritical(db(), mark)));
}

export function DELETE(request: Request) {
  return handle(() => change(request, (mark) => unmarkCritical(db(), mark)));
}
