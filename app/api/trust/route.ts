import { analyzeSnapshot } from "@/lib/pipeline/analyze-snapshot";
import { parseTrustFile, TrustFileError } from "@/lib/ingest/trust-file";
import { loadTrustYaml, saveTrustYaml } from "@/lib/store";
import { ApiError, badRequest, handle, snapshotFor } from "@/app/_data/api";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

/** GET: the trust file kept with the database (v2 §2.9): `{ yaml }` ("" when none). */
export function GET() {
  return handle(async () => Response.json({ yaml: loadTrustYaml(db()) ?? "" }));
}

/**
 * PUT `{ yaml, snapshot? }`: validates and saves the trust file ("" removes it); the given snapshot
 * is analysed again so its pages reflect it at once. Bad YAML or references: 400, nothing saved.
 */
export function PUT(request: Request) {
  return handle(async () => {
    if (!(request.headers.get("content-type") ?? "").includes("application/json")) throw new ApiError(415, 'send JSON: {"yaml": "trust:\\n  add: [...]", "snapshot": 3}');
    const body = (await request.json().catch(() => undefined)) as { yaml?: unknown; snapshot?: unknown } | undefined;
    if (typeof body?.yaml !== "string") badRequest('"yaml" is required (the trust file text; "" removes it)');
    if (body.yaml.trim() !== "") {
      try {
        parseTrustFile(body.yaml, "trust file");
      } catch (error) {
        if (error instanceof TrustFileError) badRequest(error.message);
        throw error;
      }
    }
    saveTrustYaml(db(), body.yaml);
    let reanalyzed: number | undefined;
    if (body.snapshot !== undefined) {
      const snapshot = await snapshotFor(String(body.snapshot));
      analyzeSnapshot(db(), snapshot.id);
      reanalyzed = snapshot.id;
    }
    return Response.json({ yaml: loadTrustYaml(db()) ?? "", reanalyzed });
  });
}
