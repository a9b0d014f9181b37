-- Clusters as first-class (issue 13): a snapshot belongs to a cluster; scheduled runs are recorded.
-- Snapshot gains columns with ALTER TABLE ADD COLUMN, not Prisma's usual table rebuild: the runner
-- applies a migration inside one transaction, where `PRAGMA foreign_keys=OFF` is a no-op, so
-- dropping the old Snapshot table would cascade-delete every row stored with every snapshot.

-- CreateTable
CREATE TABLE "Cluster" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "server" TEXT NOT NULL DEFAULT '',
    "caFingerprint" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SnapshotRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clusterId" INTEGER NOT NULL,
    "context" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "state" TEXT NOT NULL,
    "snapshotId" INTEGER,
    "error" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "SnapshotRun_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN "clusterId" INTEGER REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Snapshot" ADD COLUMN "riskAdminPrincipals" INTEGER;
ALTER TABLE "Snapshot" ADD COLUMN "riskCritical" INTEGER;
ALTER TABLE "Snapshot" ADD COLUMN "riskHigh" INTEGER;
ALTER TABLE "Snapshot" ADD COLUMN "riskMedium" INTEGER;
ALTER TABLE "Snapshot" ADD COLUMN "riskLow" INTEGER;
ALTER TABLE "Snapshot" ADD COLUMN "driftJson" TEXT;
ALTER TABLE "Snapshot" ADD COLUMN "incomplete" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Snapshot_clusterId_analysisState_idx" ON "Snapshot"("clusterId", "analysisState");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_identity_key" ON "Cluster"("identity");

-- CreateIndex
CREATE INDEX "SnapshotRun_clusterId_id_idx" ON "SnapshotRun"("clusterId", "id");

-- Backfill: every snapshot stored before clusters existed belongs to the cluster of its name (the
-- context name for live ingests, the file or --name for files, "demo" for the demo). A later live
-- ingest of that context adopts the cluster and records its server and CA fingerprint.
INSERT INTO "Cluster" ("name", "identity", "kind")
SELECT "name", 'name:' || "name", CASE WHEN MIN("source") = MAX("source") AND MIN("source") IN ('live', 'demo') THEN MIN("source") ELSE 'files' END
FROM "Snapshot" GROUP BY "name";
UPDATE "Snapshot" SET "clusterId" = (SELECT "id" FROM "Cluster" WHERE "Cluster"."identity" = 'name:' || "Snapshot"."name");
