import { listContexts } from "@/lib/ingest/live";

export const dynamic = "force-dynamic";

/** The contexts of the kubeconfig this server was started with ($KUBECONFIG or ~/.kube/config). Names and URLs only. */
export async function GET() {
  return Response.json(listContexts());
}
