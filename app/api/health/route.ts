import { countSnapshots } from "@/lib/store";
import { db } from "@/app/_data/db";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json({ ok: true, snapshots: await countSnapshots(db()) });
}
