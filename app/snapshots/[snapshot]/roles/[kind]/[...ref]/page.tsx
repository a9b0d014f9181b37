import { notFound } from "next/navigation";
import { Badge, Card, PageHeader, Table, Td, TextLink } from "@/components/ui";
import { bindingHref } from "@/components/links";
import { RuleTable } from "@/components/rule-table";
import { YamlView } from "@/components/yaml-view";
import type { AnyRole } from "@/lib/rbac/objects";
import { findObject, listBindings } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";
import { namespacedRef } from "@/app/_data/refs";

export default async function RolePage({ params }: { params: Promise<{ snapshot: string; kind: string; ref: string[] }> }) {
  const { snapshot: segment, kind, ref } = await params;
  if (kind !== "Role" && kind !== "ClusterRole") notFound();
  const snapshot = await snapshotOr404(segment);
  const { namespace, name } = namespacedRef(ref, kind === "Role");
  const stored = await findObject(db(), snapshot.id, kind, namespace, name);
  if (!stored) notFound();
  const role = stored.object as AnyRole;
  const bindings = listBindings(db(), snapshot.id, { roleKind: kind, roleName: name, roleNamespace: namespace });
  const aggregated = role.kind === "ClusterRole" && role.aggregationRule !== undefined;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${kind} ${namespace ? `${namespace}/` : ""}${name}`}
        subtitle={
          <span className="flex gap-2">
            {aggregated ? <Badge tone="info">aggregated</Badge> : null}
            {role.metadata.labels?.["kubernetes.io/bootstrapping"] === "rbac-defaults" ? <Badge>Kubernetes default</Badge> : null}
            <span>from {stored.originFile}, document {stored.originIndex}</span>
          </span>
        }
      />
      <Card title="Rules">
        <RuleTable caption="Rules" rows={role.rules.map((rule, index) => ({ rule, index }))} />
      </Card>
      <Card title={`Bound by (${bindings.length})`}>
        {bindings.length === 0 ? (
          <p className="text-sm text-slate-500">No binding references this role: it grants nothing today.</p>
        ) : (
          <Table head={["Binding", "Applies in"]} caption="Bindings of this role">
            {bindings.map((b) => (
              <tr key={`${b.kind}/${b.namespace}/${b.name}`}>
                <Td>
                  <TextLink href={bindingHref(snapshot.id, b.kind, b.name, b.namespace)}>
                    {b.kind} {b.namespace ? `${b.namespace}/` : ""}
                    {b.name}
                  </TextLink>
                </Td>
                <Td>{b.kind === "ClusterRoleBinding" ? "every namespace and cluster-scoped resources" : `namespace ${b.namespace} only`}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title="YAML">
        <YamlView manifest={stored.manifest} />
      </Card>
    </div>
  );
}
