import { Badge, PageHeader, Table, Td, TextLink } from "@/components/ui";
import { roleHref } from "@/components/links";
import { listRoles } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";

export const metadata = { title: "Roles" };

export default async function RolesPage({ params }: { params: Promise<{ snapshot: string }> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const roles = listRoles(db(), snapshot.id);
  return (
    <div>
      <PageHeader title="Roles" subtitle={`${roles.length} Roles and ClusterRoles`} />
      <Table head={["Kind", "Namespace", "Name", "Rules", "Bindings", ""]} caption="Roles">
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
      </Table>
    </div>
  );
}
