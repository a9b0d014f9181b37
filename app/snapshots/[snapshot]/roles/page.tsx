import { Badge, PageHeader, Td, TextLink } from "@/components/ui";
import { roleHref, snapshotHref } from "@/components/links";
import { listNamespaces, PAGE_SIZE, pageRoles } from "@/lib/store";
import { ListFilter, listHref, listQuery, Pager, SortableTable, type Column, type ListSearchParams } from "@/components/list-controls";
import { db, snapshotOr404 } from "@/app/_data/db";

const COLUMNS: readonly Column[] = [{ label: "Kind", sort: "kind" }, { label: "Namespace", sort: "namespace" }, { label: "Name", sort: "name" }, { label: "Rules", sort: "rules" }, { label: "Bindings", sort: "bindings" }, { label: "" }];

export const metadata = { title: "Roles" };

export default async function RolesPage({ params, searchParams }: { params: Promise<{ snapshot: string }>; searchParams: Promise<ListSearchParams> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const query = listQuery(await searchParams);
  const result = pageRoles(db(), snapshot.id, query);
  const roles = result.items;
  const namespaces = await listNamespaces(db(), snapshot.id);
  return (
    <div>
      <PageHeader title="Roles" subtitle={`${result.total.toLocaleString("en")} Roles and ClusterRoles${query.q || query.namespace !== undefined ? " match" : ""}`} />
      <ListFilter q={query.q} namespace={query.namespace} namespaces={namespaces} label="roles" sort={query.sort} />
      <SortableTable columns={COLUMNS} sort={query.sort} sortHref={(sort) => listHref(snapshotHref(snapshot.id, "roles"), { ...query, page: 1, sort })} caption="Roles">
        {roles.map((r) => (
          <tr key={`${r.kind}/${r.namespace}/${r.name}`}>
            <Td>{r.kind}</Td>
            <Td>{r.namespace || "—"}</Td>
            <Td>
              <TextLink href={roleHref(snapshot.id, r.kind, r.name, r.namespace)}>{r.name}</TextLink>
            </Td>
            <Td>{r.aggregated ? "aggregated" : r.ruleCount}</Td>
            <Td>{r.bindingCount}</Td>
            <Td>
              <span className="flex gap-1">
                {r.defaultPolicy ? <Badge>default</Badge> : null}
                {r.bindingCount === 0 ? <Badge tone="warn">unused</Badge> : null}
              </span>
            </Td>
          </tr>
        ))}
      </SortableTable>
      <Pager page={result} pageSize={PAGE_SIZE} basePath={snapshotHref(snapshot.id, "roles")} query={query} />
    </div>
  );
}
