import { storedTrust } from "@/lib/pipeline/analyze-snapshot";
import { applyChange, hasObject, parseChange, parseObjectRef, whatIf, type ObjectRefText } from "@/lib/query/whatif";
import { loadClusterObjects } from "@/lib/store";
import { ApiError, badRequest, handle, snapshotFor } from "@/app/_data/api";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

/** POST `{ yaml?, remove?: ["Kind/ns/name"] }` → paths and findings gained and lost (the snapshot is not changed). */
export function POST(request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    if (!(request.headers.get("content-type") ?? "").includes("application/json")) throw new ApiError(415, 'send JSON: {"yaml": "...", "remove": ["RoleBinding/ns/name"]}');
    const body = (await request.json().catch(() => undefined)) as { yaml?: unknown; remove?: unknown } | undefined;
    const yaml = typeof body?.yaml === "string" ? body.yaml : "";
    const removeList = Array.isArray(body?.remove) ? body.remove.filter((x): x is string => typeof x === "string") : [];
    if (yaml.trim() === "" && removeList.length === 0) badRequest('send "yaml" (objects to add) and/or "remove" (references)');
    const snapshot = await snapshotFor((await params).snapshot);
    const cluster = loadClusterObjects(db(), snapshot.id);
    const removed: ObjectRefText[] = [];
    for (const r of removeList) {
      const ref = parseObjectRef(r);
      if (!ref) badRequest(`remove: malformed reference "${r}" (Kind/name or Kind/namespace/name)`);
      if (!hasObject(cluster, ref)) badRequest(`remove: ${r} is not in snapshot ${snapshot.id}`);
      removed.push(ref);
    }
    const change = parseChange(yaml);
    if (!change.ok) badRequest(change.errors.join("\n"));
    const trust = storedTrust(db());
    return Response.json({ snapshot: snapshot.id, ...whatIf(cluster, applyChange(cluster, change.objects, removed), trust ? { trust } : {}) });
  });
}
