import { WhatIfForm } from "@/components/whatif-form";
import { Card, PageHeader } from "@/components/ui";
import { snapshotOr404 } from "@/app/_data/db";

export const metadata = { title: "What if" };

export default async function WhatIfPage({ params }: { params: Promise<{ snapshot: string }> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  return (
    <div className="space-y-6">
      <PageHeader title="What if" subtitle="Paste a change — a pull request that adds a RoleBinding, say — and see the escalation paths and findings it would open or close. The snapshot itself is not changed." />
      <Card title="Proposed change">
        <WhatIfForm snapshot={snapshot.id} />
      </Card>
    </div>
  );
}
