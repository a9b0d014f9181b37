import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { analyzeCluster, type AnalysisOptions } from "@/lib/analysis";
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "@/lib/rbac/objects";
// Submodules, not the index: `paths -f` reaches this file and must not load a database driver.
import { markAnalysisFailed, saveAnalysis } from "@/lib/store/analysis";
import { loadClusterObjects } from "@/lib/store/cluster";
import { listCritical } from "@/lib/store/critical";
import { projectRoot } from "@/lib/store/paths";
import type { RawDatabase } from "@/lib/store/raw-client";
import { loadTrustYaml } from "@/lib/store/trust";
import { parseTrustFile } from "@/lib/ingest/trust-file";
import type { TrustSpec } from "@/lib/analysis/trust";

/** The trust file saved with the database (dashboard), parsed; undefined when none. */
export function storedTrust(db: RawDatabase): TrustSpec | undefined {
  const yaml = loadTrustYaml(db);
  return yaml === undefined ? undefined : parseTrustFile(yaml, "stored trust file");
}

let bootstrapCache: AnalysisOptions["bootstrapPolicy"] | undefined;

/** Kubernetes' default roles as bundled (fixtures/k8s-bootstrap-policy), to spot modified defaults. */
export function bundledBootstrapPolicy(root = projectRoot()): NonNullable<AnalysisOptions["bootstrapPolicy"]> {
  if (bootstrapCache) return bootstrapCache;
  const directory = path.join(root, "fixtures", "k8s-bootstrap-policy");
  const clusterRoles: ClusterRole[] = [];
  const roles: Role[] = [];
  const clusterRoleBindings: ClusterRoleBinding[] = [];
  const roleBindings: RoleBinding[] = [];
  for (const file of fs.readdirSync(directory).filter((f) => f.endsWith(".yaml")).sort()) {
    const doc = parseYaml(fs.readFileSync(path.join(directory, file), "utf8")) as { items?: { kind?: string; rules?: unknown; subjects?: unknown }[] };
    for (const item of doc.items ?? []) {
      if (item.kind === "ClusterRole") clusterRoles.push({ ...item, rules: item.rules ?? [] } as unknown as ClusterRole);
      if (item.kind === "Role") roles.push({ ...item, rules: item.rules ?? [] } as unknown as Role);
      if (item.kind === "ClusterRoleBinding") clusterRoleBindings.push({ ...item, subjects: item.subjects ?? [] } as unknown as ClusterRoleBinding);
      if (item.kind === "RoleBinding") roleBindings.push({ ...item, subjects: item.subjects ?? [] } as unknown as RoleBinding);
    }
  }
  bootstrapCache = { clusterRoles, roles, clusterRoleBindings, roleBindings };
  return bootstrapCache;
}

/**
 * Runs the escalation analysis of a stored snapshot and stores its results with it. The crown jewels
 * users marked (stored once for all snapshots) are extra sinks.
 */
export function analyzeSnapshot(db: RawDatabase, snapshotId: number, options: AnalysisOptions = {}): { durationMs: number } {
  const started = performance.now();
  try {
    const cluster = loadClusterObjects(db, snapshotId);
    const trust = storedTrust(db);
    const result = analyzeCluster(cluster, { bootstrapPolicy: bundledBootstrapPolicy(), critical: listCritical(db), ...(trust ? { trust } : {}), ...options });
    const durationMs = performance.now() - started;
    saveAnalysis(db, snapshotId, result, durationMs);
    return { durationMs };
  } catch (error) {
    markAnalysisFailed(db, snapshotId);
    throw error;
  }
}
