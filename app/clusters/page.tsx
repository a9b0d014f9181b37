import { EmptyState, PageHeader, TextLink } from "@/components/ui";
import { ClusterTable } from "@/components/clusters/cluster-table";
import { clusterOverview } from "@/lib/query/clusters";
import { db } from "../_data/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "Clusters" };

export default async function ClustersPage() {
  const clusters = clusterOverview(db());
  const failing = clusters.filter((c) => c.lastRun !== null && c.lastRun.state !== "ok").length;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Clusters"
        subtitle={
          <>
            {clusters.length.toLocaleString("en")} cluster{clusters.length === 1 ? "" : "s"}, highest risk first (paths to cluster admin, then Critical and High findings of each
            cluster&apos;s newest analysed snapshot; control plane excluded).
            {failing > 0 ? ` ${failing} whose last scheduled run failed or is partial: their default is the last good snapshot.` : ""}
          </>
        }
        actions={<TextLink href="/snapshots">All snapshots</TextLink>}
      />
      {clusters.length === 0 ? (
        <EmptyState>
          No cluster yet. <TextLink href="/upload">Upload</TextLink> dumps, <TextLink href="/connect">connect</TextLink> a cluster, or schedule snapshots with{" "}
          <code>rbac-atlas serve --every 1h --context a,b,c</code>.
        </EmptyState>
      ) : (
        <ClusterTable clusters={clusters} />
      )}
    </div>
  );
}
