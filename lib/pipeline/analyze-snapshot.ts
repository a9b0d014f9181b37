import { createHash } from "node:crypto";
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
import { storeDriftSummary } from "@/lib/store/clusters";
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
  const clusterRoles: ClusterRole[] = [];
  const roles: Role[] = [];
  const clusterRoleBindings: ClusterRoleBinding[] = [];
  const roleBindings: RoleBinding[] = [];
  for (const doc of bootstrapPolicyDocuments(root)) {
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

type BootstrapDocument = { items?: { kind?: string; rules?: unknown; subjects?: unknown }[] };

/**
 * The policy YAML, parsed. Parsing its ~90 kB costs ~0.4 s in a cold process — a quarter of a
 * `scan`'s wall time — so the parsed form is kept as JSON in generated/, keyed by the files' SHA-256
 * (a changed fixture is parsed again). The cache is an optimisation only: unreadable or unwritable,
 * the YAML is parsed as before.
 */
function bootstrapPolicyDocuments(root: string): BootstrapDocument[] {
  const directory = path.join(root, "fixtures", "k8s-bootstrap-policy");
  const files = fs.readdirSync(directory).filter((f) => f.endsWith(".yaml")).sort();
  const sources = files.map((f) => fs.readFileSync(path.join(directory, f), "utf8"));
  const hash = createHash("sha256");
  for (const [i, f] of files.entries()) hash.update(`${f}\0${sources[i]}\0`);
  const key = hash.digest("hex");
  const cacheFile = path.join(root, "generated", "bootstrap-policy.json");
  try {
    const cached = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { key?: unknown; documents?: unknown };
    if (cached.key === key && Array.isArray(cached.documents)) return cached.documents as BootstrapDocument[];
  } catch {
    // No cache yet (or a torn one): parse below.
  }
  const documents = sources.map((source) => parseYaml(source) as BootstrapDocument);
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify({ key, documents }));
    fs.renameSync(temp, cacheFile);
  } catch {
    // A read-only install: parse the YAML every time.
  }
  return documents;
}

/**
 * Runs the escalation analysis of a stored snapshot and stores its results with it. The crown jewels
 * users marked (stored once for all snapshots) are extra sinks.
 */
export function analyzeSnapshot(db: RawDatabase, snapshotId: number, options: AnalysisOptions = {}): { durationMs: number } {
  const started = performance.now();
  let durationMs: number;
  try {
    const cluster = loadClusterObjects(db, snapshotId);
    const trust = storedTrust(db);
    const result = analyzeCluster(cluster, { bootstrapPolicy: bundledBootstrapPolicy(), critical: listCritical(db), ...(trust ? { trust } : {}), ...options });
    durationMs = performance.now() - started;
    saveAnalysis(db, snapshotId, result, durationMs);
  } catch (error) {
    markAnalysisFailed(db, snapshotId);
    throw error;
  }
  // The cluster history's drift column: what changed since that cluster's previous analysed snapshot.
  storeDriftSummary(db, snapshotId);
  return { durationMs };
}
