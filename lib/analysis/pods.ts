/**
 * Pod-spec facts the techniques need (§1.4 tokens, §1.6 PSA, §3.19–3.23 escapes), for Pods and
 * for workload pod templates alike. Pure functions of the spec; no RBAC here.
 */
import type { PodField } from "./cause";
import type { Labels } from "@/lib/rbac/objects";
import type { Container, Namespace, Node, PodSpec, Secret, ServiceAccount } from "@/lib/cluster/objects";

export type PsaLevel = "privileged" | "baseline" | "restricted";
export const PSA_ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
export const SA_TOKEN_TYPE = "kubernetes.io/service-account-token";
export const LEGACY_INVALID_LABEL = "kubernetes.io/legacy-token-invalid-since";

/**
 * §1.6: the namespace's enforce label, `fallback` when it is absent. A label that is present but
 * not a valid level (levels are case-sensitive) is enforced as `restricted`, like Pod Security
 * Admission's PolicyToEvaluate.
 */
export function psaLevelOf(ns: Namespace | undefined, fallback: PsaLevel): PsaLevel {
  const labels = ns?.metadata.labels;
  if (!labels || !Object.hasOwn(labels, PSA_ENFORCE_LABEL)) return fallback;
  const v = labels[PSA_ENFORCE_LABEL];
  return v === "privileged" || v === "baseline" || v === "restricted" ? v : "restricted";
}

export function isControlPlaneNode(node: Node): boolean {
  const l = node.metadata.labels ?? {};
  return "node-role.kubernetes.io/control-plane" in l || "node-role.kubernetes.io/master" in l;
}

export function effectiveServiceAccount(spec: PodSpec): string {
  return spec.serviceAccountName || spec.serviceAccount || "default";
}

/** §1.4 rule 1: the pod field wins, else the ServiceAccount's field, else true. */
export function effectiveAutomount(spec: PodSpec, sa: ServiceAccount | undefined): boolean {
  if (spec.automountServiceAccountToken !== undefined) return spec.automountServiceAccountToken;
  if (sa?.automountServiceAccountToken !== undefined) return sa.automountServiceAccountToken;
  return true;
}

export function isInvalidatedToken(secret: Secret): boolean {
  return secret.metadata.labels !== undefined && Object.hasOwn(secret.metadata.labels, LEGACY_INVALID_LABEL);
}

/**
 * §1.5: the ServiceAccount name a Secret is a valid legacy token for, or undefined.
 * `ignoreInvalidLabel`: as if `kubernetes.io/legacy-token-invalid-since` were removed (which
 * re-enables the token).
 */
export function legacyTokenOwner(
  secret: Secret,
  saInNamespace: (name: string) => ServiceAccount | undefined,
  ignoreInvalidLabel = false,
): string | undefined {
  if (secret.type !== SA_TOKEN_TYPE) return undefined;
  if (!ignoreInvalidLabel && isInvalidatedToken(secret)) return undefined;
  const name = secret.metadata.annotations?.["kubernetes.io/service-account.name"];
  if (!name) return undefined;
  const sa = saInNamespace(name);
  if (!sa) return undefined;
  const uid = secret.metadata.annotations?.["kubernetes.io/service-account.uid"];
  if (uid && sa.metadata.uid && uid !== sa.metadata.uid) return undefined;
  return name;
}

export interface TokenSource {
  readonly serviceAccount: string;
  /** The pod-spec field that carries it (automount, a projected source, a legacy token Secret). */
  readonly field: PodField;
}

/**
 * §1.4: the ServiceAccounts a pod (or template) holds an API token for. `saOf` looks up a
 * ServiceAccount of the pod's namespace; `legacyOwner` maps a Secret name of the pod's namespace to
 * the SA it is a valid legacy token for.
 */
export function tokensHeld(
  spec: PodSpec,
  saOf: (name: string) => ServiceAccount | undefined,
  legacyOwner: (secretName: string) => string | undefined,
  apiAudiences: ReadonlySet<string>,
): TokenSource[] {
  const out: TokenSource[] = [];
  const own = effectiveServiceAccount(spec);
  if (effectiveAutomount(spec, saOf(own))) out.push({ serviceAccount: own, field: { kind: "automount" } });
  const secretNames = new Set<string>();
  for (const v of spec.volumes ?? []) {
    if (v.secret?.secretName) secretNames.add(v.secret.secretName);
    for (const src of v.projected?.sources ?? []) {
      const tok = src.serviceAccountToken;
      if (tok && (!tok.audience || apiAudiences.has(tok.audience))) {
        if (!out.some((t) => t.serviceAccount === own)) out.push({ serviceAccount: own, field: { kind: "projected" } });
      }
      if (src.secret?.name) secretNames.add(src.secret.name);
    }
  }
  for (const c of allContainers(spec)) {
    for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef?.name) secretNames.add(e.valueFrom.secretKeyRef.name);
    for (const e of c.envFrom ?? []) if (e.secretRef?.name) secretNames.add(e.secretRef.name);
  }
  for (const name of [...secretNames].sort()) {
    const owner = legacyOwner(name);
    if (owner !== undefined && !out.some((t) => t.serviceAccount === owner)) out.push({ serviceAccount: owner, field: { kind: "secret", secret: name } });
  }
  return out;
}

export function allContainers(spec: PodSpec): Container[] {
  return [...spec.containers, ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
}

// ---------------------------------------------------------------------------------------------
// Escapes (§3.19–3.23), in precedence order (§5).

export type EscapeTechnique =
  | "PRIVILEGED_POD_NODE_ESCAPE"
  | "HOSTPATH_ESCAPE"
  | "HOSTPID_ESCAPE"
  | "CAP_SYS_MODULE_ESCAPE"
  | "CAP_SYS_ADMIN_ESCAPE";

export const ESCAPE_PRECEDENCE: readonly EscapeTechnique[] = [
  "PRIVILEGED_POD_NODE_ESCAPE",
  "HOSTPATH_ESCAPE",
  "HOSTPID_ESCAPE",
  "CAP_SYS_MODULE_ESCAPE",
  "CAP_SYS_ADMIN_ESCAPE",
];

export interface EscapeFact {
  readonly technique: EscapeTechnique;
  /** The pod-spec field that enables it, e.g. `containers[app].securityContext.privileged`. */
  readonly field: string;
}

function addsCap(c: Container, cap: string): boolean {
  const add = c.securityContext?.capabilities?.add ?? [];
  return add.some((a) => {
    const u = a.toUpperCase();
    return u === cap || u === `CAP_${cap}` || u === "ALL";
  });
}

/** AppArmor `Unconfined` for this container: container field, else pod field, else legacy annotation. */
export function appArmorUnconfined(spec: PodSpec, c: Container, annotations: Labels | undefined): boolean {
  const own = c.securityContext?.appArmorProfile?.type;
  if (own !== undefined) return own === "Unconfined";
  const ann = annotations?.[`container.apparmor.security.beta.kubernetes.io/${c.name}`];
  if (ann !== undefined) return ann === "unconfined";
  return spec.securityContext?.appArmorProfile?.type === "Unconfined";
}

export function normalizeHostPath(p: string): string {
  let s = p.replace(/\/+/g, "/");
  while (s.length > 1 && s.endsWith("/")) s = s.slice(0, -1);
  return s;
}

// §3.20 as amended by v2 §3.34.
const ANY_MODE = new Set([
  "/",
  "/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock", "/var/run/docker.sock",
  "/var/run/crio/crio.sock", "/var/run/cri-dockerd.sock", "/run/k3s/containerd/containerd.sock",
  "/run", "/var/run", "/run/containerd", "/var/run/containerd", "/var/run/crio", "/run/k3s", "/run/k3s/containerd",
]);
const WRITABLE_EXACT = new Set([
  "/etc", "/usr", "/usr/bin", "/usr/local/bin", "/bin", "/sbin", "/lib", "/proc", "/proc/sys", "/proc/sys/kernel",
  "/var", "/var/lib", "/opt", "/opt/cni", "/usr/local", "/usr/sbin", "/usr/local/sbin", "/usr/lib", "/lib64", "/usr/libexec",
]);
const WRITABLE_TREES = [
  "/etc/kubernetes", "/etc/cron.d", "/etc/systemd", "/var/lib/kubelet", "/var/lib/containerd", "/var/lib/docker", "/var/lib/containers",
  "/opt/cni/bin", "/usr/lib/systemd", "/usr/libexec/kubernetes", "/var/spool/cron",
];

function under(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

/**
 * v2 §1.13 `hostPathWrite`: `listed` (default) — only the §3.34 writable list escapes; `any` —
 * every writable hostPath outside KubeHound's safe list does (EXPLOIT_HOST_WRITE's assume-vulnerable reading).
 */
export type HostPathWriteMode = "listed" | "any";

// KubeHound's EXPLOIT_HOST_WRITE allow-list of writable mounts it deems not exploitable (`/var/run/…` ≡ `/run/…`).
const SAFE_WRITE_PATHS = new Set(["/run/datadog-agent", "/etc/datadog-agent", "/etc/datadog-agent/auth", "/etc/datadog", "/run/xtables.lock"]);

/** §3.20 / v2 §3.34: is this host path (mounted with this mode) an escape? */
export function isEscapeHostPath(rawPath: string, readOnly: boolean, writeMode: HostPathWriteMode = "listed"): boolean {
  const p = normalizeHostPath(rawPath);
  if (ANY_MODE.has(p)) return true;
  if (p === "/root" || p === "/home" || under(p, "/root/.ssh") || /^\/home\/[^/]+\/\.ssh(\/|$)/.test(p)) return true;
  if (readOnly) return false;
  if (writeMode === "any") return !SAFE_WRITE_PATHS.has(runAlias(p));
  if (WRITABLE_EXACT.has(p)) return true;
  return WRITABLE_TREES.some((t) => under(p, t));
}

/** `/var/run/…` ≡ `/run/…` (v2 §3.30). */
function runAlias(p: string): string {
  return p === "/var/run" ? "/run" : p.startsWith("/var/run/") ? p.slice(4) : p;
}

/** v2 §3.30: what a read-only host mount leaks (undefined: nothing listed). */
export type HostReadGain = "tokens-and-kubelet" | "tokens" | "kubelet" | "control-plane-config";
export function hostPathReadGain(rawPath: string): HostReadGain | undefined {
  const p = runAlias(normalizeHostPath(rawPath));
  if (p === "/var" || p === "/var/lib" || p === "/var/lib/kubelet") return "tokens-and-kubelet";
  if (p === "/var/lib/kubelet/pods") return "tokens";
  if (p === "/var/lib/kubelet/pki") return "kubelet";
  if (p === "/etc" || p === "/etc/kubernetes" || p === "/etc/kubernetes/pki") return "control-plane-config";
  return undefined;
}

/** v2 §3.31: a writable mount of the kubelet's pod log directory. */
export function isVarLogPath(rawPath: string): boolean {
  const p = normalizeHostPath(rawPath);
  return p === "/var/log" || p === "/var/log/pods";
}

export interface HostPathUse {
  readonly volume: string;
  readonly path: string;
  readonly escape: boolean;
}

/** The host directory a mount exposes: the volume's path, narrowed by the mount's subPath. */
export function mountedHostPath(volumePath: string, subPath: string | undefined): string {
  return subPath ? `${volumePath}/${subPath}` : volumePath;
}

/** Every hostPath volume with whether some container's (of `cs`) mount of it is an escape. */
export function hostPathUses(spec: PodSpec, cs: readonly Container[] = allContainers(spec), writeMode: HostPathWriteMode = "listed"): HostPathUse[] {
  const out: HostPathUse[] = [];
  for (const v of spec.volumes ?? []) {
    if (!v.hostPath) continue;
    let escape = false;
    for (const c of cs) {
      for (const m of c.volumeMounts ?? []) {
        if (m.name === v.name && isEscapeHostPath(mountedHostPath(v.hostPath.path, m.subPath), m.readOnly === true, writeMode)) escape = true;
      }
    }
    out.push({ volume: v.name, path: v.hostPath.path, escape });
  }
  return out;
}

/** One hostPath mount of one container. */
export interface HostMount {
  readonly container: string;
  readonly volume: string;
  readonly path: string;
  readonly readOnly: boolean;
}

export function hostMounts(spec: PodSpec, cs: readonly Container[]): HostMount[] {
  const out: HostMount[] = [];
  for (const c of cs) {
    for (const m of c.volumeMounts ?? []) {
      const v = (spec.volumes ?? []).find((x) => x.name === m.name);
      if (!v?.hostPath) continue;
      out.push({ container: c.name, volume: v.name, path: mountedHostPath(v.hostPath.path, m.subPath), readOnly: m.readOnly === true });
    }
  }
  return out;
}

/** Effective user: container, else pod; unset counts as root (0). */
export function effectiveRunAsUser(spec: PodSpec, c: Container): number {
  return c.securityContext?.runAsUser ?? spec.securityContext?.runAsUser ?? 0;
}

/** v2 §3.31: the container runs as root (runAsUser 0 or unset, runAsNonRoot not true). */
export function runsAsRoot(spec: PodSpec, c: Container): boolean {
  const nonRoot = c.securityContext?.runAsNonRoot ?? spec.securityContext?.runAsNonRoot;
  return effectiveRunAsUser(spec, c) === 0 && nonRoot !== true;
}

/**
 * Every escape the containers `cs` satisfy, in precedence order (first = canonical). hostPath
 * escapes count the mounts of `mountContainers` (v2 §3.33: a sibling's mounts reached through /proc).
 */
export function escapesOf(
  spec: PodSpec,
  annotations: Labels | undefined,
  cs: readonly Container[] = allContainers(spec),
  mountContainers: readonly Container[] = cs,
  writeMode: HostPathWriteMode = "listed",
): EscapeFact[] {
  const found = new Map<EscapeTechnique, string>();
  const set = (t: EscapeTechnique, field: string) => {
    if (!found.has(t)) found.set(t, field);
  };
  for (const c of cs) if (c.securityContext?.privileged === true) set("PRIVILEGED_POD_NODE_ESCAPE", `containers[${c.name}].securityContext.privileged`);
  for (const h of hostPathUses(spec, mountContainers, writeMode)) if (h.escape) set("HOSTPATH_ESCAPE", `volumes[${h.volume}].hostPath`);
  if (spec.hostPID === true) {
    for (const c of cs) if (addsCap(c, "SYS_PTRACE") && appArmorUnconfined(spec, c, annotations)) set("HOSTPID_ESCAPE", "hostPID");
  }
  for (const c of cs) {
    if (c.securityContext?.privileged !== true && addsCap(c, "SYS_MODULE")) set("CAP_SYS_MODULE_ESCAPE", `containers[${c.name}].securityContext.capabilities.add`);
  }
  for (const c of cs) {
    if (addsCap(c, "SYS_ADMIN") && appArmorUnconfined(spec, c, annotations)) set("CAP_SYS_ADMIN_ESCAPE", `containers[${c.name}].securityContext.capabilities.add`);
  }
  return ESCAPE_PRECEDENCE.filter((t) => found.has(t)).map((t) => ({ technique: t, field: found.get(t) ?? "" }));
}

export { addsCap };

export function isRunningPod(phase: string | undefined): boolean {
  return phase === undefined || phase === "" || phase === "Running";
}
