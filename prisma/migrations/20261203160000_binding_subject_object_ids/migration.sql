-- DropIndex
DROP INDEX "BindingSubject_snapshotId_looseName_idx";

-- DropIndex
DROP INDEX "BindingSubject_snapshotId_kind_namespace_name_idx";

-- AlterTable
ALTER TABLE "BindingSubject" ADD COLUMN "objectId" INTEGER;

-- Backfill (hand-written): each subject row points at its binding's KubeObject row.
UPDATE "BindingSubject" SET "objectId" = (
  SELECT o."id" FROM "KubeObject" o
  WHERE o."snapshotId" = "BindingSubject"."snapshotId" AND o."kind" = "BindingSubject"."bindingKind"
    AND o."namespace" = "BindingSubject"."bindingNamespace" AND o."name" = "BindingSubject"."bindingName"
);

-- CreateIndex
CREATE INDEX "BindingSubject_snapshotId_kind_namespace_name_objectId_idx" ON "BindingSubject"("snapshotId", "kind", "namespace", "name", "objectId");

-- CreateIndex
CREATE INDEX "BindingSubject_snapshotId_looseName_bindingKind_bindingNamespace_objectId_idx" ON "BindingSubject"("snapshotId", "looseName", "bindingKind", "bindingNamespace", "objectId");
