/**
 * Finding rules (§4) plus dangling bindings and modified Kubernetes default roles. Findings are
 * independent of paths; severity of DEFAULT_SA_AUTOMOUNT is raised by what `default` can reach.
 */
import type { Binding, ClusterRole, PolicyRule, Role } from "@/lib/rbac/objects";
import type { AnalysisContext } from "./context";
import { effectiveRulesOf } from "./engine";
import { isTechniqueRelevant } from "./graph";
import { isMirrorPod } from "./containers";
import { effectiveAutomount, effectiveServiceAccount, hostMounts, hostPathReadGain, hostPathUses, isVarLogPath, runsAsRoot, SA_TOKEN_TYPE, allContainers } from "./pods";
import { NODE_USER_PREFIX } from "./context";
import type { Pod, PodSpec, Workload } from "@/lib/cluster/objects";
import { ownerOfWorkload } from "./owners";
import type { PendingFinding, Severity } from "./technique";

export interface FindingObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
}

export interface Finding {
  readonly id: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly title: string;
  readonly objects: readonly FindingObject[];
  readonly why: string;
  readonly remediation: string;
  /** v2 §2.7: the object belongs to the trusted control plane (left out of counts, still listed). */
  readonly trusted?: boolean;
  /** v2 §2.7: the workload owner a pod-level finding is keyed by (null: a pod without owner, or not pod-level). */
  readonly owner?: FindingObject | null;
  /** v2 §2.7: existing pods of that owner satisfying the rule (0: template only; 1: pod without owner); null when not pod-level. */
  readonly podCount?: number | null;
  /** v2 §2.7: those pods. */
  readonly pods?: readonly FindingObject[];
}

export const SEVERITY_ORDER: readonly Severity[] = ["Critical", "High", "Medium", "Low"];
export const BOOTSTRAP_LABEL = "kubernetes.io/bootstrapping";

export type ReachLevel = "ClusterAdmin" | "Node" | "ServiceAccount" | "Secret" | null;

function obj(kind: string, name: string, namespace?: string | null): FindingObject {
  return { kind, name, namespace: namespace ?? null };
}

export function findingId(rule: string, o: FindingObject): string {
  return `${rule}:${o.kind}/${o.namespace ?? ""}/${o.name}`;
}

function make(rule: string, severity: Severity, o: FindingObject, title: string, why: string, remediation: string, extra: FindingObject[] = []): Finding {
  return { id: findingId(rule, o), rule, severity, title, objects: [o, ...extra], why, remediation };
}

function isBootstrap(meta: { labels?: Readonly<Record<string, string>> }): boolean {
  return meta.labels?.[BOOTSTRAP_LABEL] === "rbac-defaults";
}

function kubectlTarget(o: FindingObject): string {
  return `${o.kind.toLowerCase()} ${o.name}${o.namespace ? ` -n ${o.namespace}` : ""}`;
}

const SAFE_URLS = new Set([
  "/healthz", "/livez", "/readyz", "/version", "/version/", "/api", "/api/", "/api/*", "/apis", "/apis/", "/apis/*",
  "/openapi", "/openapi/*", "/openapi/v2", "/openapi/v3", "/openapi/v3/*", "/.well-known/openid-configuration", "/openid/v1/jwks",
]);
function isSafeUrl(u: string): boolean {
  return SAFE_URLS.has(u) || /^\/(healthz|livez|readyz)(\/.*)?$/.test(u);
}

function rulesOfBinding(ctx: AnalysisContext, b: Binding): readonly PolicyRule[] | undefined {
  const rk = b.roleRef.kind;
  if (b.kind === "ClusterRoleBinding" && rk !== "ClusterRole") return undefined;
  const rules = effectiveRulesOf(ctx.policy, rk === "Role" ? { kind: "Role", name: b.roleRef.name, namespace: b.metadata.namespace ?? "" } : { kind: "ClusterRole", name: b.roleRef.name });
  return rules?.map((r) => r.rule);
}

const SEVERITY_OF_REACH: Record<Exclude<ReachLevel, null>, Severity> = { ClusterAdmin: "Critical", Node: "High", ServiceAccount: "High", Secret: "Medium" };

export function computeFindings(ctx: AnalysisContext, pending: readonly PendingFinding[], reachOf: (ns: string, sa: string) => ReachLevel): Finding[] {
  const out = new Map<string, Finding>();
  const put = (f: Finding) => {
    if (!out.has(f.id)) out.set(f.id, f);
  };

  // Pods and pod templates (v2 §2.7): one finding per (rule, owner); a pod with an owner folds into it.
  interface PodLike {
    readonly kind: string;
    readonly meta: { readonly name: string; readonly namespace: string };
    readonly spec: PodSpec;
    readonly annotations: Record<string, string> | undefined;
    readonly pod?: Pod;
    readonly workload?: Workload;
  }
  const podLike: PodLike[] = [
    ...ctx.objects.pods.map((p) => ({ kind: "Pod", meta: p.metadata, spec: p.spec, annotations: p.metadata.annotations, pod: p })),
    ...ctx.objects.workloads.map((w) => ({ kind: w.kind as string, meta: w.metadata, spec: w.template.spec, annotations: w.template.metadata?.annotations, workload: w })),
  ];
  const grouped = new Map<string, { finding: Finding; pods: FindingObject[]; trusted: boolean }>();
  for (const p of podLike) {
    const ns = p.meta.namespace;
    const owner = p.pod ? ctx.ownerOf(p.pod) : p.workload ? ownerOfWorkload(p.workload, (k, n, name) => ctx.workloadByKey.get(`${k}/${n}/${name}`)) : null;
    const keyObj = owner ? obj(owner.kind, owner.name, owner.namespace) : obj(p.kind, p.meta.name, ns);
    const sa = effectiveServiceAccount(p.spec);
    const trusted = (p.pod !== undefined && isMirrorPod(p.pod)) || ctx.trust.isTrustedKey(`ServiceAccount/${ns}/${sa}`);
    const podRef = p.pod ? obj("Pod", p.meta.name, ns) : undefined;
    for (const f of podSpecFindings(ctx, p, keyObj, reachOf)) {
      let g = grouped.get(f.id);
      if (!g) grouped.set(f.id, (g = { finding: f, pods: [], trusted: false }));
      if (podRef) g.pods.push(podRef);
      if (trusted) g.trusted = true;
    }
  }
  for (const { finding, pods, trusted } of grouped.values()) {
    const o = finding.objects[0] as FindingObject;
    const isPod = o.kind === "Pod";
    put({ ...finding, trusted, owner: isPod ? null : o, podCount: isPod ? 1 : pods.length, ...(isPod ? {} : { pods: pods.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) }) });
  }

  for (const s of ctx.objects.secrets) {
    if (s.type !== SA_TOKEN_TYPE) continue;
    const o = obj("Secret", s.metadata.name, s.metadata.namespace);
    put(make("LEGACY_SA_TOKEN_SECRET", "Medium", o, `Secret ${s.metadata.namespace}/${s.metadata.name} is a long-lived ServiceAccount token`,
      "Legacy token Secrets never expire: anyone who can read the Secret (or a pod mounting it) holds the ServiceAccount's identity until the Secret is deleted. Bound, projected tokens replace them.",
      `kubectl delete secret ${s.metadata.name} -n ${s.metadata.namespace} (use kubectl create token or projected serviceAccountToken volumes instead).`));
  }

  for (const r of [...ctx.objects.clusterRoles, ...ctx.objects.roles] as (Role | ClusterRole)[]) {
    if (isBootstrap(r.metadata)) continue;
    const rules = r.rules ?? [];
    const wild = rules.filter((x) => x.verbs.includes("*") || (x.resources ?? []).includes("*") || (x.apiGroups ?? []).includes("*"));
    if (wild.length === 0) continue;
    const full = wild.some((x) => x.verbs.includes("*") && (x.resources ?? []).includes("*") && (x.apiGroups ?? []).includes("*"));
    const o = obj(r.kind, r.metadata.name, r.kind === "Role" ? r.metadata.namespace : null);
    put(make("WILDCARD_RULE", full ? "High" : "Medium", o, `${r.kind} ${r.metadata.name} uses "*" in its rules`,
      "A wildcard grants every present and future verb, resource or API group — including escalate, bind, impersonate, secrets and subresources like pods/exec that were never meant to be included.",
      `List the verbs, resources and apiGroups explicitly (kubectl edit ${kubectlTarget(o)}).`));
  }

  for (const b of [...ctx.objects.clusterRoleBindings, ...ctx.objects.roleBindings] as Binding[]) {
    const o = obj(b.kind, b.metadata.name, b.kind === "RoleBinding" ? b.metadata.namespace : null);
    const rules = rulesOfBinding(ctx, b);
    const isDefault = ctx.trust.isDefaultBinding(b);
    const extras = ctx.trust.extraSubjects(b);
    if (isDefault && extras.length > 0) {
      const names = extras.map((i) => b.subjects[i]).map((x) => (x ? `${x.kind} ${x.namespace ? `${x.namespace}/` : ""}${x.name}` : "")).join(", ");
      put({ ...make("MODIFIED_DEFAULT_BINDING", "High", o, `Default ${b.kind} ${b.metadata.name} has subjects the Kubernetes policy does not list (${names})`,
        "A Kubernetes default binding carries extra subjects. Reviewers and tools treat default bindings as the control plane's own, so whoever was added here holds control-plane permissions unnoticed.",
        `Remove ${names} from the binding (kubectl edit ${kubectlTarget(o)}) and grant what they need through a separate, reviewed binding.`), trusted: false, owner: null, podCount: null });
    }
    if (!isDefault && rules && rules.some((x) => isTechniqueRelevant(x))) {
      const node = b.subjects.find((x) => (x.kind === "Group" && x.name === "system:nodes") || (x.kind === "User" && x.name.startsWith(NODE_USER_PREFIX)));
      if (node) {
        put(make("NODE_PRINCIPAL_BINDING", "High", o, `${b.kind} ${b.metadata.name} grants escalation-relevant permissions to ${node.kind} ${node.name}`,
          "Node kubelet credentials sit on every node's disk: whoever gets root on one node acts with them. Permissions bound to system:nodes or a node user beyond the Node authorizer's own turn any node compromise into more.",
          `Remove the ${node.kind} ${node.name} subject (kubectl edit ${kubectlTarget(o)}); kubelets need no RBAC beyond the Node authorizer.`));
      }
    }
    if (!isBootstrap(b.metadata) && rules) {
      const anon = b.subjects.some((s) => (s.kind === "Group" && s.name === "system:unauthenticated") || (s.kind === "User" && s.name === "system:anonymous"));
      if (anon && rules.some((x) => (x.resources ?? []).length > 0 || (x.nonResourceURLs ?? []).some((u) => !isSafeUrl(u)))) {
        put(make("ANONYMOUS_BINDING", "Critical", o, `${b.kind} ${b.metadata.name} grants ${b.roleRef.kind} ${b.roleRef.name} to unauthenticated requests`,
          "Anyone who can reach the API server, without credentials, gets these permissions.",
          `Remove the system:unauthenticated / system:anonymous subject (kubectl edit ${kubectlTarget(o)}) or delete the binding: kubectl delete ${kubectlTarget(o)}`));
      }
      const broad = b.subjects.find((s) => s.kind === "Group" && (s.name === "system:authenticated" || s.name === "system:serviceaccounts"));
      if (broad && rules.some((x) => isTechniqueRelevant(x))) {
        put(make("BROAD_GROUP_BINDING", "High", o, `${b.kind} ${b.metadata.name} grants escalation-relevant permissions to ${broad.name}`,
          `Every ${broad.name === "system:authenticated" ? "authenticated user and ServiceAccount" : "ServiceAccount in the cluster"} gets permissions that an escalation technique uses, so the weakest workload token is enough to start a path.`,
          `Bind the role to the specific users/ServiceAccounts that need it instead of ${broad.name} (kubectl edit ${kubectlTarget(o)}).`));
      }
    }
    if (!rules) {
      const roleObj = obj(b.roleRef.kind, b.roleRef.name, b.roleRef.kind === "Role" ? (b.metadata.namespace ?? null) : null);
      put(make("DANGLING_BINDING", "Low", o, `${b.kind} ${b.metadata.name} refers to missing ${b.roleRef.kind} ${b.roleRef.name}`,
        "The binding grants nothing today, but it becomes live the moment someone creates a role with that name — whoever can create roles then silently grants its subjects anything.",
        `kubectl delete ${kubectlTarget(o)} (or recreate the intended role).`, [roleObj]));
    }
    if (b.roleRef.kind === "ClusterRole" && ctx.assumedRoles.includes(b.roleRef.name)) {
      put(make("BUILTIN_ROLE_ASSUMED", "Low", o, `${b.kind} ${b.metadata.name} refers to ClusterRole ${b.roleRef.name}, which the snapshot omits`,
        `The snapshot has no ClusterRole ${b.roleRef.name}, so the analysis assumes Kubernetes' built-in definition (as every cluster creates it at start-up). If the cluster's copy was modified or deleted, these results may differ.`,
        `Include the ClusterRole in the snapshot (kubectl get clusterrole ${b.roleRef.name} -o yaml) and analyse again.`, [obj("ClusterRole", b.roleRef.name)]));
    }
    for (const s of b.subjects) {
      if (s.kind !== "ServiceAccount") continue;
      const ns = s.namespace || (b.kind === "RoleBinding" ? b.metadata.namespace : "");
      if (!ns || ctx.serviceAccount(ns, s.name)) continue;
      put(make("DANGLING_BINDING", "Medium", { ...o }, `${b.kind} ${b.metadata.name} names missing ServiceAccount ${ns}/${s.name}`,
        "The binding's ServiceAccount does not exist: anyone allowed to create ServiceAccounts in that namespace can create it and inherit the binding's permissions.",
        `Remove the subject ${ns}/${s.name} (kubectl edit ${kubectlTarget(o)}) or delete the binding.`, [obj("ServiceAccount", s.name, ns)]));
    }
  }

  if (ctx.options.bootstrapPolicy) for (const f of compareDefaultRoles(ctx.objects, ctx.options.bootstrapPolicy)) put(f);

  for (const p of pending) put(make(p.rule, p.severity, { kind: p.object.kind, name: p.object.name, namespace: p.object.namespace }, p.title, p.why, p.remediation));

  return [...out.values()].map((f) => withTrust(ctx, f)).sort(compareFindings);
}

/** v2 §2.7: `trusted`, `owner`, `podCount` on every finding (pod-level ones have them already). */
function withTrust(ctx: AnalysisContext, f: Finding): Finding {
  if (f.trusted !== undefined) return { owner: null, podCount: null, ...f };
  const o = f.objects[0];
  let trusted = false;
  if (o && f.rule !== "MODIFIED_DEFAULT_BINDING") {
    if (o.kind === "ClusterRoleBinding" || o.kind === "RoleBinding") trusted = ctx.trust.isDefaultBindingKey(o.namespace ? `${o.kind}/${o.namespace}/${o.name}` : `${o.kind}/${o.name}`);
    else if (o.kind === "ClusterRole" || o.kind === "Role") trusted = isBootstrapRole(ctx, o);
    else if (o.kind === "ServiceAccount" || o.kind === "User" || o.kind === "Group") trusted = ctx.trust.isTrustedKey(o.namespace ? `${o.kind}/${o.namespace}/${o.name}` : `${o.kind}/${o.name}`);
  }
  return { ...f, trusted, owner: null, podCount: null };
}

function isBootstrapRole(ctx: AnalysisContext, o: FindingObject): boolean {
  const bp = ctx.options.bootstrapPolicy;
  if (o.kind === "ClusterRole") return (bp?.clusterRoles ?? []).some((r) => r.metadata.name === o.name);
  return (bp?.roles ?? []).some((r) => r.metadata.name === o.name && r.metadata.namespace === o.namespace);
}

/** Pod-spec rules of one pod or template, worded for the object it is keyed by (v2 §2.7). */
function podSpecFindings(
  ctx: AnalysisContext,
  p: { readonly kind: string; readonly meta: { readonly name: string; readonly namespace: string }; readonly spec: PodSpec; readonly annotations: Record<string, string> | undefined; readonly pod?: Pod },
  o: FindingObject,
  reachOf: (ns: string, sa: string) => ReachLevel,
): Finding[] {
  const out: Finding[] = [];
  const ns = p.meta.namespace;
  const label = `${o.kind} ${ns}/${o.name}`;
  const sa = effectiveServiceAccount(p.spec);
  if (sa === "default" && effectiveAutomount(p.spec, ctx.serviceAccount(ns, "default")) && !(p.pod && isMirrorPod(p.pod))) {
    const reach = reachOf(ns, "default");
    out.push(make("DEFAULT_SA_AUTOMOUNT", reach ? SEVERITY_OF_REACH[reach] : "Low", o,
      `${label} mounts the token of ServiceAccount ${ns}/default`,
      `The pod runs as the namespace's default ServiceAccount with its API token mounted, so anyone who gets code execution in it acts as ${ns}/default${reach ? ` — which reaches ${reach}` : ""}. Every pod that does not name a ServiceAccount shares this identity, so permissions granted to it for one workload leak to all of them.`,
      `Set automountServiceAccountToken: false in the pod spec (or on the ServiceAccount: kubectl patch serviceaccount default -n ${ns} -p '{"automountServiceAccountToken":false}'), and give workloads that need the API a dedicated ServiceAccount.`));
  }
  const hostNs = (["hostPID", "hostIPC", "hostNetwork"] as const).filter((k) => p.spec[k] === true);
  if (hostNs.length > 0) {
    out.push(make("HOST_NAMESPACE_SHARING", "Medium", o, `${label} shares host namespaces (${hostNs.join(", ")})`,
      "Sharing the host's PID, IPC or network namespace lets the container see host processes and their command lines and environment, talk to host-local services and sniff node traffic. It is a step towards node compromise and is forbidden by the baseline Pod Security level.",
      `Remove ${hostNs.map((k) => `${k}: true`).join(", ")} from the pod spec (kubectl edit ${kubectlTarget(o)}), and enforce baseline: kubectl label namespace ${ns} pod-security.kubernetes.io/enforce=baseline`));
  }
  const plain = hostPathUses(p.spec, undefined, ctx.hostPathWrite).filter((h) => !h.escape);
  if (plain.length > 0) {
    out.push(make("HOSTPATH_MOUNT", "Low", o, `${label} mounts host paths (${plain.map((h) => h.path).join(", ")})`,
      "A hostPath volume ties the pod to the node's filesystem. These paths are not known escape routes, but they expose node data, can be abused if writable, and are forbidden by the baseline Pod Security level.",
      `Replace the hostPath volume(s) ${plain.map((h) => h.volume).join(", ")} with emptyDir, a ConfigMap or a PersistentVolumeClaim, or mount them readOnly: true (kubectl edit ${kubectlTarget(o)}).`));
  }
  const escape = ctx.escapesOf(p.spec, p.annotations)[0];
  const mounts = hostMounts(p.spec, allContainers(p.spec));
  const varLog = mounts.find((m) => !m.readOnly && isVarLogPath(m.path) && runsAsRoot(p.spec, allContainers(p.spec).find((c) => c.name === m.container) ?? { name: "" }));
  if (escape) {
    out.push(make(escape.technique, "High", o, `${label} can escape to its node (${escape.technique})`,
      `The pod spec (${escape.field}) gives a container a known route to root on the node: whoever executes code in it (exec, image swap, ephemeral container, kubelet proxy) owns the node, every token on it and, on a control-plane node, the cluster.`,
      `Remove ${escape.field} from the pod spec (kubectl edit ${kubectlTarget(o)}), drop added capabilities, keep AppArmor confined, and enforce baseline: kubectl label namespace ${ns} pod-security.kubernetes.io/enforce=baseline`));
  } else if (varLog) {
    out.push(make("VAR_LOG_SYMLINK", "High", o, `${label} mounts ${varLog.path} writable as root (VAR_LOG_SYMLINK)`,
      `Container ${varLog.container} runs as root with the host's ${varLog.path} writable: it can replace a pod log file by a symlink, and any identity allowed get pods/log on that node then reads arbitrary host files through the kubelet (its credentials, every token on the node).`,
      `Mount ${varLog.path} readOnly: true or drop the hostPath volume ${varLog.volume}, and run the container as non-root (kubectl edit ${kubectlTarget(o)}).`));
  } else {
    const cp = p.pod?.spec.nodeName !== undefined && ctx.controlPlaneNodes.has(p.pod.spec.nodeName);
    const read = mounts.find((m) => {
      const g = m.readOnly ? hostPathReadGain(m.path) : undefined;
      return g !== undefined && (g !== "control-plane-config" || cp);
    });
    if (read) {
      out.push(make("HOSTPATH_READ", cp ? "Critical" : "High", o, `${label} mounts ${read.path} read-only, which exposes credentials (HOSTPATH_READ)`,
        `Container ${read.container} can read ${read.path} on the host: kubelet state holds every pod token on the node and the kubelet's own client certificate${cp ? "; on a control-plane node /etc/kubernetes holds admin kubeconfigs and the cluster CA key" : ""}.`,
        `Drop the hostPath volume ${read.volume} or narrow it to a path without credentials (kubectl edit ${kubectlTarget(o)}).`));
    }
  }
  return out;
}

export function compareFindings(a: Finding, b: Finding): number {
  const s = SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
  if (s !== 0) return s;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function canonicalRules(rules: readonly PolicyRule[] | null | undefined): string {
  const norm = (rules ?? []).map((r) =>
    JSON.stringify([
      [...(r.verbs ?? [])].sort(),
      [...(r.apiGroups ?? [])].sort(),
      [...(r.resources ?? [])].sort(),
      [...(r.resourceNames ?? [])].sort(),
      [...(r.nonResourceURLs ?? [])].sort(),
    ]),
  );
  return JSON.stringify([...new Set(norm)].sort());
}

/**
 * Roles/ClusterRoles labelled `kubernetes.io/bootstrapping: rbac-defaults` whose rules (or, for
 * aggregated ClusterRoles, aggregation selectors) differ from the bundled default policy. Rules are
 * compared as sets with each list sorted (order is not meaningful).
 */
export function compareDefaultRoles(
  objects: { readonly clusterRoles: readonly ClusterRole[]; readonly roles: readonly Role[] },
  defaults: { readonly clusterRoles?: readonly ClusterRole[]; readonly roles?: readonly Role[] },
): Finding[] {
  const out: Finding[] = [];
  const dc = new Map((defaults.clusterRoles ?? []).map((r) => [r.metadata.name, r]));
  const dr = new Map((defaults.roles ?? []).map((r) => [`${r.metadata.namespace}/${r.metadata.name}`, r]));
  const check = (r: Role | ClusterRole, d: Role | ClusterRole | undefined) => {
    if (!isBootstrap(r.metadata) || !d) return;
    const o = obj(r.kind, r.metadata.name, r.kind === "Role" ? r.metadata.namespace : null);
    const agg = r.kind === "ClusterRole" && d.kind === "ClusterRole" && (r.aggregationRule || d.aggregationRule);
    const differs = agg
      ? JSON.stringify((r as ClusterRole).aggregationRule ?? null) !== JSON.stringify((d as ClusterRole).aggregationRule ?? null)
      : canonicalRules(r.rules) !== canonicalRules(d.rules);
    if (!differs) return;
    out.push(make("MODIFIED_DEFAULT_ROLE", "High", o, `Default ${r.kind} ${r.metadata.name} differs from the Kubernetes default`,
      "A role labelled as a Kubernetes default has rules that differ from the shipped policy. Reviewers trust default roles, so added permissions here go unnoticed; the API server may also reconcile (overwrite) it on restart when autoupdate is on.",
      `Compare with the default (kubectl get ${kubectlTarget(o)} -o yaml) and restore it, e.g. by deleting it and restarting kube-apiserver to recreate it, or move custom rules into a separate, non-default role.`));
  };
  for (const r of objects.clusterRoles) check(r, dc.get(r.metadata.name));
  for (const r of objects.roles) check(r, dr.get(`${r.metadata.namespace}/${r.metadata.name}`));
  return out.sort(compareFindings);
}
