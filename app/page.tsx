import { redirect } from "next/navigation";
import { EmptyState, PageHeader, TextLink } from "@/components/ui";
import { findSnapshot } from "@/lib/store";
import { db } from "./_data/db";

export const dynamic = "force-dynamic";

export default async function Home() {
  const latest = await findSnapshot(db(), "latest");
  if (latest) redirect(`/snapshots/${latest.id}`);
  return (
    <div>
      <PageHeader title="RBAC Atlas" subtitle="No snapshot yet." />
      <EmptyState>
        <TextLink href="/upload">Upload</TextLink> YAML or JSON dumps (<code>kubectl get … -o yaml</code>), or run{" "}
        <code>npm run -s cli -- ingest PATH</code>.
      </EmptyState>
    </div>
  );
}
