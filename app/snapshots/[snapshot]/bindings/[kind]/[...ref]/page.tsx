import { notFound } from "next/navigation";
import { Badge, Card, PageHeader, Table, Td, TextLink } from "@/components/ui";
import { graphHref } from "@/components/links";
import { objectPageMetadata } from "@/app/_data/refs";

export const generateMetadata = ({ params }: { params: Promise<{ kind: string; ref: string[] }> }) => objectPageMetadata(params);
import { roleHref, subjectHref } from "@/components/links";
import { YamlView } from "@/components/yaml-view";
import type { Binding } from "@/lib/rbac/objects";
import { findObject } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";
import { namespacedRef } from "@/app/_data/refs";

export default async function BindingPage({ params }: { params: Promise<{ snapshot: string; kind: string; ref: string[] }> }) {
  const { snapshot: segment, kind, ref } = await params;
  if (kind !== "RoleBinding" && kind !== "ClusterRoleBinding") notFound();
  const snapshot = await snapshotOr404(segment);
  const { namespace, name } = namespacedRef(ref, kind === "RoleBinding");
  const stored = await findObject(db(), snapshot.id, kind, namespace, name);
  if (!stored) notFound();
  const binding = stored.object as Binding;
  const roleNamespace = binding.roleRef.kind === "Role" ? namespace : "";
  const role = await findObject(db(), snapshot.id, binding.roleRef.kind, roleNamespace, binding.roleRef.name);
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${kind} ${namespace ? `${namespace}/` : ""}${name}`}
        subtitle={kind === "ClusterRoleBinding" ? "Applies cluster-wide." : `Applies in namespace ${namespace} only.`}
        actions={<TextLink href={graphHref(snapshot.id, `${kind}/${namespace ? `${namespace}/` : ""}${name}`)}>Show in graph →</TextLink>}
      />
      <Card title="Role">
        <p className="text-sm">
          <TextLink href={roleHref(snapshot.id, binding.roleRef.kind, binding.roleRef.name, roleNamespace)}>
            {binding.roleRef.kind} {roleNamespace ? `${roleNamespace}/` : ""}
            {binding.roleRef.name}
          </TextLink>{" "}
          {role ? null : <Badge tone="bad">missing: this binding grants nothing</Badge>}
          {kind === "ClusterRoleBinding" && binding.roleRef.kind === "Role" ? (
            <Badge tone="bad">a ClusterRoleBinding cannot reference a Role: grants nothing</Badge>
          ) : null}
        </p>
      </Card>
      <Card title={`Subjects (${binding.subjects.length})`}>
        <Table head={["Kind", "Namespace", "Name"]} caption="Subjects">
          {binding.subjects.map((s, i) => {
            const ns = s.kind === "ServiceAccount" ? (s.namespace ?? (kind === "RoleBinding" ? namespace : "")) : "";
            return (
              <tr key={i}>
                <Td>{s.kind}</Td>
                <Td>{ns || "—"}</Td>
                <Td>
                  <TextLink href={subjectHref(snapshot.id, s.kind, s.name, ns)}>{s.name}</TextLink>
                </Td>
              </tr>
            );
          })}
        </Table>
      </Card>
      <Card title="YAML">
        <YamlView manifest={stored.manifest} />
      </Card>
    </div>
  );
}
