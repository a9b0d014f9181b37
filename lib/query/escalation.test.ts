import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseVertexRef, type VertexRef } from "@/lib/analysis";
import { importFiles } from "@/lib/pipeline/import-snapshot";
import { closeDatabase, openDatabase, type Database } from "@/lib/store";
import { analyzeFiles, clusterPaths, pathCausesInGraph, snapshotPathCauses, snapshotPaths } from "./escalation";
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

function analysisInMemory() {
  const parsed = parseSources([{ path: "c.yaml", content: CLUSTER }]);
  if (!parsed.ok) throw new Error("parse failed");
  return analyzeFiles(toClusterObjects(parsed.objects));
}

function inMemory(query: Parameters<typeof clusterPaths>[1]) {
  return clusterPaths(analysisInMemory(), query);
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

  it("give each stored path's hop causes as the graph has them, for paths stored as rows and paths answered on the graph", () => {
    const analysis = analysisInMemory();
    for (const query of [{ to: ref("ClusterAdmin") }, { from: ref("User/mallory"), to: ref("ServiceAccount/ops/janitor") }]) {
      const paths = snapshotPaths(db, snapshotId, query);
      expect(paths.length).toBeGreaterThan(0);
      const causes = snapshotPathCauses(db, snapshotId, paths);
      expect(causes).toEqual(paths.map((p) => pathCausesInGraph(analysis.graph, p)));
      // every hop here is enabled by a binding: the causes are read back as typed values, not text
      const types = causes.flatMap((perPath) => (perPath ?? []).flatMap((hop) => hop.map((c) => c.type)));
      expect(types.length).toBeGreaterThanOrEqual(paths.length);
      expect(new Set(types)).toEqual(new Set(["binding"]));
    }
  });
});
