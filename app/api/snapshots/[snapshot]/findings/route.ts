import { severitiesAtLeast, snapshotFindings } from "@/lib/query/escalation";
import { badRequest, handle, snapshotFor } from "@/app/_data/api";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

/** GET ?severity=LEVEL (that level and above)&rule=RULE → {"findings":[...]} */
export function GET(request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    const query = new URL(request.url).searchParams;
    const level = severitiesAtLeast(query.get("severity"));
    if (!level.ok) badRequest(level.message);
    const snapshot = await snapshotFor((await params).snapshot);
    const rule = query.get("rule");
    const findings = snapshotFindings(db(), snapshot.id, level.severities).filter((f) => !rule || f.rule === rule);
    return Response.json({ snapshot: snapshot.id, findings });
  });
}
