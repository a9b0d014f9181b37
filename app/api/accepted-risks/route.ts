import { acceptanceSchema, formatAcceptances, parseAcceptances } from "@/lib/report/accept";
import { deleteAcceptedRisk, listAcceptedRisks, replaceAcceptedRisks, saveAcceptedRisk } from "@/lib/store";
import { ApiError, badRequest, handle } from "@/app/_data/api";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

/** GET: accepted risks as JSON, or `?format=yaml` as the file `scan --accept` reads. */
export function GET(request: Request) {
  return handle(async () => {
    const risks = listAcceptedRisks(db());
    if (new URL(request.url).searchParams.get("format") === "yaml") {
      return new Response(formatAcceptances(risks), {
        headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": 'attachment; filename="rbac-atlas-accepted-risks.yaml"' },
      });
    }
    return Response.json({ acceptedRisks: risks });
  });
}

async function jsonBody(request: Request): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) throw new ApiError(415, "send JSON");
  return request.json().catch(() => badRequest("the body is not valid JSON"));
}

/** POST: add (or replace, same rule and pattern) one accepted risk: {rule, namespace, kind, name, reason, owner, expires}. */
export function POST(request: Request) {
  return handle(async () => {
    const parsed = acceptanceSchema.safeParse(await jsonBody(request));
    if (!parsed.success) throw new ApiError(422, parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
    saveAcceptedRisk(db(), parsed.data);
    return Response.json({ acceptedRisks: listAcceptedRisks(db()) }, { status: 201 });
  });
}

/** PUT: replace every accepted risk with a YAML file's (import). */
export function PUT(request: Request) {
  return handle(async () => {
    const parsed = parseAcceptances(await request.text(), "upload");
    if (!parsed.ok) throw new ApiError(422, parsed.errors.join("; "));
    replaceAcceptedRisks(db(), parsed.acceptances);
    return Response.json({ acceptedRisks: listAcceptedRisks(db()) });
  });
}

/** DELETE: {rule, namespace, kind, name}. */
export function DELETE(request: Request) {
  return handle(async () => {
    const body = (await jsonBody(request)) as Record<string, unknown>;
    const key = { rule: body.rule, namespace: body.namespace ?? "*", kind: body.kind ?? "*", name: body.name ?? "*" };
    if (![key.rule, key.namespace, key.kind, key.name].every((v) => typeof v === "string")) badRequest("rule, namespace, kind and name must be strings");
    const removed = deleteAcceptedRisk(db(), key as { rule: string; namespace: string; kind: string; name: string });
    if (!removed) throw new ApiError(404, "no such accepted risk");
    return Response.json({ acceptedRisks: listAcceptedRisks(db()) });
  });
}
