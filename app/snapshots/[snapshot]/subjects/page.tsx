import { Badge, PageHeader, Table, Td, TextLink } from "@/components/ui";
import { subjectHref } from "@/components/links";
import { listSubjects } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";

export const metadata = { title: "Subjects" };

export default async function SubjectsPage({ params }: { params: Promise<{ snapshot: string }> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const subjects = listSubjects(db(), snapshot.id);
  return (
    <div>
      <PageHeader title="Subjects" subtitle="Every ServiceAccount, and every User, Group and ServiceAccount named in a binding." />
      <Table head={["Kind", "Namespace", "Name", "Bindings", ""]} caption="Subjects">
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
      </Table>
    </div>
  );
}
