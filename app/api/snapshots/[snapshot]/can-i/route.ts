import { canI, identityFor } from "@/lib/rbac";
import { decisionJson } from "@/lib/query/present";
import { requestFromQuery } from "@/lib/query/request-params";
import { badRequest, compiledFor, handle, identityParams } from "@/app/_data/api";

export const dynamic = "force-dynamic";

/** GET ?verb=&resource=|url=&name=&subresource=&apiGroup=&namespace=&as=&group=...&exactGroups= */
export function GET(request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    const query = new URL(request.url).searchParams;
    const parsed = requestFromQuery(query);
    if (!parsed.ok) badRequest(parsed.message);
    const who = identityParams(query);
    const { snapshot, compiled } = await compiledFor((await params).snapshot);
    const decision = canI(compiled.policy, identityFor(who.user, who.groups, { exactGroups: who.exactGroups }), parsed.request);
    return Response.json({ snapshot: snapshot.id, ...decisionJson(decision, snapshot.unreadable) });
  });
}
