-- CreateTable
CREATE TABLE "EscalationVertex" (
    "snapshotId" INTEGER NOT NULL,
    "vertex" INTEGER NOT NULL,
    "ref" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "owner" INTEGER NOT NULL,
    "outCount" INTEGER NOT NULL,
    "inCount" INTEGER NOT NULL,
    "hopsJson" TEXT NOT NULL,

    CONSTRAINT "EscalationVertex_pkey" PRIMARY KEY ("snapshotId","vertex")
);

-- CreateIndex
CREATE INDEX "EscalationVertex_snapshotId_ref_idx" ON "EscalationVertex"("snapshotId", "ref");

-- CreateIndex
CREATE INDEX "BindingSubject_subject_bindings_idx" ON "BindingSubject"("kind", "namespace", "name", "snapshotId", "bindingKind", "bindingNamespace", "bindingName");

-- AddForeignKey
ALTER TABLE "EscalationVertex" ADD CONSTRAINT "EscalationVertex_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

