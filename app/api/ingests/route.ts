import { listIngests } from "@/lib/pipeline/ingest-queue";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

/** GET → {"ingests": [...]}: uploads of this server waiting (with their place in line), running or just finished. */
export function GET() {
  return Response.json({ ingests: listIngests(db().file) });
}
