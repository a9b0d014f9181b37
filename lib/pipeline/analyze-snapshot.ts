import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { analyzeCluster, type AnalysisOptions } from "@/lib/analysis";
import type { ClusterRole, Role } from "@/lib/rbac/objects";
// Submodules, not the index: `paths -f` reaches this file and must not load a database driver.
import { markAnalysisFailed, saveAnalysis } from "@/lib/store/analysis";
import { loadClusterObjects } from "@/lib/store/cluster";
import { listCritical } from "@/lib/store/critical";
import { projectRoot } from "@/lib/store/paths";
import type { RawDatabase } from "@/lib/store/raw-client";

let bootstrapCache: AnalysisOptions["bootstrapPolicy"] | undefined;

/** Kubernetes' default roles as bundled (fixtures/k8s-bootstrap-policy), to spot modified defaults. */
export function bundledBootstrapPolicy(root = projectRoot()): NonNullable<AnalysisOptions["bootstrapPolicy"]> {
  if (bootstrapCache) return bootstrapCache;
  const directory = path.join(root, "fixtures", "k8s-bootstrap-policy");
  const clusterRoles: ClusterRole[] = [];
  const roles: Role[] = [];
  for (const file of fs.readdirSync(directory).filter((f) => f.endsWith("roles.yaml")).sort()) {
    const doc = parseYaml(fs.readFileSync(path.join(directory, file), "utf8")) as { items?: { kind?: string; rules?: unknown }[] };
    for (const item of doc.items ?? []) {
      const normalized = { ...item, rules: item.rules ?? [] };
      if (item.kind === "ClusterRole") clusterRoles.push(normalized as unknown as ClusterRole);
      if (item.kind === "Role") roles.push(normalized as unknown as Role);
    }
  }
  bootstrapCache = { clusterRoles, roles };
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
    const result = analyzeCluster(cluster, { bootstrapPolicy: bundledBootstrapPolicy(), critical: listCritical(db), ...options });
    const durationMs = performance.now() - started;
    saveAnalysis(db, snapshotId, result, durationMs);
    return { durationMs };
  } catch (error) {
    markAnalysisFailed(db, snapshotId);
    throw error;
  }
}
