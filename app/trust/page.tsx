import { TrustEditor } from "@/components/trust-editor";
import { Card, PageHeader } from "@/components/ui";
import { findSnapshot, loadTrustYaml } from "@/lib/store";
import { db } from "@/app/_data/db";

export const metadata = { title: "Trust file" };
export const dynamic = "force-dynamic";

export default async function TrustPage() {
  const latest = await findSnapshot(db(), "latest");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Trusted control plane"
        subtitle="Principals whose power is by design (Kubernetes' controllers, node kubelets, system:masters, and whoever you add) are left out of headline counts and fix sets; protected causes are never proposed as fixes."
      />
      <Card title="Trust file">
        <p className="mb-3 text-sm text-slate-600">
          <code>add</code> and <code>remove</code> take principals (<code>ServiceAccount/ns/name</code>, <code>User/name</code>, <code>Group/name</code>; never
          system:authenticated or system:serviceaccounts); <code>protect</code> takes bindings and Pods/workloads whose removal must never be proposed. The same file
          works on the command line: <code>rbac-atlas paths --trust FILE</code>.
        </p>
        <TrustEditor initial={loadTrustYaml(db()) ?? ""} snapshot={latest?.id} />
      </Card>
    </div>
  );
}
