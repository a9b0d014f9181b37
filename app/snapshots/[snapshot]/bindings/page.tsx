import { PageHeader, Td, TextLink } from "@/components/ui";
import { bindingHref, roleHref, snapshotHref } from "@/components/links";
import { listNamespaces, PAGE_SIZE, pageBindings } from "@/lib/store";
import { ListFilter, listHref, listQuery, Pager, SortableTable, type Column, type ListSearchParams } from "@/components/list-controls";
import { db, snapshotOr404 } from "@/app/_data/db";

const COLUMNS: readonly Column[] = [{ label: "Kind", sort: "kind" }, { label: "Namespace", sort: "namespace" }, { label: "Name", sort: "name" }, { label: "Role", sort: "role" }, { label: "Subjects", sort: "subjects" }];

export const metadata = { title: "Bindings" };

export default async function BindingsPage({ params, searchParams }: { params: Promise<{ snapshot: string }>; searchParams: Promise<ListSearchParams> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const query = listQuery(await searchParams);
  const result = pageBindings(db(), snapshot.id, query);
  const bindings = result.items;
  const namespaces = await listNamespaces(db(), snapshot.id);
  return (
    <div>
      <PageHeader title="Bindings" subtitle={`${result.total.toLocaleString("en")} RoleBindings and ClusterRoleBindings${query.q || query.namespace !== undefined ? " match" : ""}`} />
      <ListFilter q={query.q} namespace={query.namespace} namespaces={namespaces} label="bindings" sort={query.sort} />
      <SortableTable columns={COLUMNS} sort={query.sort} sortHref={(sort) => listHref(snapshotHref(snapshot.id, "bindings"), { ...query, page: 1, sort })} caption="Bindings">
        {bindings.map((b) => (
          <tr key={`${b.kind}/${b.namespace}/${b.name}`}>
            <Td>{b.kind}</Td>
            <Td>{b.namespace || "—"}</Td>
            <Td>
              <TextLink href={bindingHref(snapshot.id, b.kind, b.name, b.namespace)}>{b.name}</TextLink>
            </Td>
            <Td>
              <TextLink href={roleHref(snapshot.id, b.roleKind, b.roleName, b.namespace)}>
                {b.roleKind}/{b.roleName}
              </TextLink>
            </Td>
            <Td>{b.subjectCount}</Td>
          </tr>
        ))}
      </SortableTable>
      <Pager page={result} pageSize={PAGE_SIZE} basePath={snapshotHref(snapshot.id, "bindings")} query={query} />
    </div>
  );
}
