-- AlterTable
ALTER TABLE "KubeObject" ADD COLUMN "contentHash" TEXT;

-- CreateIndex
CREATE INDEX "KubeObject_snapshotId_kind_namespace_name_contentHash_idx" ON "KubeObject"("snapshotId", "kind", "namespace", "name", "contentHash");
