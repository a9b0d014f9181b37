import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseVertexRef, type VertexRef } from "@/lib/analysis";
import { importFiles } from "@/lib/pipeline/import-snapshot";
import { closeDatabase, openDatabase, type Database } from "@/lib/store";
import { analyzeFiles, clusterPaths, snapshotPaths } from "./escalation";
import { parseSources, toClusterObjects } from "@/lib/ingest";

const CLUSTER = `
apiVersion: v1
kind: Namespace
metadata: { name: ops }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: janitor, namespace: ops }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: everything }
rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: janitor-admin }
subjects: [{ kind: ServiceAccount, name: janitor, namespace: ops }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: pod-maker }
rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: everyone-makes-pods, namespace: ops }
subjects: [{ kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-maker }
`;

const ref = (text: string): VertexRef => {
  const parsed = parseVertexRef(text);
  if (!parsed.success) throw new Error(parsed.error);
  return parsed.data;
};

let db: Database;
let snapshotId: number;
beforeAll(async () => {
  db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-esc-")), "e.db"));
  const result = await importFiles(db, [{ path: "c.yaml", content: CLUSTER }], { name: "c", source: "files" });
  if (!result.ok) throw new Error("import failed");
  snapshotId = result.snapshot.id;
});
afterAll(async () => closeDatabase(db));

function inMemory(query: Parameters<typeof clusterPaths>[1]) {
  const parsed = parseSources([{ path: "c.yaml", content: CLUSTER }]);
  if (!parsed.ok) throw new Error("parse failed");
  return clusterPaths(analyzeFiles(toClusterObjects(parsed.objects)), query);
}

describe("escalation queries", () => {
  it("answer the same from the stored snapshot (rows and graph) as from files", () => {
    for (const query of [{ to: ref("ClusterAdmin") }, { from: ref("Group/system:authenticated") }, { from: ref("ServiceAccount/ops/janitor"), to: ref("ClusterAdmin") }]) {
      expect(snapshotPaths(db, snapshotId, query)).toEqual(inMemory(query));
    }
  });

  it("give a User no binding names the paths of its implicit group, from the user", () => {
    const paths = snapshotPaths(db, snapshotId, { from: ref("User/mallory"), to: ref("ClusterAdmin") });
    expect(paths).toHaveLength(1);
    expect(paths[0]?.from).toEqual({ kind: "User", name: "mallory", namespace: null });
    expect(paths[0]?.hops.map((h) => [h.technique, h.via])).toEqual([
      ["POD_CREATE_TOKEN_THEFT", "RoleBinding/ops/everyone-makes-pods"],
      ["CLUSTER_ADMIN_EQUIVALENT", "ClusterRoleBinding/janitor-admin"],
    ]);
    expect(inMemory({ from: ref("User/mallory"), to: ref("ClusterAdmin") })).toEqual(paths);
  });

  it("give anonymous nothing when only authenticated users are granted", () => {
    expect(snapshotPaths(db, snapshotId, { from: ref("User/system:anonymous"), to: ref("ClusterAdmin") })).toEqual([]);
  });
});
