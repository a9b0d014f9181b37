import { Badge, PageHeader, Td, TextLink } from "@/components/ui";
import { snapshotHref, subjectHref } from "@/components/links";
import { listNamespaces, PAGE_SIZE, pageSubjects } from "@/lib/store";
import { ListFilter, listHref, listQuery, Pager, SortableTable, type Column, type ListSearchParams } from "@/components/list-controls";
import { db, snapshotOr404 } from "@/app/_data/db";

const COLUMNS: readonly Column[] = [{ label: "Kind", sort: "kind" }, { label: "Namespace", sort: "namespace" }, { label: "Name", sort: "name" }, { label: "Bindings", sort: "bindings" }, { label: "" }];

export const metadata = { title: "Subjects" };

export default async function SubjectsPage({ params, searchParams }: { params: Promise<{ snapshot: string }>; searchParams: Promise<ListSearchParams> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const query = listQuery(await searchParams);
  const result = pageSubjects(db(), snapshot.id, query);
  const subjects = result.items;
  const namespaces = await listNamespaces(db(), snapshot.id);
  return (
    <div>
      <PageHeader title="Subjects" subtitle="Every ServiceAccount, and every User, Group and ServiceAccount named in a binding." />
      <ListFilter q={query.q} namespace={query.namespace} namespaces={namespaces} label="subjects" sort={query.sort} />
      <SortableTable columns={COLUMNS} sort={query.sort} sortHref={(sort) => listHref(snapshotHref(snapshot.id, "subjects"), { ...query, page: 1, sort })} caption="Subjects">
        {subjects.map((s) => (
          <tr key={`${s.kind}/${s.namespace}/${s.name}`}>
            <Td>{s.kind}</Td>
            <Td>{s.namespace || "—"}</Td>
            <Td>
              <TextLink href={subjectHref(snapshot.id, s.kind, s.name, s.namespace)}>{s.name}</TextLink>
            </Td>
            <Td>{s.bindingCount}</Td>
            <Td>{s.exists ? null : <Badge tone="warn">not in snapshot</Badge>}</Td>
          </tr>
        ))}
      </SortableTable>
      <Pager page={result} pageSize={PAGE_SIZE} basePath={snapshotHref(snapshot.id, "subjects")} query={query} />
    </div>
  );
}
