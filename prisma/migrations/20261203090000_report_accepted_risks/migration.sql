-- CreateTable
CREATE TABLE "AcceptedRisk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rule" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '*',
    "kind" TEXT NOT NULL DEFAULT '*',
    "name" TEXT NOT NULL DEFAULT '*',
    "reason" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expires" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_KubeObject" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "snapshotId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "uid" TEXT,
    "objectJson" TEXT NOT NULL,
    "manifestJson" TEXT NOT NULL,
    "originFile" TEXT NOT NULL,
    "originIndex" INTEGER NOT NULL,
    "originLine" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "KubeObject_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_KubeObject" ("id", "kind", "manifestJson", "name", "namespace", "objectJson", "originFile", "originIndex", "snapshotId", "uid") SELECT "id", "kind", "manifestJson", "name", "namespace", "objectJson", "originFile", "originIndex", "snapshotId", "uid" FROM "KubeObject";
DROP TABLE "KubeObject";
ALTER TABLE "new_KubeObject" RENAME TO "KubeObject";
CREATE INDEX "KubeObject_snapshotId_namespace_idx" ON "KubeObject"("snapshotId", "namespace");
CREATE UNIQUE INDEX "KubeObject_snapshotId_kind_namespace_name_key" ON "KubeObject"("snapshotId", "kind", "namespace", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AcceptedRisk_rule_namespace_kind_name_key" ON "AcceptedRisk"("rule", "namespace", "kind", "name");

