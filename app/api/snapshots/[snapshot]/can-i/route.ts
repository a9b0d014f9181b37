import { canI, identityFor } from "@/lib/rbac";
import { decisionJson } from "@/lib/query/present";
import { requestFromParams } from "@/lib/query/request-params";
import { badRequest, compiledFor, handle, identityParams } from "@/app/_data/api";

export const dynamic = "force-dynamic";

/** GET ?verb=&resource=|url=&name=&subresource=&apiGroup=&namespace=&as=&group=...&exactGroups= */
export function GET(request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    const query = new URL(request.url).searchParams;
    const parsed = requestFromParams({
      verb: query.get("verb") ?? undefined,
      type: query.get("url") ?? query.get("resource") ?? query.get("type") ?? undefined,
      name: query.get("name") ?? undefined,
      subresource: query.get("subresource") ?? undefined,
      apiGroup: query.get("apiGroup") ?? undefined,
      namespace: query.get("namespace") ?? undefined,
    });
    if (!parsed.ok) badRequest(parsed.message);
    const who = identityParams(query);
    const { snapshot, compiled } = await compiledFor((await params).snapshot);
    const decision = canI(compiled.policy, identityFor(who.user, who.groups, { exactGroups: who.exactGroups }), parsed.request);
    return Response.json({ snapshot: snapshot.id, ...decisionJson(decision, snapshot.unreadable) });
  });
}
