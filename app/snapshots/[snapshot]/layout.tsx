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
  return (
    <div>
      <p className="mb-2 text-xs uppercase tracking-wide text-slate-500">
        Snapshot {snapshot.id} · {snapshot.name}
      </p>
      {children}
    </div>
  );
}
