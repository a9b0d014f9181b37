/**
 * v2 §1.9–§1.10: which container of an existing pod a fact belongs to, and which API tokens each
 * container can read. Pure functions of the pod; no RBAC here.
 */
import type { Container, Pod, PodSpec, ServiceAccount } from "@/lib/cluster/objects";
import type { PodField } from "./cause";
import { addsCap, effectiveAutomount, effectiveRunAsUser, effectiveServiceAccount, type TokenSource } from "./pods";

export type ContainerRole = "regular" | "sidecar" | "init" | "ephemeral";

export interface PodContainer {
  readonly container: Container;
  readonly role: ContainerRole;
  /** In LIVE(P): regular, sidecar, or an ephemeral container not shown terminated. */
  readonly live: boolean;
}

export const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
export const SA_TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

/** A static pod's API mirror (v2 §1.8): no token, no Node-authorizer edges, no ephemeral containers. */
export function isMirrorPod(pod: Pod): boolean {
  const a = pod.metadata.annotations;
  return a !== undefined && Object.hasOwn(a, MIRROR_ANNOTATION);
}

/** Every container of the pod with its role (§1.9). */
export function podContainers(pod: Pod): PodContainer[] {
  const spec = pod.spec;
  const terminated = new Set((pod.status?.ephemeralContainerStatuses ?? []).filter((s) => s.state?.terminated !== undefined).map((s) => s.name));
  const out: PodContainer[] = spec.containers.map((c) => ({ container: c, role: "regular", live: true }));
  for (const c of spec.initContainers ?? []) {
    const sidecar = c.restartPolicy === "Always";
    out.push({ container: c, role: sidecar ? "sidecar" : "init", live: sidecar });
  }
  for (const c of spec.ephemeralContainers ?? []) out.push({ container: c, role: "ephemeral", live: !terminated.has(c.name) });
  return out;
}

/** LIVE(P). */
export function liveContainers(pod: Pod): Container[] {
  return podContainers(pod).filter((c) => c.live).map((c) => c.container);
}

export interface TokenLookup {
  readonly saOf: (name: string) => ServiceAccount | undefined;
  readonly legacyOwner: (secretName: string) => string | undefined;
  readonly apiAudiences: ReadonlySet<string>;
}

function isApiAudience(audience: string | undefined, apiAudiences: ReadonlySet<string>): boolean {
  return !audience || apiAudiences.has(audience);
}

/** t2's admission condition: the pod shows no injected token volume and this container took no mount at the token path. */
function automountApplies(spec: PodSpec, c: Container, role: ContainerRole, lookup: TokenLookup): boolean {
  if (role === "ephemeral") return false;
  if (!effectiveAutomount(spec, lookup.saOf(effectiveServiceAccount(spec)))) return false;
  if ((c.volumeMounts ?? []).some((m) => m.mountPath.replace(/\/+$/, "") === SA_TOKEN_MOUNT_PATH)) return false;
  return !(spec.volumes ?? []).some((v) => v.name.startsWith("kube-api-access-"));
}

/** v2 §1.10: TOKENS(c) for one container of an existing pod. */
export function containerTokens(pod: Pod, pc: PodContainer, lookup: TokenLookup): TokenSource[] {
  if (isMirrorPod(pod)) return [];
  const spec = pod.spec;
  const own = effectiveServiceAccount(spec);
  const out: TokenSource[] = [];
  const add = (serviceAccount: string, field: PodField) => {
    if (!out.some((t) => t.serviceAccount === serviceAccount)) out.push({ serviceAccount, field });
  };
  const c = pc.container;
  const mounted = new Set((c.volumeMounts ?? []).map((m) => m.name));
  const secretNames: string[] = [];
  for (const v of spec.volumes ?? []) {
    if (!mounted.has(v.name)) continue;
    if (v.secret?.secretName) secretNames.push(v.secret.secretName);
    for (const src of v.projected?.sources ?? []) {
      if (src.serviceAccountToken && isApiAudience(src.serviceAccountToken.audience, lookup.apiAudiences)) add(own, { kind: "projected" });
      if (src.secret?.name) secretNames.push(src.secret.name);
    }
  }
  if (automountApplies(spec, c, pc.role, lookup)) add(own, { kind: "automount" });
  for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef?.name) secretNames.push(e.valueFrom.secretKeyRef.name);
  for (const e of c.envFrom ?? []) if (e.secretRef?.name) secretNames.push(e.secretRef.name);
  for (const name of [...new Set(secretNames)].sort()) {
    const owner = lookup.legacyOwner(name);
    if (owner !== undefined) add(owner, { kind: "secret", secret: name });
  }
  return out;
}

/** Tokens of a set of containers, once per ServiceAccount (first source wins). */
export function tokensOfContainers(pod: Pod, cs: readonly PodContainer[], lookup: TokenLookup): TokenSource[] {
  const out: TokenSource[] = [];
  for (const pc of cs) for (const t of containerTokens(pod, pc, lookup)) if (!out.some((x) => x.serviceAccount === t.serviceAccount)) out.push(t);
  return out;
}

/** MATERIALISED(P): every token some container of the pod (init and ephemeral included) holds. */
export function materialisedTokens(pod: Pod, lookup: TokenLookup): TokenSource[] {
  return tokensOfContainers(pod, podContainers(pod), lookup);
}

/** v2 §3.28: the pod references the API audience (a projected API-audience token, mounted or not, or t2 for an init/regular container). */
export function referencesApiAudience(pod: Pod, lookup: TokenLookup): boolean {
  for (const v of pod.spec.volumes ?? []) {
    for (const src of v.projected?.sources ?? []) if (src.serviceAccountToken && isApiAudience(src.serviceAccountToken.audience, lookup.apiAudiences)) return true;
  }
  return podContainers(pod).some((pc) => pc.role !== "ephemeral" && automountApplies(pod.spec, pc.container, pc.role, lookup));
}

/** v2 §3.29: every Secret name the pod references, with the referencing field. */
export function referencedSecrets(spec: PodSpec): Map<string, string> {
  const out = new Map<string, string>();
  const add = (name: string | undefined, field: string) => {
    if (name && !out.has(name)) out.set(name, field);
  };
  for (const p of spec.imagePullSecrets ?? []) add(p.name, "spec.imagePullSecrets");
  const cs = [...spec.containers, ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  for (const c of cs) {
    for (const e of c.env ?? []) add(e.valueFrom?.secretKeyRef?.name, `containers[${c.name}].env`);
    for (const e of c.envFrom ?? []) add(e.secretRef?.name, `containers[${c.name}].envFrom`);
  }
  for (const v of spec.volumes ?? []) {
    const at = `spec.volumes[${v.name}]`;
    add(v.secret?.secretName, `${at}.secret`);
    for (const src of v.projected?.sources ?? []) add(src.secret?.name, `${at}.projected`);
    add(v.azureFile?.secretName, `${at}.azureFile`);
    for (const plugin of ["cephfs", "cinder", "flexVolume", "iscsi", "rbd", "scaleIO", "storageos"] as const) add(v[plugin]?.secretRef?.name, `${at}.${plugin}.secretRef`);
    add(v.csi?.nodePublishSecretRef?.name, `${at}.csi.nodePublishSecretRef`);
  }
  return out;
}

// Capabilities a container runtime grants by default (containerd / CRI-O default set).
const RUNTIME_DEFAULT_CAPS = ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];

function capName(c: string): string {
  const u = c.toUpperCase();
  return u.startsWith("CAP_") ? u.slice(4) : u;
}

/** Effective capabilities: runtime default ∪ add − drop; "ALL" stands for every capability. */
function effectiveCaps(c: Container): Set<string> {
  const add = (c.securityContext?.capabilities?.add ?? []).map(capName);
  const drop = (c.securityContext?.capabilities?.drop ?? []).map(capName);
  const caps = new Set(drop.includes("ALL") ? [] : RUNTIME_DEFAULT_CAPS);
  for (const a of add) caps.add(a);
  for (const d of drop) if (d !== "ALL") caps.delete(d);
  return caps;
}

/** v2 §3.33: may c read d's files through /proc/<pid>/root (shared process namespace)? */
export function mayInspect(spec: PodSpec, c: Container, d: Container): boolean {
  if (c.securityContext?.privileged === true || addsCap(c, "SYS_PTRACE")) return true;
  if (d.securityContext?.privileged === true) return false;
  if (effectiveRunAsUser(spec, c) !== effectiveRunAsUser(spec, d)) return false;
  const cc = effectiveCaps(c);
  if (cc.has("ALL")) return true;
  const dc = effectiveCaps(d);
  if (dc.has("ALL")) return false;
  for (const x of dc) if (!cc.has(x)) return false;
  return true;
}
