-- AlterTable
ALTER TABLE "Finding" ADD COLUMN "namespace" TEXT;
ALTER TABLE "Finding" ADD COLUMN "subject" TEXT;
ALTER TABLE "Finding" ADD COLUMN "trusted" INTEGER;

-- AlterTable
ALTER TABLE "RbacBinding" ADD COLUMN "subjectCount" INTEGER;

-- CreateTable
CREATE TABLE "SubjectSummary" (
    "snapshotId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "kindOrder" INTEGER NOT NULL,
    "bindingCount" INTEGER NOT NULL,
    "isObject" INTEGER NOT NULL,

    PRIMARY KEY ("snapshotId", "kind", "namespace", "name"),
    CONSTRAINT "SubjectSummary_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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


-- Backfill (hand-written; same in prisma/postgresql/migrations/20261203160000_page_summaries):
-- snapshots stored before these columns and this table get the values new ones are written with.
UPDATE "RbacBinding" SET "subjectCount" = (
    SELECT COUNT(*) FROM "BindingSubject" s
    WHERE s."snapshotId" = "RbacBinding"."snapshotId" AND s."bindingKind" = "RbacBinding"."kind" AND s."bindingNamespace" = "RbacBinding"."namespace" AND s."bindingName" = "RbacBinding"."name"
);

INSERT INTO "SubjectSummary" ("snapshotId", "kind", "namespace", "name", "kindOrder", "bindingCount", "isObject")
SELECT "snapshotId", "kind", "namespace", "name", CASE "kind" WHEN 'User' THEN 0 WHEN 'Group' THEN 1 ELSE 2 END, SUM("bindings"), MAX("isObject") FROM (
    SELECT "snapshotId", 'ServiceAccount' AS "kind", "namespace", "name", 0 AS "bindings", 1 AS "isObject" FROM "KubeObject" WHERE "kind" = 'ServiceAccount'
    UNION ALL
    SELECT "snapshotId", "kind", "namespace", "name", 1 AS "bindings", 0 AS "isObject" FROM "BindingSubject"
) AS "subjects" GROUP BY "snapshotId", "kind", "namespace", "name";

UPDATE "Finding" SET
    "namespace" = COALESCE(json_extract("detailJson", '$.objects[0].namespace'), ''),
    "subject" = COALESCE(json_extract("detailJson", '$.objects[0].name'), ''),
    "trusted" = COALESCE(json_extract("detailJson", '$.trusted'), 0);
