import { searchObjects } from "@/lib/store";
import { badRequest, handle, snapshotFor } from "@/app/_data/api";
import { db } from "@/app/_data/db";
import { objectHref } from "@/components/links";
import { formatExplorerRef } from "@/lib/query/neighbourhood";

export const dynamic = "force-dynamic";

const MAX_HITS = 20;

/** GET ?q=TEXT → {hits:[{kind, namespace, name, ref, href}]}: subjects, roles, bindings, namespaces, pods, nodes by name. */
export function GET(request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    const q = (new URL(request.url).searchParams.get("q") ?? "").trim();
    if (q.length > 253) badRequest('"q" is longer than any Kubernetes name');
    const snapshot = await snapshotFor((await params).snapshot);
    const hits = q === "" ? [] : searchObjects(db(), snapshot.id, q, MAX_HITS);
    return Response.json({
      snapshot: snapshot.id,
      hits: hits.map((h) => ({ ...h, ref: formatExplorerRef(h), href: objectHref(snapshot.id, h.kind, h.name, h.namespace || undefined) })),
    });
  });
}
