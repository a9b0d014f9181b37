import { redirect } from "next/navigation";
import { EmptyState, PageHeader, TextLink } from "@/components/ui";
import { countSnapshots, findSnapshot, listClusterOverview } from "@/lib/store";
import { db } from "./_data/db";

export const dynamic = "force-dynamic";

export default async function Home() {
  // A team watching several clusters starts from all of them; one cluster opens its newest snapshot.
  if (listClusterOverview(db()).filter((c) => c.snapshot !== null).length > 1) redirect("/clusters");
  const latest = await findSnapshot(db(), "latest");
  if (latest) redirect(`/snapshots/${latest.id}`);
  // Snapshots exist but none is analysed: the list shows their state and how to finish them.
  if ((await countSnapshots(db())) > 0) redirect("/snapshots");
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
