-- AlterTable
ALTER TABLE "BindingSubject" ADD COLUMN "looseName" TEXT;

-- CreateIndex
CREATE INDEX "BindingSubject_snapshotId_looseName_idx" ON "BindingSubject"("snapshotId", "looseName");

