/**
 * The engine's view of the RBAC objects (Role, ClusterRole, their bindings) and object metadata.
 * Every other kept kind (pods, workloads, nodes, Secrets, webhooks, PVs) is modelled in
 * `lib/cluster/objects`.
 *
 * These are plain, readonly, already-validated shapes (ingest produces them; the store rebuilds
 * them). Field names follow the Kubernetes API so a reader can map them to `kubectl get -o yaml`
 * output without a dictionary. Only the fields some analysis reads are modelled; everything else
 * stays in the stored manifest for display.
 */

export type Labels = Readonly<Record<string, string>>;

export interface ObjectMeta {
  readonly name: string;
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string;
  readonly uid?: string;
  readonly labels?: Labels;
  readonly annotations?: Labels;
  readonly creationTimestamp?: string;
}

// ---------------------------------------------------------------------------------------------
// RBAC (rbac.authorization.k8s.io/v1)

export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

export type LabelSelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: LabelSelectorOperator;
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface AggregationRule {
  readonly clusterRoleSelectors?: readonly LabelSelector[];
}

export interface Role {
  readonly kind: "Role";
  readonly metadata: ObjectMeta & { readonly namespace: string };
  readonly rules: readonly PolicyRule[];
}

export interface ClusterRole {
  readonly kind: "ClusterRole";
  readonly metadata: ObjectMeta;
  /** As found in the input; for aggregated roles the engine recomputes the effective rules. */
  readonly rules: readonly PolicyRule[];
  readonly aggregationRule?: AggregationRule;
}

export type SubjectKind = "User" | "Group" | "ServiceAccount";

export interface Subject {
  readonly kind: SubjectKind;
  readonly name: string;
  /** Only meaningful for ServiceAccount subjects. */
  readonly namespace?: string;
  readonly apiGroup?: string;
}

export interface RoleRef {
  readonly kind: "Role" | "ClusterRole";
  readonly name: string;
  readonly apiGroup: string;
}

export interface RoleBinding {
  readonly kind: "RoleBinding";
  readonly metadata: ObjectMeta & { readonly namespace: string };
  readonly subjects: readonly Subject[];
  readonly roleRef: RoleRef;
}

export interface ClusterRoleBinding {
  readonly kind: "ClusterRoleBinding";
  readonly metadata: ObjectMeta;
  readonly subjects: readonly Subject[];
  readonly roleRef: RoleRef;
}

export type Binding = RoleBinding | ClusterRoleBinding;
export type AnyRole = Role | ClusterRole;

/** Everything the authorizer needs: the four RBAC kinds. */
export interface RbacPolicy {
  readonly roles: readonly Role[];
  readonly clusterRoles: readonly ClusterRole[];
  readonly roleBindings: readonly RoleBinding[];
  readonly clusterRoleBindings: readonly ClusterRoleBinding[];
}
