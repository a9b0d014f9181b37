import { identityFor, listRules } from "@/lib/rbac";
import { rulesJson } from "@/lib/query/present";
import { compiledFor, handle, identityParams } from "@/app/_data/api";

export const dynamic = "force-dynamic";

/** GET ?as=&group=...&exactGroups=&namespace= */
export function GET(request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    const query = new URL(request.url).searchParams;
    const who = identityParams(query);
    const namespace = query.get("namespace") ?? "";
    const { snapshot, compiled } = await compiledFor((await params).snapshot);
    const identity = identityFor(who.user, who.groups, { exactGroups: who.exactGroups });
    return Response.json({ snapshot: snapshot.id, ...rulesJson(identity, namespace, listRules(compiled.policy, identity, namespace), snapshot.unreadable) });
  });
}
