-- CreateTable
CREATE TABLE "Snapshot" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sha256" TEXT NOT NULL,
    "inputBytes" INTEGER NOT NULL DEFAULT 0,
    "countsJson" TEXT NOT NULL,
    "skippedJson" TEXT NOT NULL,
    "warningsJson" TEXT NOT NULL,
    "originJson" TEXT NOT NULL DEFAULT '{}',
    "unreadableJson" TEXT NOT NULL DEFAULT '[]',
    "analysisState" TEXT NOT NULL DEFAULT 'pending',

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KubeObject" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "KubeObject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RbacRole" (
    "id" SERIAL NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "aggregated" BOOLEAN NOT NULL DEFAULT false,
    "defaultPolicy" BOOLEAN NOT NULL DEFAULT false,
    "ruleCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RbacRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RbacRule" (
    "id" SERIAL NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "roleKind" TEXT NOT NULL,
    "roleNamespace" TEXT NOT NULL DEFAULT '',
    "roleName" TEXT NOT NULL,
    "ruleIndex" INTEGER NOT NULL,
    "verbs" TEXT NOT NULL,
    "apiGroups" TEXT NOT NULL,
    "resources" TEXT NOT NULL,
    "resourceNames" TEXT NOT NULL,
    "nonResourceURLs" TEXT NOT NULL,

    CONSTRAINT "RbacRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RbacBinding" (
    "id" SERIAL NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "roleKind" TEXT NOT NULL,
    "roleName" TEXT NOT NULL,

    CONSTRAINT "RbacBinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BindingSubject" (
    "id" SERIAL NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "bindingKind" TEXT NOT NULL,
    "bindingNamespace" TEXT NOT NULL DEFAULT '',
    "bindingName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '',
    "looseName" TEXT,

    CONSTRAINT "BindingSubject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PodMount" (
    "id" SERIAL NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "ownerKind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "serviceAccount" TEXT NOT NULL,
    "nodeName" TEXT NOT NULL DEFAULT '',
    "automount" BOOLEAN NOT NULL,
    "phase" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "PodMount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" SERIAL NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "findingId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detailJson" TEXT NOT NULL,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationPath" (
    "id" SERIAL NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "fromRef" TEXT NOT NULL,
    "toRef" TEXT NOT NULL,
    "hopCount" INTEGER NOT NULL,
    "pathJson" TEXT NOT NULL,

    CONSTRAINT "EscalationPath_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SnapshotAnalysis" (
    "snapshotId" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "summaryJson" TEXT NOT NULL,
    "sinksJson" TEXT NOT NULL,
    "exposureJson" TEXT NOT NULL,
    "fixesJson" TEXT NOT NULL,
    "graphJson" TEXT NOT NULL,

    CONSTRAINT "SnapshotAnalysis_pkey" PRIMARY KEY ("snapshotId")
);

-- CreateTable
CREATE TABLE "CriticalObject" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CriticalObject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AcceptedRisk" (
    "id" SERIAL NOT NULL,
    "rule" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '*',
    "kind" TEXT NOT NULL DEFAULT '*',
    "name" TEXT NOT NULL DEFAULT '*',
    "reason" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expires" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AcceptedRisk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrustFile" (
    "id" INTEGER NOT NULL,
    "yaml" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrustFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KubeObject_snapshotId_namespace_idx" ON "KubeObject"("snapshotId", "namespace");

-- CreateIndex
CREATE UNIQUE INDEX "KubeObject_snapshotId_kind_namespace_name_key" ON "KubeObject"("snapshotId", "kind", "namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "RbacRole_snapshotId_kind_namespace_name_key" ON "RbacRole"("snapshotId", "kind", "namespace", "name");

-- CreateIndex
CREATE INDEX "RbacRule_snapshotId_roleKind_roleNamespace_roleName_idx" ON "RbacRule"("snapshotId", "roleKind", "roleNamespace", "roleName");

-- CreateIndex
CREATE INDEX "RbacBinding_snapshotId_roleKind_roleName_idx" ON "RbacBinding"("snapshotId", "roleKind", "roleName");

-- CreateIndex
CREATE UNIQUE INDEX "RbacBinding_snapshotId_kind_namespace_name_key" ON "RbacBinding"("snapshotId", "kind", "namespace", "name");

-- CreateIndex
CREATE INDEX "BindingSubject_snapshotId_kind_namespace_name_idx" ON "BindingSubject"("snapshotId", "kind", "namespace", "name");

-- CreateIndex
CREATE INDEX "BindingSubject_snapshotId_bindingKind_bindingNamespace_bind_idx" ON "BindingSubject"("snapshotId", "bindingKind", "bindingNamespace", "bindingName");

-- CreateIndex
CREATE INDEX "BindingSubject_snapshotId_looseName_idx" ON "BindingSubject"("snapshotId", "looseName");

-- CreateIndex
CREATE INDEX "PodMount_snapshotId_namespace_serviceAccount_idx" ON "PodMount"("snapshotId", "namespace", "serviceAccount");

-- CreateIndex
CREATE INDEX "PodMount_snapshotId_nodeName_idx" ON "PodMount"("snapshotId", "nodeName");

-- CreateIndex
CREATE INDEX "Finding_snapshotId_severity_idx" ON "Finding"("snapshotId", "severity");

-- CreateIndex
CREATE INDEX "Finding_snapshotId_rule_idx" ON "Finding"("snapshotId", "rule");

-- CreateIndex
CREATE INDEX "EscalationPath_snapshotId_fromRef_idx" ON "EscalationPath"("snapshotId", "fromRef");

-- CreateIndex
CREATE INDEX "EscalationPath_snapshotId_toRef_idx" ON "EscalationPath"("snapshotId", "toRef");

-- CreateIndex
CREATE UNIQUE INDEX "CriticalObject_kind_namespace_name_key" ON "CriticalObject"("kind", "namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "AcceptedRisk_rule_namespace_kind_name_key" ON "AcceptedRisk"("rule", "namespace", "kind", "name");

-- AddForeignKey
ALTER TABLE "KubeObject" ADD CONSTRAINT "KubeObject_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RbacRole" ADD CONSTRAINT "RbacRole_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RbacRule" ADD CONSTRAINT "RbacRule_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RbacBinding" ADD CONSTRAINT "RbacBinding_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BindingSubject" ADD CONSTRAINT "BindingSubject_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PodMount" ADD CONSTRAINT "PodMount_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationPath" ADD CONSTRAINT "EscalationPath_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SnapshotAnalysis" ADD CONSTRAINT "SnapshotAnalysis_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

