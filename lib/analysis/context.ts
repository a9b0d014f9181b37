/**
 * Indexes over one snapshot that every technique shares: namespaces and their PSA level,
 * ServiceAccounts, Secrets and valid legacy tokens, pods per namespace and node, workloads, nodes,
 * the compiled policy. Built once per analysis.
 */
import type { Binding, ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "@/lib/rbac/objects";
import type { ClusterObjects, Namespace, Node, Pod, Secret, ServiceAccount, Workload } from "@/lib/cluster/objects";
import {
  compilePolicy,
  identityFor,
  labelSelectorMatches,
  parseServiceAccountUsername,
  resourceRequest,
  ruleAllows,
  serviceAccountUsername,
  visitRulesFor,
  walkAllBindingsFor,
  type CompiledPolicy,
  type Identity,
} from "./engine";
import { BUILTIN_CLUSTER_ROLES, FALLBACK_ROLE_NAMES } from "./builtin-roles";
import type { RequestShape } from "./permissions";
import { objectRef, type VertexRef } from "./refs";
import type { BoundRole } from "./technique";
import { isMirrorPod, liveContainers, materialisedTokens, podContainers, tokensOfContainers, type PodContainer, type TokenLookup } from "./containers";
import { bindingKey, TrustModel, type TrustSpec } from "./trust";
import { ownerOfPod, type WorkloadRef } from "./owners";
import {
  escapesOf,
  type HostPathWriteMode,
  isControlPlaneNode,
  isInvalidatedToken,
  legacyTokenOwner,
  psaLevelOf,
  tokensHeld,
  type EscapeFact,
  type PsaLevel,
  type TokenSource,
} from "./pods";

export interface CriticalObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string | null;
}

export interface AnalysisOptions {
  /** User-tagged crown jewels: Namespace, ServiceAccount or Secret (extra sinks). */
  readonly critical?: readonly CriticalObject[];
  /** PSA level of a namespace without the enforce label (§1.6; default "privileged"). */
  readonly defaultPsaLevel?: PsaLevel;
  /** Audiences kube-apiserver accepts for projected tokens (default: its default audience). */
  readonly apiAudiences?: readonly string[];
  /** Whether kube-controller-manager signs `kubernetes.io/kube-apiserver-client` (§3.14; default true). */
  readonly csrSignerEnabled?: boolean;
  /** Report `get pods/exec` as POD_EXEC (API servers before 1.35; default false). */
  readonly legacyExecGet?: boolean;
  /** Bundled Kubernetes default policy, to report modified default roles (see compareDefaultRoles). */
  readonly bootstrapPolicy?: {
    readonly clusterRoles?: readonly ClusterRole[];
    readonly roles?: readonly Role[];
    /** The policy's bindings: their subjects form the default trusted set (v2 §1.11). */
    readonly clusterRoleBindings?: readonly ClusterRoleBinding[];
    readonly roleBindings?: readonly RoleBinding[];
  };
  /** Report, per start, only the ClusterAdmin path when it reaches ClusterAdmin (§2.3; default true). */
  readonly collapseAdminPaths?: boolean;
  /** v2 §1.13 settings (defaults on). */
  readonly nodeAuthorizer?: boolean;
  readonly nodeAudienceRestriction?: boolean;
  readonly ephemeralSecretRefs?: boolean;
  /** `listed` (default) or `any` (every writable hostPath outside KubeHound's safe list escapes). */
  readonly hostPathWrite?: HostPathWriteMode;
  /** v2 §2.9: the trust file, parsed. */
  readonly trust?: TrustSpec;
  /** Called after each stage with its wall and CPU time in ms (benchmarks; no effect on the result). */
  readonly onStage?: (stage: string, wallMs: number, cpuMs: number) => void;
}

export const DEFAULT_API_AUDIENCES = ["https://kubernetes.default.svc.cluster.local", "https://kubernetes.default.svc", "kubernetes.default.svc"];

export const NODE_USER_PREFIX = "system:node:";

/**
 * The identity acting as a start vertex (§1.3, v2 §1.8); undefined for intermediate vertices. The
 * one place that decides which identity a subject is: a node principal (a User `system:node:<n>` for
 * a known node, `knownNodes` given) also carries `system:nodes`.
 */
export function principalIdentity(ref: VertexRef, knownNodes?: ReadonlySet<string>): Identity | undefined {
  if (ref.kind === "ServiceAccount") return identityFor(serviceAccountUsername(ref.namespace ?? "", ref.name ?? ""));
  if (ref.kind === "User") {
    const name = ref.name ?? "";
    if (knownNodes && name.startsWith(NODE_USER_PREFIX) && knownNodes.has(name.slice(NODE_USER_PREFIX.length))) {
      return identityFor(name, ["system:nodes", "system:authenticated"], { exactGroups: true });
    }
    return identityFor(name);
  }
  if (ref.kind !== "Group") return undefined;
  // A member of the group: an unnamed user with that group (and system:authenticated unless anonymous).
  const g = ref.name ?? "";
  return identityFor(`\u0000group:${g}`, g === "system:unauthenticated" ? [g] : [g, "system:authenticated"], { exactGroups: true });
}

/**
 * §1.2: a binding that references cluster-admin, admin, edit or view when the snapshot omits that
 * ClusterRole uses Kubernetes' built-in definition (plus the built-in roles its aggregation selects,
 * when those are missing too). Returns the objects to analyse and the names assumed.
 */
export function withBuiltinRoles(objects: ClusterObjects): { objects: ClusterObjects; assumed: string[] } {
  const present = new Set(objects.clusterRoles.map((c) => c.metadata.name));
  const referenced = new Set(
    [...objects.clusterRoleBindings, ...objects.roleBindings].filter((b) => b.roleRef.kind === "ClusterRole").map((b) => b.roleRef.name),
  );
  const assumed = FALLBACK_ROLE_NAMES.filter((n) => referenced.has(n) && !present.has(n));
  if (assumed.length === 0) return { objects, assumed };
  const added: ClusterRole[] = [];
  const queue = BUILTIN_CLUSTER_ROLES.filter((c) => assumed.includes(c.metadata.name));
  while (queue.length > 0) {
    const role = queue.shift() as ClusterRole;
    if (present.has(role.metadata.name)) continue;
    present.add(role.metadata.name);
    added.push(role);
    for (const sel of role.aggregationRule?.clusterRoleSelectors ?? []) {
      for (const c of BUILTIN_CLUSTER_ROLES) if (!present.has(c.metadata.name) && labelSelectorMatches(sel, c.metadata.labels)) queue.push(c);
    }
  }
  return { objects: { ...objects, clusterRoles: [...objects.clusterRoles, ...added] }, assumed };
}

/**
 * §1.2: the snapshot's `rules` of an aggregated ClusterRole are authoritative (the authorizer reads
 * them; the aggregation controller fills them). Only an aggregated ClusterRole with empty rules is
 * computed as the union of the ClusterRoles its selectors match. The policy is compiled from this view.
 */
export function withAuthoritativeRules(objects: ClusterObjects): ClusterObjects {
  if (!objects.clusterRoles.some((c) => c.aggregationRule && c.rules.length > 0)) return objects;
  return {
    ...objects,
    clusterRoles: objects.clusterRoles.map((c) => (c.aggregationRule && c.rules.length > 0 ? { kind: c.kind, metadata: c.metadata, rules: c.rules } : c)),
  };
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function byName<T extends { metadata: { name: string } }>(a: T, b: T): number {
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

export class AnalysisContext {
  readonly policy: CompiledPolicy;
  readonly namespaces: readonly string[];
  readonly nodeNames: readonly string[];
  readonly nodeObjects = new Map<string, Node>();
  readonly controlPlaneNodes = new Set<string>();
  readonly namespaceObjects = new Map<string, Namespace>();
  readonly sasByNs = new Map<string, ServiceAccount[]>();
  readonly secretsByNs = new Map<string, Secret[]>();
  /** Valid legacy token Secrets per namespace: secret name → owning SA name. */
  readonly legacyTokensByNs = new Map<string, Map<string, string>>();
  /** Token Secrets valid but for the `legacy-token-invalid-since` label: secret name → owning SA name. */
  readonly invalidatedTokensByNs = new Map<string, Map<string, string>>();
  readonly podsByNs = new Map<string, Pod[]>();
  readonly podsByNode = new Map<string, Pod[]>();
  readonly podByKey = new Map<string, Pod>();
  readonly workloadsByNs = new Map<string, Workload[]>();
  readonly clusterRoles: readonly ClusterRole[];
  readonly clusterRoleNames: ReadonlySet<string>;
  /** RoleBindings per namespace, in snapshot order. */
  readonly roleBindingsByNs = new Map<string, RoleBinding[]>();
  readonly rolesByNs = new Map<string, Role[]>();
  readonly userNames: readonly string[];
  readonly groupNames: readonly string[];
  readonly apiAudiences: ReadonlySet<string>;
  readonly defaultPsa: PsaLevel;
  readonly objects: ClusterObjects;
  /** Built-in ClusterRoles used because bindings reference them and the snapshot omits them (§1.2). */
  readonly assumedRoles: readonly string[];
  // Per-object caches live as long as the analysis, so plain Maps: 150k-pod WeakMaps (ephemeron
  // tables) made every garbage collection of an XL analysis walk them.
  private readonly tokenCache = new Map<object, TokenSource[]>();
  private readonly liveTokenCache = new Map<object, TokenSource[]>();
  private readonly materialisedCache = new Map<object, TokenSource[]>();
  private readonly containerCache = new Map<object, PodContainer[]>();
  private readonly ownerCache = new Map<object, WorkloadRef | null>();
  readonly nodeSet: ReadonlySet<string>;
  readonly trust: TrustModel;
  /** Pods bound to each node for the Node authorizer (v2 §1.8: nodeName set, not a mirror pod). */
  readonly boundPodsByNode = new Map<string, Pod[]>();
  readonly workloadByKey = new Map<string, Workload>();
  /** Bindings by the reference a hop's `via` cites (`RoleBinding/ns/x`, `ClusterRoleBinding/x`); the first of duplicates. */
  readonly bindingByRef = new Map<string, Binding>();
  private readonly escapeCache = new Map<object, EscapeFact[]>();
  private readonly saIndex = new Map<string, ServiceAccount>();

  constructor(
    input: ClusterObjects,
    readonly options: AnalysisOptions = {},
  ) {
    const { objects, assumed } = withBuiltinRoles(input);
    this.objects = objects;
    this.assumedRoles = assumed;
    this.policy = compilePolicy(withAuthoritativeRules(objects));
    this.defaultPsa = options.defaultPsaLevel ?? "privileged";
    this.apiAudiences = new Set(options.apiAudiences ?? DEFAULT_API_AUDIENCES);
    const nsSet = new Set<string>();
    for (const n of objects.namespaces) {
      this.namespaceObjects.set(n.metadata.name, n);
      nsSet.add(n.metadata.name);
    }
    for (const sa of [...objects.serviceAccounts].sort(byName)) {
      pushTo(this.sasByNs, sa.metadata.namespace, sa);
      this.saIndex.set(`${sa.metadata.namespace}/${sa.metadata.name}`, sa);
      nsSet.add(sa.metadata.namespace);
    }
    for (const s of [...objects.secrets].sort(byName)) {
      pushTo(this.secretsByNs, s.metadata.namespace, s);
      nsSet.add(s.metadata.namespace);
      const owner = legacyTokenOwner(s, (n) => this.serviceAccount(s.metadata.namespace, n));
      if (owner !== undefined) {
        let m = this.legacyTokensByNs.get(s.metadata.namespace);
        if (!m) this.legacyTokensByNs.set(s.metadata.namespace, (m = new Map()));
        m.set(s.metadata.name, owner);
      } else if (isInvalidatedToken(s)) {
        const revived = legacyTokenOwner(s, (n) => this.serviceAccount(s.metadata.namespace, n), true);
        if (revived !== undefined) {
          let m = this.invalidatedTokensByNs.get(s.metadata.namespace);
          if (!m) this.invalidatedTokensByNs.set(s.metadata.namespace, (m = new Map()));
          m.set(s.metadata.name, revived);
        }
      }
    }
    const nodeSet = new Set<string>();
    for (const n of objects.nodes) {
      this.nodeObjects.set(n.metadata.name, n);
      nodeSet.add(n.metadata.name);
      if (isControlPlaneNode(n)) this.controlPlaneNodes.add(n.metadata.name);
    }
    for (const p of [...objects.pods].sort(byName)) {
      pushTo(this.podsByNs, p.metadata.namespace, p);
      this.podByKey.set(`${p.metadata.namespace}/${p.metadata.name}`, p);
      nsSet.add(p.metadata.namespace);
      if (p.spec.nodeName) {
        pushTo(this.podsByNode, p.spec.nodeName, p);
        nodeSet.add(p.spec.nodeName);
      }
    }
    for (const w of [...objects.workloads].sort(byName)) {
      pushTo(this.workloadsByNs, w.metadata.namespace, w);
      nsSet.add(w.metadata.namespace);
    }
    for (const r of [...objects.roles].sort(byName)) {
      pushTo(this.rolesByNs, r.metadata.namespace, r);
      nsSet.add(r.metadata.namespace);
    }
    for (const rb of objects.roleBindings) {
      nsSet.add(rb.metadata.namespace);
      pushTo(this.roleBindingsByNs, rb.metadata.namespace, rb);
    }
    this.clusterRoles = [...objects.clusterRoles].sort(byName);
    this.clusterRoleNames = new Set(this.clusterRoles.map((c) => c.metadata.name));
    this.namespaces = [...nsSet].sort();
    this.nodeNames = [...nodeSet].sort();
    this.nodeSet = nodeSet;
    for (const [n, pods] of this.podsByNode) this.boundPodsByNode.set(n, pods.filter((p) => !isMirrorPod(p)));
    for (const w of objects.workloads) this.workloadByKey.set(`${w.kind}/${w.metadata.namespace}/${w.metadata.name}`, w);

    for (const b of [...objects.clusterRoleBindings, ...objects.roleBindings] as Binding[]) if (!this.bindingByRef.has(bindingKey(b))) this.bindingByRef.set(bindingKey(b), b);
    const users = new Set<string>();
    const groups = new Set<string>();
    for (const b of [...objects.roleBindings, ...objects.clusterRoleBindings]) {
      for (const s of b.subjects ?? []) {
        if (s.kind === "User" && !parseServiceAccountUsername(s.name)) users.add(s.name);
        if (s.kind === "Group") groups.add(s.name);
      }
    }
    // v2 §1.8: every known node's kubelet is a start; system:nodes is one when a binding names it.
    for (const n of this.nodeNames) users.add(`${NODE_USER_PREFIX}${n}`);
    this.userNames = [...users].sort();
    this.groupNames = [...groups].sort();
    this.trust = new TrustModel(objects, options.bootstrapPolicy, options.trust, this.nodeSet);
  }

  /** The binding a `via` names, as an object reference (findings about it). */
  bindingObjectOf(via: string): { kind: string; name: string; namespace: string | null } {
    const b = this.bindingByRef.get(via);
    if (!b) throw new Error(`analysis: ${via} names no binding of the snapshot`);
    return { kind: b.kind, name: b.metadata.name, namespace: b.kind === "RoleBinding" ? b.metadata.namespace : null };
  }

  /** The identity a start vertex acts as (node principals carry system:nodes). */
  identityOf(ref: VertexRef): Identity | undefined {
    return principalIdentity(ref, this.nodeSet);
  }

  /** The node whose kubelet this principal is (v2 §1.8), or undefined. */
  nodeOfPrincipal(ref: VertexRef): string | undefined {
    if (ref.kind !== "User" || !ref.name?.startsWith(NODE_USER_PREFIX)) return undefined;
    const n = ref.name.slice(NODE_USER_PREFIX.length);
    return this.nodeSet.has(n) ? n : undefined;
  }

  /** NodeRestriction applies to this principal's requests (v2 §1.8). */
  isNodeRestricted(ref: VertexRef): boolean {
    return this.options.nodeAuthorizer !== false && this.nodeOfPrincipal(ref) !== undefined;
  }

  tokenLookup(namespace: string): TokenLookup {
    return { saOf: (n) => this.serviceAccount(namespace, n), legacyOwner: (s) => this.legacyOwner(namespace, s), apiAudiences: this.apiAudiences };
  }

  containersOf(pod: Pod): PodContainer[] {
    let c = this.containerCache.get(pod);
    if (!c) this.containerCache.set(pod, (c = podContainers(pod)));
    return c;
  }

  /** v2 §1.10 / §3.34: tokens a Pod vertex yields (TOKENS over LIVE(P)). */
  liveTokensOf(pod: Pod): TokenSource[] {
    let t = this.liveTokenCache.get(pod);
    if (!t) this.liveTokenCache.set(pod, (t = tokensOfContainers(pod, this.containersOf(pod).filter((c) => c.live), this.tokenLookup(pod.metadata.namespace))));
    return t;
  }

  /** v2 §1.10: MATERIALISED(P), what the node holds for the pod. */
  materialisedTokensOf(pod: Pod): TokenSource[] {
    let t = this.materialisedCache.get(pod);
    if (!t) this.materialisedCache.set(pod, (t = materialisedTokens(pod, this.tokenLookup(pod.metadata.namespace))));
    return t;
  }

  liveContainersOf(pod: Pod) {
    return liveContainers(pod);
  }

  /** v2 §1.12: the pod's workload owner (null: none, or a mirror pod). */
  ownerOf(pod: Pod): WorkloadRef | null {
    let o = this.ownerCache.get(pod);
    if (o === undefined) this.ownerCache.set(pod, (o = ownerOfPod(pod, (kind, ns, name) => this.workloadByKey.get(`${kind}/${ns}/${name}`))));
    return o;
  }

  /**
   * The bindings (`via`) whose rules allow one request for a principal, straight from the engine's
   * rule walk — for permissions the graph's pre-filtered rule set may not carry. `namespace` "" =
   * a cluster-scoped request.
   */
  engineVias(ref: VertexRef, shape: RequestShape, namespace: string, name: string): string[] {
    const identity = this.identityOf(ref);
    if (!identity) return [];
    const request = resourceRequest({ ...shape, namespace, name });
    const out = new Set<string>();
    visitRulesFor(this.policy, identity, namespace, (source, eff) => {
      if (ruleAllows(request, eff.rule)) out.add(objectRef(source.binding.kind, source.binding.name, source.binding.namespace));
      return true;
    });
    return [...out].sort();
  }

  /** Every binding applying to a principal, with its role — including roles that have no rules (an aggregated ClusterRole nothing feeds yet). */
  boundRolesOf(ref: VertexRef): BoundRole[] {
    const identity = this.identityOf(ref);
    if (!identity) return [];
    const out = new Map<string, BoundRole>();
    walkAllBindingsFor(this.policy, identity, (entry) => {
      const via = objectRef(entry.ref.kind, entry.ref.name, entry.ref.namespace);
      if (!out.has(via) && entry.rules !== undefined) {
        out.set(via, {
          roleKind: entry.role.kind,
          roleName: entry.role.name,
          roleNamespace: entry.role.namespace ?? null,
          binding: via,
          bindingIsCluster: entry.ref.kind === "ClusterRoleBinding",
          scope: entry.scope,
        });
      }
      return true;
    });
    return [...out.values()].sort((a, b) => (a.binding < b.binding ? -1 : a.binding > b.binding ? 1 : 0));
  }

  serviceAccount(namespace: string, name: string): ServiceAccount | undefined {
    return this.saIndex.get(`${namespace}/${name}`);
  }

  private privilegedNs: boolean | undefined;
  /** Whether some known namespace is enforced at `privileged`. */
  hasPrivilegedNamespace(): boolean {
    this.privilegedNs ??= this.namespaces.some((ns) => this.psa(ns) === "privileged");
    return this.privilegedNs;
  }

  psa(namespace: string): PsaLevel {
    return psaLevelOf(this.namespaceObjects.get(namespace), this.defaultPsa);
  }

  legacyOwner(namespace: string, secretName: string): string | undefined {
    return this.legacyTokensByNs.get(namespace)?.get(secretName);
  }

  /** §1.4: ServiceAccounts whose API token this pod/template holds (cached per spec object). */
  tokensOf(namespace: string, spec: Pod["spec"]): TokenSource[] {
    let t = this.tokenCache.get(spec);
    if (!t) {
      t = tokensHeld(spec, (n) => this.serviceAccount(namespace, n), (s) => this.legacyOwner(namespace, s), this.apiAudiences);
      this.tokenCache.set(spec, t);
    }
    return t;
  }

  get hostPathWrite(): HostPathWriteMode {
    return this.options.hostPathWrite ?? "listed";
  }

  /** Escapes of every container (pod-spec findings, templates). */
  escapesOf(spec: Pod["spec"], annotations: Pod["metadata"]["annotations"]): EscapeFact[] {
    let e = this.escapeCache.get(spec);
    if (!e) {
      e = escapesOf(spec, annotations, undefined, undefined, this.hostPathWrite);
      this.escapeCache.set(spec, e);
    }
    return e;
  }

  private readonly liveEscapeCache = new Map<object, EscapeFact[]>();
  /** v2 §3.34: escapes of an existing pod reached as a Pod vertex (LIVE containers only). */
  liveEscapesOf(pod: Pod): EscapeFact[] {
    let e = this.liveEscapeCache.get(pod);
    if (!e) this.liveEscapeCache.set(pod, (e = escapesOf(pod.spec, pod.metadata.annotations, liveContainers(pod), undefined, this.hostPathWrite)));
    return e;
  }
}
