import { notFound } from "next/navigation";
import { AccessMatrixTable, RuleListTable } from "@/components/access-matrix";
import { param, type SearchParams } from "@/components/access-params";
import { bindingsApplyingTo, isSubjectKind, NamespacePicker, SubjectBindingsTable, subjectPageLinks } from "@/components/access-subject";
import { SubjectPods } from "@/components/access-pods";
import { graphHref, snapshotHref, subjectHref } from "@/components/links";
import { NotInSnapshot } from "@/components/not-in-snapshot";
import { missingFromSnapshot } from "@/lib/query/nearest";
import { subjectIdentity, subjectRisk } from "@/lib/query/effective-access";
import { RiskBadge, SUBJECT_PATHS_SHOWN, SubjectPathsCard } from "@/components/escalation-note";
import { hopCausesByPath } from "@/lib/query/escalation";
import { Badge, Card, EmptyState, PageHeader, TextLink } from "@/components/ui";
import { accessMatrix, listRules } from "@/lib/rbac";
import { compiledSnapshot } from "@/lib/query/compiled-cache";
import { listNamespaces, listPodMounts } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";
import { namespacedRef, objectPageMetadata } from "@/app/_data/refs";

export const generateMetadata = ({ params }: { params: Promise<{ kind: string; ref: string[] }> }) => objectPageMetadata(params);

export default async function SubjectPage(props: { params: Promise<{ snapshot: string; kind: string; ref: string[] }>; searchParams: Promise<SearchParams> }) {
  const { snapshot: segment, kind, ref } = await props.params;
  if (!isSubjectKind(kind)) notFound();
  const snapshot = await snapshotOr404(segment);
  const { namespace, name } = namespacedRef(ref, kind === "ServiceAccount");
  const query = await props.searchParams;
  const ns = param(query, "ns");
  const allRows = param(query, "matrix") === "all";
  const { policy } = compiledSnapshot(db(), snapshot.id);
  // The analysis' identity for the subject (one definition): the page and its paths agree.
  const identity = subjectIdentity(db(), snapshot.id, { kind, namespace: namespace || null, name });
  const bindings = bindingsApplyingTo(policy, identity);
  const namespaces = [...new Set([...(await listNamespaces(db(), snapshot.id)), ...bindings.flatMap((b) => (b.entry.scope ? [b.entry.scope] : []))])].sort();
  const rules = listRules(policy, identity, ns);
  const where = ns === "" ? "cluster-wide (ClusterRoleBindings only)" : `in namespace ${ns}`;
  const self = subjectPageLinks(snapshot.id, kind, name, namespace);
  const presence = missingFromSnapshot(db(), snapshot.id, { kind, namespace, name });
  const risk = subjectRisk(db(), snapshot.id, { kind, namespace: namespace || null, name });
  const pathCauses = hopCausesByPath(db(), snapshot.id, risk.paths.slice(0, SUBJECT_PATHS_SHOWN), { fromGraph: false });
  return (
    <div className="space-y-6">
      {presence.missing ? (
        <NotInSnapshot
          what={`${kind} ${namespace ? `${namespace}/` : ""}${name}`}
          nearest={presence.nearest.map((n) => ({ label: `${n.kind} ${n.namespace ? `${n.namespace}/` : ""}${n.name}`, href: subjectHref(snapshot.id, n.kind, n.name, n.namespace) }))}
        />
      ) : null}
      <PageHeader
        title={`${kind} ${namespace ? `${namespace}/` : ""}${name}`}
        subtitle={
          <>
            <RiskBadge level={risk.level} /> As the authorizer sees it: user <code>{kind === "Group" ? "(any member)" : identity.user}</code>{" "}
            {identity.groups.map((g) => (
              <Badge key={g}>{g}</Badge>
            ))}
          </>
        }
        actions={
          <span className="flex gap-4">
            <TextLink href={graphHref(snapshot.id, self.ref, { pathTo: "ClusterAdmin" })}>Show in graph →</TextLink>
            <TextLink href={snapshotHref(snapshot.id, `escalations?from=${encodeURIComponent(self.ref)}`)}>Escalation paths from here →</TextLink>
          </span>
        }
      />
      <SubjectPathsCard snapshot={snapshot.id} paths={risk.paths} causesOf={(p) => pathCauses.get(p)} />
      <Card title={`Bindings that apply (${bindings.length})`}>
        {bindings.length === 0 ? <EmptyState>No binding names this subject or any of its groups.</EmptyState> : <SubjectBindingsTable snapshot={snapshot.id} bindings={bindings} />}
      </Card>
      <section aria-label="Access" className="space-y-4 rounded-xl border border-slate-200 bg-slate-100/60 p-5">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <h2 className="text-lg font-semibold text-slate-900">What it can do {where}</h2>
          <NamespacePicker action={self.href} namespaces={namespaces} value={ns} allRows={allRows} />
        </div>
        <Card title="Access matrix">
          <AccessMatrixTable matrix={accessMatrix(policy, identity, ns)} caption="Access matrix" showAll={allRows} toggleHref={self.with(ns, !allRows)} />
        </Card>
        <Card title={`Effective rules (${rules.length})`}>
          {rules.length === 0 ? <EmptyState>No rule applies {where}.</EmptyState> : <RuleListTable snapshot={snapshot.id} entries={rules} caption="Effective rules" />}
        </Card>
      </section>
      {kind === "ServiceAccount" ? <SubjectPods snapshot={snapshot.id} mounts={listPodMounts(db(), snapshot.id, { namespace, serviceAccount: name })} /> : null}
    </div>
  );
}
