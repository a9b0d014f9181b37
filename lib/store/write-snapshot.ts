import { hash } from "node:crypto";
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "@/lib/rbac/objects";
import type { KeptKind, Pod, ServiceAccount, Workload } from "@/lib/cluster/objects";
import type { Database_ } from "./client";
import { looseName } from "@/lib/rbac/policy";
import { ManifestChunkWriter } from "./manifest-chunks";
import { writeSubjectSummary } from "./pages";
import { podMountRows } from "./pod-mounts";
import { refreshPlannerStatistics, timestampParam } from "./sql-handle";
import { withStorage } from "./storage-error";
import { resolveCluster, type ClusterRef } from "./clusters";

/** One kept object as ingest produces it (structurally the same as lib/ingest's ParsedObject). */
export interface StoredObject {
  readonly kind: KeptKind;
  readonly object: { readonly metadata: { readonly name: string; readonly namespace?: string; readonly uid?: string } };
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly origin: { readonly file: string; readonly documentIndex: number; readonly line?: number };
}

export type SnapshotSource = "files" | "upload" | "live" | "demo";

export interface NewSnapshot {
  readonly name: string;
  readonly source: SnapshotSource;
  readonly sha256: string;
  readonly inputBytes: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly skipped: readonly { readonly kind: string; readonly count: number }[];
  readonly warnings: readonly string[];
  /** Where it came from: file names, or server URL/context/version. Never credentials. */
  readonly origin: Readonly<Record<string, unknown>>;
  readonly unreadable?: readonly { readonly kind: string; readonly reason: string }[];
  /** The cluster it was read from; default: the cluster named like the snapshot (the demo's for the demo). */
  readonly cluster?: ClusterRef;
  readonly objects: readonly StoredObject[];
}

/** The cluster a snapshot belongs to when the ingest names none. */
export function defaultClusterRef(input: Pick<NewSnapshot, "name" | "source">): ClusterRef {
  return { kind: input.source === "demo" ? "demo" : "files", name: input.name };
}

const json = (value: unknown) => JSON.stringify(value);

/**
 * What KubeObject.contentHash holds for an object's stored JSON: equal hashes, equal objects (drift
 * compares these). One-shot `hash` costs a third of a Hash object per call (~0.4 s vs 1–3.5 s CPU for XL's 425k objects).
 */
export function contentHash(objectJson: string): string {
  return hash("sha256", objectJson, "base64");
}
const SNAPSHOT_TABLES = ["Snapshot", "KubeObject", "RbacRole", "RbacRule", "RbacBinding", "BindingSubject", "PodMount", "SubjectSummary"];
const list = (value: readonly string[] | undefined) => JSON.stringify(value ?? []);

/**
 * Writes a whole snapshot in one transaction: either every row lands or none does, so a failure
 * half-way (disk full, a bug) never leaves a partial snapshot next to the good ones.
 */
/**
 * The rows a snapshot's stored objects imply, written once all of them are in: each binding
 * subject's KubeObject id (one statement on either database — reading every insert's id back would
 * cost a PostgreSQL round trip per binding) and the subject summary the list pages read.
 */
export function writeDerivedRows(db: Pick<Database_, "raw">, snapshotId: number): void {
  db.raw
    .prepare(
      `UPDATE BindingSubject SET objectId = (SELECT o.id FROM KubeObject o WHERE o.snapshotId = BindingSubject.snapshotId AND o.kind = BindingSubject.bindingKind AND o.namespace = BindingSubject.bindingNamespace AND o.name = BindingSubject.bindingName) WHERE snapshotId = ?`,
    )
    .run(snapshotId);
  writeSubjectSummary(db, snapshotId);
}

export function writeSnapshot(db: Database_, input: NewSnapshot): number {
  const raw = db.raw;
  const insertSnapshot = raw.prepare(
    `INSERT INTO Snapshot (name, source, createdAt, sha256, inputBytes, countsJson, skippedJson, warningsJson, originJson, unreadableJson, analysisState, clusterId)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
  );
  const insertObject = raw.prepare(
    // uid is left NULL: objectJson holds it, nothing reads the column, and at 150k pods it was 16 MB.
    `INSERT INTO KubeObject (snapshotId, kind, namespace, name, objectJson, contentHash, manifestJson, originFile, originIndex, originLine, manifestChunk, manifestSlot) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
  );
  const insertRole = raw.prepare(
    `INSERT INTO RbacRole (snapshotId, kind, namespace, name, aggregated, defaultPolicy, ruleCount) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRule = raw.prepare(
    `INSERT INTO RbacRule (snapshotId, roleKind, roleNamespace, roleName, ruleIndex, verbs, apiGroups, resources, resourceNames, nonResourceURLs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertBinding = raw.prepare(
    `INSERT INTO RbacBinding (snapshotId, kind, namespace, name, roleKind, roleName, subjectCount) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSubject = raw.prepare(
    `INSERT INTO BindingSubject (snapshotId, bindingKind, bindingNamespace, bindingName, kind, name, namespace, looseName) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMount = raw.prepare(
    `INSERT INTO PodMount (snapshotId, ownerKind, namespace, name, serviceAccount, nodeName, automount, phase) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const write = raw.transaction((): number => {
    const clusterId = resolveCluster(raw, db.dialect, input.cluster ?? defaultClusterRef(input));
    const snapshotId = Number(
      insertSnapshot.run(
        input.name,
        input.source,
        timestampParam(db.dialect, Date.now()),
        input.sha256,
        input.inputBytes,
        json(input.counts),
        json(input.skipped),
        json(input.warnings),
        json(input.origin),
        json(input.unreadable ?? []),
        clusterId,
      ).lastInsertRowid,
    );
    const serviceAccounts = new Map<string, ServiceAccount>();
    for (const item of input.objects) {
      if (item.kind === "ServiceAccount") {
        const sa = item.object as ServiceAccount;
        serviceAccounts.set(`${sa.metadata.namespace}/${sa.metadata.name}`, sa);
      }
    }
    const manifests = new ManifestChunkWriter(raw, snapshotId);
    for (const item of input.objects) {
      const meta = item.object.metadata;
      const namespace = meta.namespace ?? "";
      const place = manifests.add(json(item.manifest));
      const objectJson = json(item.object);
      insertObject.run(
        snapshotId,
        item.kind,
        namespace,
        meta.name,
        objectJson,
        contentHash(objectJson),
        item.origin.file,
        item.origin.documentIndex,
        item.origin.line ?? 0,
        place.chunk,
        place.slot,
      );
      switch (item.kind) {
        case "Role":
        case "ClusterRole": {
          const role = item.object as Role | ClusterRole;
          const aggregated = role.kind === "ClusterRole" && role.aggregationRule !== undefined;
          const isDefault = role.metadata.labels?.["kubernetes.io/bootstrapping"] === "rbac-defaults";
          insertRole.run(snapshotId, item.kind, namespace, meta.name, aggregated ? 1 : 0, isDefault ? 1 : 0, role.rules.length);
          role.rules.forEach((rule, index) =>
            insertRule.run(
              snapshotId,
              item.kind,
              namespace,
              meta.name,
              index,
              list(rule.verbs),
              list(rule.apiGroups),
              list(rule.resources),
              list(rule.resourceNames),
              list(rule.nonResourceURLs),
            ),
          );
          break;
        }
        case "RoleBinding":
        case "ClusterRoleBinding": {
          const binding = item.object as RoleBinding | ClusterRoleBinding;
          // one BindingSubject row per subject below, so the count is theirs
          insertBinding.run(snapshotId, item.kind, namespace, meta.name, binding.roleRef.kind, binding.roleRef.name, binding.subjects.length);
          for (const subject of binding.subjects) {
            // A ServiceAccount subject without namespace means the binding's own namespace (RoleBindings only).
            const subjectNamespace =
              subject.kind === "ServiceAccount" ? (subject.namespace ?? (item.kind === "RoleBinding" ? namespace : "")) : "";
            insertSubject.run(snapshotId, item.kind, namespace, meta.name, subject.kind, subject.name, subjectNamespace, looseName(subject.name ?? ""));
          }
          break;
        }
        case "Pod":
        case "Deployment":
        case "DaemonSet":
        case "StatefulSet":
        case "ReplicaSet":
        case "Job":
        case "CronJob":
        case "ReplicationController": {
          const row = podMountRows(item.object as Pod | Workload, serviceAccounts);
          insertMount.run(snapshotId, item.kind, namespace, meta.name, row.serviceAccount, row.nodeName, row.automount ? 1 : 0, row.phase);
          break;
        }
        default:
          break;
      }
    }
    manifests.flush();
    writeDerivedRows(db, snapshotId);
    return snapshotId;
  });
  return withStorage(db.file, () => {
    const id = write();
    refreshPlannerStatistics(db, SNAPSHOT_TABLES);
    return id;
  });
}
