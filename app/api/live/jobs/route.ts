import { z } from "zod";
import { listContexts } from "@/lib/ingest/live";
import { startLiveJob } from "@/lib/pipeline/import-live";
import { db } from "@/app/_data/db";
import { isMediaType } from "@/lib/web/content-type";

export const dynamic = "force-dynamic";

/**
 * Starts ingesting one context of the server's own kubeconfig. The browser names a context and
 * nothing else: no URL, token or file, so this endpoint cannot be made to call arbitrary hosts.
 */
const Body = z.strictObject({
  context: z.string().min(1).max(253),
  noSecrets: z.boolean().optional(),
});

export async function POST(request: Request) {
  // Only JSON: a cross-site page cannot send that without a CORS preflight, which we never answer.
  if (!isMediaType(request.headers.get("content-type"), "application/json")) {
    return Response.json({ error: "expected Content-Type: application/json" }, { status: 415 });
  }
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return Response.json({ error: "expected a JSON body {\"context\": NAME}" }, { status: 400 });
  }
  const body = Body.safeParse(raw);
  if (!body.success) return Response.json({ error: "expected {\"context\": NAME, \"noSecrets\"?: boolean} and nothing else" }, { status: 422 });
  const known = listContexts();
  if (!known.ok) return Response.json({ error: known.message }, { status: 422 });
  if (!known.contexts.some((c) => c.name === body.data.context)) {
    return Response.json({ error: `no context "${body.data.context}" in the server's kubeconfig` }, { status: 422 });
  }
  const job = startLiveJob(db(), { context: body.data.context, noSecrets: body.data.noSecrets === true });
  return Response.json({ job }, { status: 202 });
}
