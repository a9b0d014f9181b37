import { notFound } from "next/navigation";
import { Badge, Card, PageHeader, TextLink } from "@/components/ui";
import { graphHref, roleHref } from "@/components/links";
import { objectPageMetadata } from "@/app/_data/refs";

export const generateMetadata = ({ params }: { params: Promise<{ kind: string; ref: string[] }> }) => objectPageMetadata(params);
import { RuleTable } from "@/components/rule-table";
import { YamlView } from "@/components/yaml-view";
import type { AnyRole } from "@/lib/rbac/objects";
import { aggregatedInto, bindingsOfRole, effectiveRuleRows, RoleHoldersCard } from "@/components/access-holders";
import { compiledSnapshot } from "@/lib/query/compiled-cache";
import { findObject } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";
import { namespacedRef } from "@/app/_data/refs";

export default async function RolePage({
  params,
  searchParams,
}: {
  params: Promise<{ snapshot: string; kind: string; ref: string[] }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const { snapshot: segment, kind, ref } = await params;
  const pageText = (await searchParams).page;
  const page = Math.max(1, Number.parseInt((Array.isArray(pageText) ? pageText[0] : pageText) ?? "1", 10) || 1);
  if (kind !== "Role" && kind !== "ClusterRole") notFound();
  const snapshot = await snapshotOr404(segment);
  const { namespace, name } = namespacedRef(ref, kind === "Role");
  const stored = await findObject(db(), snapshot.id, kind, namespace, name);
  if (!stored) notFound();
  const role = stored.object as AnyRole;
  const { policy } = compiledSnapshot(db(), snapshot.id);
  const bindings = bindingsOfRole(policy, kind === "Role" ? { kind, name, namespace } : { kind, name });
  const into = kind === "ClusterRole" ? aggregatedInto(policy, name) : [];
  const aggregated = role.kind === "ClusterRole" && role.aggregationRule !== undefined && role.aggregationRule !== null;
  const rulesCard = (
    <Card title={aggregated ? "Rules as dumped" : "Rules"}>
      {(role.rules ?? []).length === 0 ? (
        <p className="text-sm text-slate-500">No rules in the object{aggregated ? " (rules: null): the aggregation above fills them in" : ""}.</p>
      ) : (
        <RuleTable caption={aggregated ? "Rules as dumped" : "Rules"} rows={(role.rules ?? []).map((rule, index) => ({ rule, index }))} />
      )}
    </Card>
  );
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${kind} ${namespace ? `${namespace}/` : ""}${name}`}
        actions={<TextLink href={graphHref(snapshot.id, `${kind}/${namespace ? `${namespace}/` : ""}${name}`)}>Show in graph →</TextLink>}
        subtitle={
          <span className="flex gap-2">
            {aggregated ? <Badge tone="info">aggregated</Badge> : null}
            {role.metadata.labels?.["kubernetes.io/bootstrapping"] === "rbac-defaults" ? <Badge>Kubernetes default</Badge> : null}
            <span>from {stored.originFile}, document {stored.originIndex}</span>
          </span>
        }
      />
      {aggregated ? (
        <Card title="Effective rules (aggregated)">
          <p className="mb-3 text-sm text-slate-600">
            What the authorizer uses: the rules of every ClusterRole its selectors match, recomputed from the snapshot (the dumped rules below may be stale).
          </p>
          <RuleTable caption="Effective rules" rows={effectiveRuleRows(policy, snapshot.id, name)} />
        </Card>
      ) : null}
      {aggregated ? null : rulesCard}
      <RoleHoldersCard snapshot={snapshot.id} bindings={bindings} aggregatedInto={into} page={page} pageHref={(n) => `${roleHref(snapshot.id, kind, name, namespace)}${n > 1 ? `?page=${n}` : ""}`} />
      {aggregated ? rulesCard : null}
      <Card title="YAML">
        <YamlView manifest={stored.manifest} />
      </Card>
    </div>
  );
}
