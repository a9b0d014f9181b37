import { Badge, PageHeader, Td, TextLink } from "@/components/ui";
import { objectHref, snapshotHref, subjectHref } from "@/components/links";
import { listNamespaces, PAGE_SIZE, pagePodMounts } from "@/lib/store";
import { ListFilter, listHref, listQuery, Pager, SortableTable, type Column, type ListSearchParams } from "@/components/list-controls";
import { db, snapshotOr404 } from "@/app/_data/db";

const COLUMNS: readonly Column[] = [{ label: "Kind", sort: "kind" }, { label: "Namespace", sort: "namespace" }, { label: "Name", sort: "name" }, { label: "ServiceAccount", sort: "serviceAccount" }, { label: "Node", sort: "node" }, { label: "Token", sort: "token" }];

export const metadata = { title: "Pods" };

export default async function PodsPage({ params, searchParams }: { params: Promise<{ snapshot: string }>; searchParams: Promise<ListSearchParams> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const query = listQuery(await searchParams);
  const result = pagePodMounts(db(), snapshot.id, query);
  const mounts = result.items;
  const namespaces = await listNamespaces(db(), snapshot.id);
  return (
    <div>
      <PageHeader title="Pods and workloads" subtitle="Which ServiceAccount each pod and pod template runs as, where, and whether its token is mounted." />
      <ListFilter q={query.q} namespace={query.namespace} namespaces={namespaces} label="pods" sort={query.sort} />
      <SortableTable columns={COLUMNS} sort={query.sort} sortHref={(sort) => listHref(snapshotHref(snapshot.id, "pods"), { ...query, page: 1, sort })} caption="Pods and workloads">
        {mounts.map((m) => (
          <tr key={`${m.ownerKind}/${m.namespace}/${m.name}`}>
            <Td>{m.ownerKind}</Td>
            <Td>{m.namespace}</Td>
            <Td>
              <TextLink href={objectHref(snapshot.id, m.ownerKind, m.name, m.namespace)}>{m.name}</TextLink>
            </Td>
            <Td>
              <TextLink href={subjectHref(snapshot.id, "ServiceAccount", m.serviceAccount, m.namespace)}>{m.serviceAccount}</TextLink>
            </Td>
            <Td>{m.nodeName || "—"}</Td>
            <Td>{m.automount ? <Badge tone="warn">mounted</Badge> : <Badge tone="good">not mounted</Badge>}</Td>
          </tr>
        ))}
      </SortableTable>
      <Pager page={result} pageSize={PAGE_SIZE} basePath={snapshotHref(snapshot.id, "pods")} query={query} />
    </div>
  );
}
