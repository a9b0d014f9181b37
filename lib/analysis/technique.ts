/**
 * The shape of one escalation technique (§3). Each technique lives in its own file under
 * `techniques/` and is registered in `techniques/index.ts`.
 */
import type { Node, Pod } from "@/lib/cluster/objects";
import type { AnalysisContext } from "./context";
import type { PermissionView, RequestShape } from "./permissions";
import type { VertexRef } from "./refs";
import type { PodContainer } from "./containers";
import type { Cause } from "./cause";

/**
 * The vocabulary of technique ids (a type only). The runtime id list and §5 precedence are derived
 * from the registered techniques (`catalog.ts`), each of which declares its §3 section and rank.
 */
export type TechniqueId =
  "POD_CREATE_TOKEN_THEFT" |
  "WORKLOAD_CREATE" |
  "POD_EXEC" |
  "POD_EPHEMERAL_CONTAINER" |
  "POD_PATCH_IMAGE" |
  "POD_SA_TOKEN" |
  "SECRET_READ_SA_TOKEN" |
  "SECRET_READ" |
  "SECRET_CREATE_SA_TOKEN" |
  "TOKEN_REQUEST" |
  "IMPERSONATE" |
  "ROLE_BIND" |
  "ROLE_ESCALATE" |
  "CSR_APPROVE_SIGN" |
  "NODES_PROXY_EXEC" |
  "WEBHOOK_CONFIG_WRITE" |
  "PV_HOSTPATH" |
  "NAMESPACE_LABEL_PSA_BYPASS" |
  "PRIVILEGED_POD_NODE_ESCAPE" |
  "HOSTPATH_ESCAPE" |
  "HOSTPID_ESCAPE" |
  "CAP_SYS_ADMIN_ESCAPE" |
  "CAP_SYS_MODULE_ESCAPE" |
  "NODE_TOKEN_HARVEST" |
  "CONTROL_PLANE_NODE_TAKEOVER" |
  "CLUSTER_ADMIN_EQUIVALENT" |
  "NODE_IDENTITY_ASSUME" |
  "NODE_AUTHZ_TOKEN_REQUEST" |
  "NODE_AUTHZ_SECRET_READ" |
  "HOSTPATH_READ" |
  "VAR_LOG_SYMLINK" |
  "POD_ATTACH" |
  "SHARE_PS_NAMESPACE";

/** What every technique declares about itself (one place): its id, §3 section number and §5 precedence rank. */
export interface TechniqueInfo {
  readonly id: TechniqueId;
  /** §3.n (v2 continues the numbering): orders the id list. */
  readonly section: number;
  /**
   * §5 / v2 §5: when several techniques produce the same hop, the lowest rank is canonical. v1's
   * identity-reaching order, then SECRET_READ, POD_EPHEMERAL_CONTAINER, NODE_AUTHZ_TOKEN_REQUEST,
   * NODE_AUTHZ_SECRET_READ; the rest follow the escape precedence, then catalog order; from a
   * Container vertex POD_SA_TOKEN precedes SHARE_PS_NAMESPACE.
   */
  readonly rank: number;
}

export type Severity = "Critical" | "High" | "Medium" | "Low";

/** A principal-like source: a ServiceAccount/User/Group, or one of its private RoleGrants. */
export interface PrincipalSource {
  readonly vertex: VertexRef;
  readonly view: PermissionView;
  /** True for RoleGrant vertices (no ROLE_BIND / ROLE_ESCALATE from them: no grants on grants). */
  readonly isGrant: boolean;
  /** Roles bound to the principal with the binding that binds them (ROLE_ESCALATE variant 1/2). */
  readonly boundRoles: readonly BoundRole[];
  /** v2 §1.8: the node whose kubelet this principal is, when NodeRestriction applies to it. */
  readonly restrictedNode: string | null;
}

export interface BoundRole {
  readonly roleKind: "Role" | "ClusterRole";
  readonly roleName: string;
  readonly roleNamespace: string | null;
  readonly binding: string;
  readonly bindingIsCluster: boolean;
  /** Namespace of the RoleBinding; null for a ClusterRoleBinding. */
  readonly scope: string | null;
}

export interface RoleGrantSpec {
  readonly roleKind: "Role" | "ClusterRole";
  readonly roleName: string;
  readonly roleNamespace: string | null;
  /** null = cluster-wide (a ClusterRoleBinding to the role). */
  readonly scope: string | null;
  /** ROLE_ESCALATE variant: the role was rewritten to `*`/`*`/`*`. */
  readonly wildcard: boolean;
}

export interface PendingFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly object: { readonly kind: string; readonly name: string; readonly namespace: string | null };
  readonly title: string;
  readonly why: string;
  readonly remediation: string;
}

/** Where a technique writes what it found. */
export interface EdgeSink {
  /**
   * A hop to a shared vertex. `causes` default to the objects the `vias` name (bindings, a
   * self-granted role, a node, system:masters); `container` names the one container the hop was
   * evaluated on (v2 §2.6).
   */
  edge(to: VertexRef, technique: TechniqueId, vias: readonly string[], causes?: readonly Cause[], container?: string): void;
  /** Exactly `edge(nodeRef(n), technique, vias)` for every n of `ctx.nodeNames`, in that order (a fan-out to every node, done in one step). */
  everyNode(technique: TechniqueId, vias: readonly string[]): void;
  /** A hop to a private RoleGrant of the current principal. */
  roleGrant(spec: RoleGrantSpec, technique: TechniqueId, vias: readonly string[]): void;
  /** A hop to the private relabelled-Namespace vertex of the current principal. */
  relabelledNamespace(namespace: string, vias: readonly string[], podCreateVias: readonly string[]): void;
  finding(f: PendingFinding): void;
}

export interface PrincipalTechnique extends TechniqueInfo {
  readonly on: "principal";
  /**
   * Every request shape the technique asks a principal's permissions about: the graph keeps only
   * rules that allow one of them (derived from this list, so a technique cannot lose its paths to
   * a table it forgot to update).
   */
  readonly shapes: readonly RequestShape[];
  apply(ctx: AnalysisContext, src: PrincipalSource, out: EdgeSink): void;
}
/**
 * Which containers of the pod the attacker runs code in (v2 §1.9): a Pod vertex holds LIVE(P),
 * a Container vertex one container (`container` set).
 */
export interface PodScope {
  readonly containers: readonly PodContainer[];
  readonly container: string | null;
}

export interface PodTechnique extends TechniqueInfo {
  readonly on: "pod";
  apply(ctx: AnalysisContext, pod: Pod, out: EdgeSink, scope: PodScope): void;
}
export interface NodeTechnique extends TechniqueInfo {
  readonly on: "node";
  apply(ctx: AnalysisContext, nodeName: string, node: Node | undefined, out: EdgeSink): void;
}
export interface NamespaceTechnique extends TechniqueInfo {
  readonly on: "namespace";
  apply(ctx: AnalysisContext, namespace: string, podCreateVias: readonly string[], out: EdgeSink): void;
}

export type Technique = PrincipalTechnique | PodTechnique | NodeTechnique | NamespaceTechnique;
