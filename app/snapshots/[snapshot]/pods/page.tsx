import { Badge, PageHeader, Table, Td, TextLink } from "@/components/ui";
import { objectHref, subjectHref } from "@/components/links";
import { listPodMounts } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";

export const metadata = { title: "Pods" };

export default async function PodsPage({ params }: { params: Promise<{ snapshot: string }> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const mounts = listPodMounts(db(), snapshot.id);
  return (
    <div>
      <PageHeader title="Pods and workloads" subtitle="Which ServiceAccount each pod and pod template runs as, where, and whether its token is mounted." />
      <Table head={["Kind", "Namespace", "Name", "ServiceAccount", "Node", "Token"]} caption="Pods and workloads">
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
      </Table>
    </div>
  );
}
