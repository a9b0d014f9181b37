-- AlterTable
ALTER TABLE "KubeObject" ADD COLUMN     "contentHash" TEXT;

-- CreateIndex
CREATE INDEX "KubeObject_snapshotId_kind_namespace_name_contentHash_idx" ON "KubeObject"("snapshotId", "kind", "namespace", "name", "contentHash");


-- Backfill (hand-written): the hash ingest writes (lib/store/write-snapshot.ts contentHash: SHA-256
-- of objectJson's UTF-8, base64). SQLite has no SHA-256 in SQL: its older rows stay NULL and drift
-- compares those by their JSON.
UPDATE "KubeObject" SET "contentHash" = encode(sha256(convert_to("objectJson", 'UTF8')), 'base64') WHERE "contentHash" IS NULL;
