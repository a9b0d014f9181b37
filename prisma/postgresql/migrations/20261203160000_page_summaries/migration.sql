-- AlterTable
ALTER TABLE "RbacBinding" ADD COLUMN     "subjectCount" INTEGER;

-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "namespace" TEXT,
ADD COLUMN     "subject" TEXT,
ADD COLUMN     "trusted" INTEGER;

-- CreateTable
CREATE TABLE "SubjectSummary" (
    "snapshotId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "kindOrder" INTEGER NOT NULL,
    "bindingCount" INTEGER NOT NULL,
    "isObject" INTEGER NOT NULL,

    CONSTRAINT "SubjectSummary_pkey" PRIMARY KEY ("snapshotId","kind","namespace","name")
);

-- CreateIndex
CREATE INDEX "SubjectSummary_snapshotId_kindOrder_namespace_name_idx" ON "SubjectSummary"("snapshotId", "kindOrder", "namespace", "name");

-- CreateIndex
CREATE INDEX "SubjectSummary_bindingCount_asc_idx" ON "SubjectSummary"("snapshotId", "bindingCount", "kindOrder", "namespace", "name");

-- CreateIndex
CREATE INDEX "SubjectSummary_bindingCount_desc_idx" ON "SubjectSummary"("snapshotId", "bindingCount" DESC, "kindOrder", "namespace", "name");

-- CreateIndex
CREATE INDEX "RbacBinding_subjectCount_asc_idx" ON "RbacBinding"("snapshotId", "subjectCount", "kind", "namespace", "name");

-- CreateIndex
CREATE INDEX "RbacBinding_subjectCount_desc_idx" ON "RbacBinding"("snapshotId", "subjectCount" DESC, "kind", "namespace", "name");

-- AddForeignKey
ALTER TABLE "SubjectSummary" ADD CONSTRAINT "SubjectSummary_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (hand-written; same in prisma/migrations/20261203160000_page_summaries):
-- snapshots stored before these columns and this table get the values new ones are written with.
UPDATE "RbacBinding" b SET "subjectCount" = (
    SELECT COUNT(*) FROM "BindingSubject" s
    WHERE s."snapshotId" = b."snapshotId" AND s."bindingKind" = b."kind" AND s."bindingNamespace" = b."namespace" AND s."bindingName" = b."name"
);

INSERT INTO "SubjectSummary" ("snapshotId", "kind", "namespace", "name", "kindOrder", "bindingCount", "isObject")
SELECT "snapshotId", "kind", "namespace", "name", CASE "kind" WHEN 'User' THEN 0 WHEN 'Group' THEN 1 ELSE 2 END, SUM("bindings"), MAX("isObject") FROM (
    SELECT "snapshotId", 'ServiceAccount' AS "kind", "namespace", "name", 0 AS "bindings", 1 AS "isObject" FROM "KubeObject" WHERE "kind" = 'ServiceAccount'
    UNION ALL
    SELECT "snapshotId", "kind", "namespace", "name", 1 AS "bindings", 0 AS "isObject" FROM "BindingSubject"
) AS "subjects" GROUP BY "snapshotId", "kind", "namespace", "name";

UPDATE "Finding" SET
    "namespace" = COALESCE(("detailJson"::jsonb) #>> '{objects,0,namespace}', ''),
    "subject" = COALESCE(("detailJson"::jsonb) #>> '{objects,0,name}', ''),
    "trusted" = CASE WHEN (("detailJson"::jsonb) -> 'trusted') = 'true'::jsonb THEN 1 ELSE 0 END;
