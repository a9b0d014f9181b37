/**
 * Kubernetes' built-in cluster-admin, admin, edit and view, with the system:aggregate-to-* roles that
 * feed the aggregated three, as bundled in fixtures/k8s-bootstrap-policy/cluster-roles.yaml. §1.2: used
 * only when a binding references one of the four and the snapshot omits it.
 */
import type { ClusterRole } from "@/lib/rbac/objects";

export const FALLBACK_ROLE_NAMES: readonly string[] = ["cluster-admin", "admin", "edit", "view"];

export const BUILTIN_CLUSTER_ROLES: readonly ClusterRole[] = [
  {
    kind: "ClusterRole",
    metadata: { name: "cluster-admin", labels: {"kubernetes.io/bootstrapping": "rbac-defaults"} },
    rules: [
      {"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]},
      {"nonResourceURLs": ["*"], "verbs": ["*"]},
    ],
  },
  {
    kind: "ClusterRole",
    metadata: { name: "admin", labels: {"kubernetes.io/bootstrapping": "rbac-defaults"} },
    aggregationRule: {"clusterRoleSelectors": [{"matchLabels": {"rbac.authorization.k8s.io/aggregate-to-admin": "true"}}]},
    rules: [],
  },
  {
    kind: "ClusterRole",
    metadata: { name: "edit", labels: {"kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-admin": "true"} },
    aggregationRule: {"clusterRoleSelectors": [{"matchLabels": {"rbac.authorization.k8s.io/aggregate-to-edit": "true"}}]},
    rules: [],
  },
  {
    kind: "ClusterRole",
    metadata: { name: "view", labels: {"kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-edit": "true"} },
    aggregationRule: {"clusterRoleSelectors": [{"matchLabels": {"rbac.authorization.k8s.io/aggregate-to-view": "true"}}]},
    rules: [],
  },
  {
    kind: "ClusterRole",
    metadata: { name: "system:aggregate-to-admin", labels: {"kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-admin": "true"} },
    rules: [
      {"apiGroups": ["authorization.k8s.io"], "resources": ["localsubjectaccessreviews"], "verbs": ["create"]},
      {"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings", "roles"], "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]},
    ],
  },
  {
    kind: "ClusterRole",
    metadata: { name: "system:aggregate-to-edit", labels: {"kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-edit": "true"} },
    rules: [
      {"apiGroups": [""], "resources": ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"], "verbs": ["get", "list", "watch"]},
      {"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["impersonate"]},
      {"apiGroups": [""], "resources": ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"], "verbs": ["create", "delete", "deletecollection", "patch", "update"]},
      {"apiGroups": [""], "resources": ["pods/eviction"], "verbs": ["create"]},
      {"apiGroups": [""], "resources": ["configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"], "verbs": ["create", "delete", "deletecollection", "patch", "update"]},
      {"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]},
      {"apiGroups": ["apps"], "resources": ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"], "verbs": ["create", "delete", "deletecollection", "patch", "update"]},
      {"apiGroups": ["autoscaling"], "resources": ["horizontalpodautoscalers"], "verbs": ["create", "delete", "deletecollection", "patch", "update"]},
      {"apiGroups": ["batch"], "resources": ["cronjobs", "jobs"], "verbs": ["create", "delete", "deletecollection", "patch", "update"]},
      {"apiGroups": ["extensions"], "resources": ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses", "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale"], "verbs": ["create", "delete", "deletecollection", "patch", "update"]},
      {"apiGroups": ["policy"], "resources": ["poddisruptionbudgets"], "verbs": ["create", "delete", "deletecollection", "patch", "update"]},
      {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses", "networkpolicies"], "verbs": ["create", "delete", "deletecollection", "patch", "update"]},
      {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]},
    ],
  },
  {
    kind: "ClusterRole",
    metadata: { name: "system:aggregate-to-view", labels: {"kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-view": "true"} },
    rules: [
      {"apiGroups": [""], "resources": ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"], "verbs": ["get", "list", "watch"]},
      {"apiGroups": [""], "resources": ["bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"], "verbs": ["get", "list", "watch"]},
      {"apiGroups": [""], "resources": ["namespaces"], "verbs": ["get", "list", "watch"]},
      {"apiGroups": ["discovery.k8s.io"], "resources": ["endpointslices"], "verbs": ["get", "list", "watch"]},
      {"apiGroups": ["apps"], "resources": ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"], "verbs": ["get", "list", "watch"]},
      {"apiGroups": ["autoscaling"], "resources": ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], "verbs": ["get", "list", "watch"]},
      {"apiGroups": ["batch"], "resources": ["cronjobs", "cronjobs/status", "jobs", "jobs/status"], "verbs": ["get", "list", "watch"]},
      {"apiGroups": ["extensions"], "resources": ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"], "verbs": ["get", "list", "watch"]},
      {"apiGroups": ["policy"], "resources": ["poddisruptionbudgets", "poddisruptionbudgets/status"], "verbs": ["get", "list", "watch"]},
      {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses", "ingresses/status", "networkpolicies"], "verbs": ["get", "list", "watch"]},
    ],
  },
];
