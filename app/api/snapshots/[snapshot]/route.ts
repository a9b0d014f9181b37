import { deleteSnapshot } from "@/lib/store";
import { handle, snapshotFor } from "@/app/_data/api";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

/** GET: the snapshot's summary. */
export function GET(_request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => Response.json({ snapshot: await snapshotFor((await params).snapshot) }));
}

/** DELETE: the snapshot and everything stored with it (one cascade). */
export function DELETE(_request: Request, { params }: { params: Promise<{ snapshot: string }> }) {
  return handle(async () => {
    const snapshot = await snapshotFor((await params).snapshot);
    await deleteSnapshot(db(), snapshot.id);
    return new Response(null, { status: 204 });
  });
}
