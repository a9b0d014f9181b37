import { PageHeader, Table, Td, TextLink } from "@/components/ui";
import { bindingHref, roleHref } from "@/components/links";
import { listBindings } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";

export const metadata = { title: "Bindings" };

export default async function BindingsPage({ params }: { params: Promise<{ snapshot: string }> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const bindings = listBindings(db(), snapshot.id);
  return (
    <div>
      <PageHeader title="Bindings" subtitle={`${bindings.length} RoleBindings and ClusterRoleBindings`} />
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
    </div>
  );
}
