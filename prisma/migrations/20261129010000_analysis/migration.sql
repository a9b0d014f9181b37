-- CreateTable
CREATE TABLE "SnapshotAnalysis" (
    "snapshotId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "summaryJson" TEXT NOT NULL,
    "sinksJson" TEXT NOT NULL,
    "exposureJson" TEXT NOT NULL,
    "fixesJson" TEXT NOT NULL,
    "graphJson" TEXT NOT NULL,
    CONSTRAINT "SnapshotAnalysis_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

