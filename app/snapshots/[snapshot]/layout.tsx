import { AnalysisStateNotice } from "@/components/analysis-state";
import { snapshotOr404 } from "@/app/_data/db";

export const dynamic = "force-dynamic";

export default async function SnapshotLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ snapshot: string }>;
}) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const rbacObjects = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"].reduce((n, kind) => n + (snapshot.counts[kind] ?? 0), 0);
  return (
    <div>
      <p className="mb-2 text-xs uppercase tracking-wide text-slate-500">
        Snapshot {snapshot.id} · {snapshot.name}
      </p>
      <AnalysisStateNotice snapshot={snapshot.id} state={snapshot.analysisState} />
      {rbacObjects === 0 ? (
        <div role="alert" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <strong>This snapshot holds no RBAC objects</strong> (no Role, ClusterRole, RoleBinding or ClusterRoleBinding). Every answer below would say
          &quot;no&quot; and nothing looks risky — that is not a clean cluster, it is missing input. Dump the RBAC objects too (
          <code>kubectl get roles,clusterroles,rolebindings,clusterrolebindings -A -o yaml</code>) and upload again.
        </div>
      ) : null}
      {children}
    </div>
  );
}
