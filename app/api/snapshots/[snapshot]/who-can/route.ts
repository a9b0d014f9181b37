import { whoCan } from "@/lib/rbac";
import { whoCanJson } from "@/lib/query/present";
import { requestFromQuery } from "@/lib/query/request-params";
import { badRequest, compiledFor, handle } from "@/app/_data/api";

export const dynamic = "force-dynamic";

/** GET ?verb=&resource=|url=&name=&subresource=&apiGroup=&namespace=|allNamespaces=true */
export function GET(request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    const query = new URL(request.url).searchParams;
    const all = query.get("allNamespaces");
    if (all !== null && all !== "true" && all !== "false") badRequest('"allNamespaces" must be true or false');
    if (all === "true" && query.get("namespace")) badRequest('use either "namespace" or "allNamespaces", not both');
    const parsed = requestFromQuery(query);
    if (!parsed.ok) badRequest(parsed.message);
    const { snapshot, compiled } = await compiledFor((await params).snapshot);
    const result = whoCan(compiled.policy, parsed.request, { allNamespaces: all === "true", serviceAccounts: compiled.serviceAccounts });
    return Response.json({ snapshot: snapshot.id, ...whoCanJson(result, snapshot.unreadable) });
  });
}
