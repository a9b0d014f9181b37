-- AlterTable
ALTER TABLE "KubeObject" ADD COLUMN "manifestChunk" INTEGER;
ALTER TABLE "KubeObject" ADD COLUMN "manifestSlot" INTEGER;

-- CreateTable
CREATE TABLE "ManifestChunk" (
    "snapshotId" INTEGER NOT NULL,
    "chunk" INTEGER NOT NULL,
    "manifests" BLOB NOT NULL,

    PRIMARY KEY ("snapshotId", "chunk"),
    CONSTRAINT "ManifestChunk_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

