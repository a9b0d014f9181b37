-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN     "clusterId" INTEGER,
ADD COLUMN     "driftJson" TEXT,
ADD COLUMN     "incomplete" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "riskAdminPrincipals" INTEGER,
ADD COLUMN     "riskCritical" INTEGER,
ADD COLUMN     "riskHigh" INTEGER,
ADD COLUMN     "riskLow" INTEGER,
ADD COLUMN     "riskMedium" INTEGER;

-- AlterTable
ALTER TABLE "KubeObject" ADD COLUMN     "manifestChunk" INTEGER,
ADD COLUMN     "manifestSlot" INTEGER;

-- CreateTable
CREATE TABLE "Cluster" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "server" TEXT NOT NULL DEFAULT '',
    "caFingerprint" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SnapshotRun" (
    "id" SERIAL NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "context" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "state" TEXT NOT NULL,
    "snapshotId" INTEGER,
    "error" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SnapshotRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ManifestChunk" (
    "snapshotId" INTEGER NOT NULL,
    "chunk" INTEGER NOT NULL,
    "manifests" BYTEA NOT NULL,

    CONSTRAINT "ManifestChunk_pkey" PRIMARY KEY ("snapshotId","chunk")
);

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_identity_key" ON "Cluster"("identity");

-- CreateIndex
CREATE INDEX "SnapshotRun_clusterId_id_idx" ON "SnapshotRun"("clusterId", "id");

-- CreateIndex
CREATE INDEX "Snapshot_clusterId_analysisState_idx" ON "Snapshot"("clusterId", "analysisState");

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SnapshotRun" ADD CONSTRAINT "SnapshotRun_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ManifestChunk" ADD CONSTRAINT "ManifestChunk_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill (as in the SQLite migration 20261203120000_clusters): every snapshot stored before clusters
-- existed belongs to the cluster of its name.
INSERT INTO "Cluster" ("name", "identity", "kind")
SELECT "name", 'name:' || "name", CASE WHEN MIN("source") = MAX("source") AND MIN("source") IN ('live', 'demo') THEN MIN("source") ELSE 'files' END
FROM "Snapshot" GROUP BY "name";
UPDATE "Snapshot" SET "clusterId" = (SELECT "id" FROM "Cluster" WHERE "Cluster"."identity" = 'name:' || "Snapshot"."name");
