import { PageHeader, Table, Td, TextLink } from "@/components/ui";
import { bindingHref, roleHref, snapshotHref } from "@/components/links";
import { listNamespaces, PAGE_SIZE, pageBindings } from "@/lib/store";
import { ListFilter, listQuery, Pager, type ListSearchParams } from "@/components/list-controls";
import { db, snapshotOr404 } from "@/app/_data/db";

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
      <ListFilter q={query.q} namespace={query.namespace} namespaces={namespaces} label="bindings" />
      <Table head={["Kind", "Namespace", "Name", "Role", "Subjects"]} caption="Bindings">
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
      </Table>
      <Pager page={result} pageSize={PAGE_SIZE} basePath={snapshotHref(snapshot.id, "bindings")} query={query} />
    </div>
  );
}
