/** Pods and workloads that run as a ServiceAccount: who holds its token. */
import type { PodMountItem } from "@/lib/store";
import { objectHref } from "./links";
import { Badge, Card, Table, Td, TextLink } from "./ui";

export function SubjectPods({ snapshot, mounts }: { snapshot: number | string; mounts: readonly PodMountItem[] }) {
  return (
    <Card title={`Pods and workloads running as it (${mounts.length})`}>
      {mounts.length === 0 ? (
        <p className="text-sm text-slate-500">No pod or workload in the snapshot runs as this ServiceAccount.</p>
      ) : (
        <Table head={["Kind", "Name", "Node", "Token"]} caption="Pods and workloads running as this ServiceAccount">
          {mounts.map((m) => (
            <tr key={`${m.ownerKind}/${m.name}`}>
              <Td>{m.ownerKind}</Td>
              <Td>
                <TextLink href={objectHref(snapshot, m.ownerKind, m.name, m.namespace)}>{m.name}</TextLink>
              </Td>
              <Td>{m.nodeName || "—"}</Td>
              <Td>{m.automount ? <Badge tone="warn">mounted</Badge> : <Badge tone="good">not mounted</Badge>}</Td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
