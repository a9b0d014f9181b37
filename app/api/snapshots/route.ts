import { formatIssue, maxBytesFromEnv, type SourceFile } from "@/lib/ingest";
import { importFiles } from "@/lib/pipeline/import-snapshot";
import { listSnapshots } from "@/lib/store";
import { db } from "@/app/_data/db";
import { isMediaType } from "@/lib/web/content-type";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json({ snapshots: await listSnapshots(db()) });
}

/** Upload: multipart form with one or more `files` and an optional `name`. Nothing is stored unless every file is valid. */
export async function POST(request: Request) {
  if (!isMediaType(request.headers.get("content-type"), "multipart/form-data")) {
    return Response.json({ error: "expected a multipart/form-data body with files" }, { status: 415 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: "expected a multipart/form-data body with files" }, { status: 400 });
  }
  const uploads = form.getAll("files").filter((value): value is File => typeof value !== "string");
  if (uploads.length === 0) return Response.json({ error: "no files in the upload" }, { status: 400 });
  const maxBytes = maxBytesFromEnv();
  const total = uploads.reduce((sum, file) => sum + file.size, 0);
  if (total > maxBytes) {
    const big = uploads.find((file) => file.size > maxBytes)?.name ?? uploads.map((f) => f.name).join(", ");
    return Response.json(
      { error: "invalid input: nothing was stored", issues: [`${big}: input is ${total} bytes, over the ${maxBytes}-byte limit`] },
      { status: 413 },
    );
  }
  const files: SourceFile[] = await Promise.all(uploads.map(async (file) => ({ path: file.name, content: await file.text() })));
  const name = String(form.get("name") ?? "").trim() || (files.length === 1 ? (files[0]?.path ?? "upload") : `${files.length} files`);
  const result = await importFiles(db(), files, { name, source: "upload", maxBytes, origin: { files: files.map((f) => f.path) } });
  if (!result.ok) {
    return Response.json({ error: "invalid input: nothing was stored", issues: result.issues.map(formatIssue) }, { status: 422 });
  }
  return Response.json({ snapshot: result.snapshot }, { status: 201 });
}
