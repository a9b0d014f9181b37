import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui";
import { YamlView } from "@/components/yaml-view";
import { KEPT_KINDS, type KeptKind } from "@/lib/cluster/objects";
import { findObject } from "@/lib/store";
import { db, snapshotOr404 } from "@/app/_data/db";

export default async function ObjectPage({ params }: { params: Promise<{ snapshot: string; kind: string; ref: string[] }> }) {
  const { snapshot: segment, kind, ref } = await params;
  if (!KEPT_KINDS.includes(kind as KeptKind)) notFound();
  const snapshot = await snapshotOr404(segment);
  const parts = ref.map((part) => decodeURIComponent(part));
  const [namespace, name] = parts.length === 2 ? [parts[0] ?? "", parts[1] ?? ""] : ["", parts[0] ?? ""];
  const stored = await findObject(db(), snapshot.id, kind as KeptKind, namespace, name);
  if (!stored) notFound();
  return (
    <div className="space-y-6">
      <PageHeader title={`${kind} ${namespace ? `${namespace}/` : ""}${name}`} subtitle={`from ${stored.originFile}, document ${stored.originIndex}`} />
      <Card title="YAML">
        <YamlView manifest={stored.manifest} />
      </Card>
    </div>
  );
}
