/**
 * Which cluster to read and how: a kubeconfig (explicit file, $KUBECONFIG, ~/.kube/config) and a
 * context, or the pod's ServiceAccount (in-cluster). Loading goes through @kubernetes/client-node,
 * so every auth method it knows (tokens, client certificates, exec plugins, OIDC) works.
 *
 * Unlike `KubeConfig.loadFromDefault()`, nothing here falls back to http://localhost:8080 or to
 * in-cluster credentials when no kubeconfig exists: that would silently read another cluster.
 */

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { X509Certificate } from "node:crypto";
import { KubeConfig, type Cluster } from "@kubernetes/client-node";
import { liveFailure, type LiveFailure, type Target } from "./failure";

export interface ConnectOptions {
  /** A kubeconfig file; default $KUBECONFIG (a path list) or ~/.kube/config. */
  readonly kubeconfig?: string;
  /** A context of that kubeconfig; default its current-context. */
  readonly context?: string;
  /** Use the pod's ServiceAccount token and CA (KUBERNETES_SERVICE_HOST/PORT). */
  readonly inCluster?: boolean;
  /** Where /var/run/secrets/kubernetes.io/serviceaccount is looked up (tests); default "/". */
  readonly inClusterRoot?: string;
}

export interface LoadedConfig extends Target {
  readonly kubeConfig: KubeConfig;
  /** SHA-256 fingerprint of the cluster's CA certificate ("" when none is configured or it is unreadable). */
  readonly caFingerprint: string;
}

/**
 * What identifies a cluster besides its URL: the CA that signs its API server's certificate (two
 * contexts of one cluster share it; a cluster rebuilt behind the same URL does not). Public data.
 */
export function caFingerprintOf(cluster: Pick<Cluster, "caData" | "caFile">): string {
  try {
    const pem = cluster.caData !== undefined ? Buffer.from(cluster.caData, "base64") : cluster.caFile !== undefined ? fs.readFileSync(cluster.caFile) : undefined;
    return pem === undefined ? "" : new X509Certificate(pem).fingerprint256;
  } catch {
    // An unreadable CA fails the connection itself, with a better sentence than we could give here.
    return "";
  }
}

export type LoadResult = { readonly ok: true; readonly config: LoadedConfig } | { readonly ok: false; readonly failure: LiveFailure };

export const IN_CLUSTER_CONTEXT = "in-cluster";

/** The environment variables read (KUBECONFIG, HOME, KUBERNETES_SERVICE_HOST/PORT). */
export type Env = Readonly<Record<string, string | undefined>>;

/** The kubeconfig files the server/CLI reads by default, in kubectl's order. */
export function defaultKubeconfigFiles(env: Env = process.env): readonly string[] {
  const fromEnv = env.KUBECONFIG;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv.split(path.delimiter).filter((f) => f !== "");
  return [path.join(env.HOME ?? os.homedir(), ".kube", "config")];
}

function readKubeConfig(files: readonly string[]): { ok: true; kc: KubeConfig } | { ok: false; what: string } {
  const existing = files.filter((f) => fs.existsSync(f));
  if (existing.length === 0) {
    return { ok: false, what: `no kubeconfig found (looked at ${files.join(", ")}); pass --kubeconfig FILE, set $KUBECONFIG or use --in-cluster` };
  }
  const kc = new KubeConfig();
  try {
    existing.forEach((file, i) => {
      if (i === 0) {
        kc.loadFromFile(file);
        return;
      }
      const more = new KubeConfig();
      more.loadFromFile(file);
      // kubectl's rule for a $KUBECONFIG list: the first file to define a name wins (client-node's
      // mergeConfig throws on duplicates instead), and the first current-context set wins.
      if (!kc.getCurrentContext() && more.getCurrentContext()) kc.setCurrentContext(more.getCurrentContext());
      for (const c of more.getClusters()) if (kc.getCluster(c.name) === null) kc.addCluster(c);
      for (const u of more.getUsers()) if (kc.getUser(u.name) === null) kc.addUser(u);
      for (const c of more.getContexts()) if (kc.getContextObject(c.name) === null) kc.addContext(c);
    });
  } catch (error) {
    // js-yaml messages quote the offending line, which could be a token: only say which file.
    const first = error instanceof Error ? (error.message.split("\n")[0] ?? "") : "";
    const safe = /token|password|key|cert/i.test(first) ? "it is not a valid kubeconfig" : first.slice(0, 120);
    return { ok: false, what: `cannot read the kubeconfig ${existing.join(", ")}: ${safe}` };
  }
  return { ok: true, kc };
}

export function loadKubeConfig(options: ConnectOptions, env: Env = process.env): LoadResult {
  if (options.inCluster) return loadInCluster(env, options.inClusterRoot);
  const files = options.kubeconfig !== undefined ? [options.kubeconfig] : defaultKubeconfigFiles(env);
  const read = readKubeConfig(files);
  if (!read.ok) return { ok: false, failure: liveFailure("CONFIG", options.context !== undefined ? { context: options.context } : {}, read.what) };
  const kc = read.kc;
  const contextName = options.context ?? kc.getCurrentContext();
  if (contextName === undefined || contextName === "") {
    return { ok: false, failure: liveFailure("CONFIG", {}, `the kubeconfig ${files.join(", ")} has no current-context; pass --context NAME`) };
  }
  const context = kc.getContextObject(contextName);
  if (context === null) {
    const known = kc.getContexts().map((c) => c.name);
    return {
      ok: false,
      failure: liveFailure("CONFIG", { context: contextName }, `no such context in ${files.join(", ")} (known: ${known.length > 0 ? known.join(", ") : "none"})`),
    };
  }
  kc.setCurrentContext(contextName);
  const cluster = kc.getCurrentCluster();
  if (cluster === null || !cluster.server) {
    return { ok: false, failure: liveFailure("CONFIG", { context: contextName }, `its cluster "${context.cluster}" is missing or has no server URL`) };
  }
  return { ok: true, config: { kubeConfig: kc, context: contextName, server: cluster.server, caFingerprint: caFingerprintOf(cluster) } };
}

function loadInCluster(env: Env, root = "/"): LoadResult {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) {
    return { ok: false, failure: liveFailure("CONFIG", { context: IN_CLUSTER_CONTEXT }, "not running inside a cluster (KUBERNETES_SERVICE_HOST/PORT are not set)") };
  }
  const kc = new KubeConfig();
  const prefix = root.replace(/\/+$/, "");
  kc.loadFromCluster(prefix);
  const cluster = kc.getCurrentCluster();
  if (cluster === null) return { ok: false, failure: liveFailure("CONFIG", { context: IN_CLUSTER_CONTEXT }, "in-cluster configuration is incomplete") };
  const tokenFile = `${prefix}/var/run/secrets/kubernetes.io/serviceaccount/token`;
  if (!fs.existsSync(tokenFile)) {
    return { ok: false, failure: liveFailure("CONFIG", { context: IN_CLUSTER_CONTEXT, server: cluster.server }, `the pod has no ServiceAccount token at ${tokenFile}`) };
  }
  return { ok: true, config: { kubeConfig: kc, context: IN_CLUSTER_CONTEXT, server: cluster.server, caFingerprint: caFingerprintOf(cluster) } };
}

/** One context as the Connect page shows it: names and the server URL, never a credential. */
export interface ContextInfo {
  readonly name: string;
  readonly cluster: string;
  readonly server: string | undefined;
  readonly user: string;
  readonly namespace: string | undefined;
  readonly current: boolean;
}

export type ContextList =
  | { readonly ok: true; readonly files: readonly string[]; readonly contexts: readonly ContextInfo[] }
  | { readonly ok: false; readonly files: readonly string[]; readonly message: string };

export function listContexts(kubeconfig?: string, env: Env = process.env): ContextList {
  const files = kubeconfig !== undefined ? [kubeconfig] : defaultKubeconfigFiles(env);
  const read = readKubeConfig(files);
  if (!read.ok) return { ok: false, files, message: read.what };
  const kc = read.kc;
  const current = kc.getCurrentContext();
  const contexts = kc.getContexts().map((c) => ({
    name: c.name,
    cluster: c.cluster,
    server: kc.getCluster(c.cluster)?.server,
    user: c.user,
    namespace: c.namespace,
    current: c.name === current,
  }));
  return { ok: true, files, contexts };
}
