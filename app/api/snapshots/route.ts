import { formatIssue, maxBytesFromEnv } from "@/lib/ingest";
import { importUploadOffThread } from "@/lib/pipeline/import-offthread";
import { listSnapshots, reanalyzeCommand } from "@/lib/store";
import { db } from "@/app/_data/db";
import { handle } from "@/app/_data/api";
import { isMediaType } from "@/lib/web/content-type";

export const dynamic = "force-dynamic";

/** Multipart framing around the files (boundaries, part headers, the name field). */
const MULTIPART_SLACK = 1024 * 1024;

export async function GET() {
  return Response.json({ snapshots: await listSnapshots(db()) });
}

/** Upload: multipart form with one or more `files` and an optional `name`. Nothing is stored unless every file is valid. */
export function POST(request: Request) {
  return handle(() => upload(request));
}

async function upload(request: Request): Promise<Response> {
  if (!isMediaType(request.headers.get("content-type"), "multipart/form-data")) {
    return Response.json({ error: "expected a multipart/form-data body with files" }, { status: 415 });
  }
  const maxBytes = maxBytesFromEnv();
  // Refused before reading: a body over the limit would be cut short by the proxy's buffer anyway.
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes + MULTIPART_SLACK) {
    return Response.json({ error: "invalid input: nothing was stored", issues: [`upload: ${declared} bytes, over the ${maxBytes}-byte limit`] }, { status: 413 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: "expected a multipart/form-data body with files" }, { status: 400 });
  }
  const uploads = form.getAll("files").filter((value): value is File => typeof value !== "string");
  if (uploads.length === 0) return Response.json({ error: "no files in the upload" }, { status: 400 });
  const total = uploads.reduce((sum, file) => sum + file.size, 0);
  if (total > maxBytes) {
    const big = uploads.find((file) => file.size > maxBytes)?.name ?? uploads.map((f) => f.name).join(", ");
    return Response.json(
      { error: "invalid input: nothing was stored", issues: [`${big}: input is ${total} bytes, over the ${maxBytes}-byte limit`] },
      { status: 413 },
    );
  }
  const files = await Promise.all(uploads.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
  const name = String(form.get("name") ?? "").trim() || (files.length === 1 ? (files[0]?.name ?? "upload") : `${files.length} files`);
  // Parsed, stored and analysed in a child process, one ingest at a time per database: the server
  // keeps answering meanwhile (GET /api/ingests shows the line).
  const result = await importUploadOffThread(db().file, files, { name, source: "upload", maxBytes });
  switch (result.kind) {
    case "invalid": {
      const tooLarge = result.issues.some((i) => i.code === "TOO_LARGE" || i.code === "LIMIT");
      return Response.json({ error: "invalid input: nothing was stored", issues: result.issues.map(formatIssue) }, { status: tooLarge ? 413 : 422 });
    }
    case "storage":
      return Response.json({ error: result.message, problem: result.problem }, { status: result.problem === "DISK_FULL" ? 507 : 503 });
    case "crashed":
      return Response.json({ error: `the ingest failed: ${result.message}; nothing new is answered from it` }, { status: 500 });
    case "stored":
      return Response.json(
        { snapshot: result.snapshot, ...(result.analysisError !== undefined && { analysisError: result.analysisError, rerun: reanalyzeCommand(result.snapshot.id) }) },
        { status: 201 },
      );
  }
}
