import { Badge, EmptyState, PageHeader, Table, Td, TextLink } from "@/components/ui";
import { DeleteSnapshotButton } from "@/components/delete-snapshot-button";
import { AnalysisStateBadge } from "@/components/analysis-state";
import { clusterHref } from "@/components/links";
import { listSnapshots } from "@/lib/store";
import { db } from "../_data/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "Snapshots" };

export default async function SnapshotsPage() {
  const snapshots = await listSnapshots(db());
  return (
    <div>
      <PageHeader title="Snapshots" subtitle="Every ingest is kept side by side." actions={<TextLink href="/upload">Upload files</TextLink>} />
      {snapshots.length === 0 ? (
        <EmptyState>No snapshots yet.</EmptyState>
      ) : (
        <Table head={["ID", "Cluster", "Name", "Source", "Created", "Objects", "Analysis", ""]} caption="Snapshots">
          {snapshots.map((s) => (
            <tr key={s.id}>
              <Td>{s.id}</Td>
              <Td>{s.cluster ? <TextLink href={clusterHref(s.cluster)}>{s.cluster}</TextLink> : null}</Td>
              <Td>
                <TextLink href={`/snapshots/${s.id}`}>{s.name}</TextLink>
              </Td>
              <Td>
                <Badge tone="info">{s.source}</Badge>
              </Td>
              <Td>{new Date(s.createdAt).toUTCString()}</Td>
              <Td>{Object.values(s.counts).reduce((a, b) => a + b, 0).toLocaleString("en")}</Td>
              <Td>
                <AnalysisStateBadge state={s.analysisState} />
              </Td>
              <Td>
                <DeleteSnapshotButton id={s.id} name={s.name} />
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
