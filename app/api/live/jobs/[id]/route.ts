import { getLiveJob } from "@/lib/pipeline/import-live";

export const dynamic = "force-dynamic";

/** A live ingest's progress (per kind: listed/total, elapsed), then its snapshot id or its failure. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const job = getLiveJob((await params).id);
  if (!job) return Response.json({ error: "no such job (jobs live in the server's memory and end with it)" }, { status: 404 });
  return Response.json({ job });
}
