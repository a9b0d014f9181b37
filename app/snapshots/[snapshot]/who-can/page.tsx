import { WhoCanAnswer } from "@/components/access-answer";
import { Examples, WHO_CAN_EXAMPLES } from "@/components/access-examples";
import { isBlank, parseRequest, whoCanFields, type SearchParams } from "@/components/access-params";
import { ErrorNote } from "@/components/access-request";
import { snapshotHref } from "@/components/links";
import { WhoCanForm } from "@/components/request-form";
import { PageHeader } from "@/components/ui";
import { compiledSnapshot, whoCanAnswer } from "@/lib/query/compiled-cache";
import { listSort } from "@/components/list-controls";
import type { ListSort } from "@/lib/store";
import { listNamespaces } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";

export const metadata = { title: "Who can" };

export default async function WhoCanPage({ params, searchParams }: { params: Promise<{ snapshot: string }>; searchParams: Promise<SearchParams> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const search = await searchParams;
  const fields = whoCanFields(search);
  const pageText = Array.isArray(search.page) ? search.page[0] : search.page;
  const page = Math.max(1, Number.parseInt(pageText ?? "1", 10) || 1);
  const sort = listSort(search);
  const href = (n: number, order: ListSort | undefined) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(search)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) if (!["page", "sort", "dir"].includes(k)) q.append(k, x);
    if (order) q.set("sort", order.column);
    if (order?.direction === "desc") q.set("dir", "desc");
    if (n > 1) q.set("page", String(n));
    return `${action}?${q.toString()}`;
  };
  const action = snapshotHref(snapshot.id, "who-can");
  // "all namespaces" asks across namespaces: the request itself then carries none
  const parsed = isBlank(fields) ? undefined : parseRequest(fields.allNamespaces ? { ...fields, namespace: "" } : fields);
  const compiled = parsed?.ok ? compiledSnapshot(db(), snapshot.id) : undefined;
  const result = parsed?.ok && compiled ? whoCanAnswer(compiled, parsed.value, fields.allNamespaces, sort) : undefined;
  return (
    <div className="space-y-6">
      <PageHeader title="Who can" subtitle="Every User, Group and ServiceAccount bound to a role that allows this request, with the bindings that grant it." />
      <WhoCanForm values={fields} namespaces={await listNamespaces(db(), snapshot.id)} action={action} />
      {parsed === undefined ? <Examples action={action} examples={WHO_CAN_EXAMPLES} /> : null}
      {parsed && !parsed.ok ? <ErrorNote message={parsed.message} /> : null}
      {result ? <WhoCanAnswer snapshot={snapshot.id} result={result} page={page} pageHref={(n) => href(n, sort)} sort={sort} sortHref={(order) => href(1, order)} /> : null}
    </div>
  );
}
