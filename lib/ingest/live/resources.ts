/**
 * The list endpoint of every kept kind: what the live collector asks the API server for, and what
 * the least-privilege reader role (deploy/rbac-atlas-reader.yaml) grants `get`/`list` on.
 */

import type { KeptKind } from "@/lib/cluster/objects";

export interface LiveResource {
  readonly kind: KeptKind;
  /** "" for the core group. */
  readonly group: string;
  readonly version: string;
  /** The resource name RBAC and the URL use: "pods", "clusterrolebindings". */
  readonly resource: string;
  readonly namespaced: boolean;
}

const RBAC = "rbac.authorization.k8s.io";
const ADMISSION = "admissionregistration.k8s.io";

/** In KEPT_KINDS order, so snapshots list kinds the same way whatever the request order was. */
export const LIVE_RESOURCES: readonly LiveResource[] = [
  { kind: "Namespace", group: "", version: "v1", resource: "namespaces", namespaced: false },
  { kind: "ServiceAccount", group: "", version: "v1", resource: "serviceaccounts", namespaced: true },
  { kind: "Role", group: RBAC, version: "v1", resource: "roles", namespaced: true },
  { kind: "ClusterRole", group: RBAC, version: "v1", resource: "clusterroles", namespaced: false },
  { kind: "RoleBinding", group: RBAC, version: "v1", resource: "rolebindings", namespaced: true },
  { kind: "ClusterRoleBinding", group: RBAC, version: "v1", resource: "clusterrolebindings", namespaced: false },
  { kind: "Pod", group: "", version: "v1", resource: "pods", namespaced: true },
  { kind: "Deployment", group: "apps", version: "v1", resource: "deployments", namespaced: true },
  { kind: "DaemonSet", group: "apps", version: "v1", resource: "daemonsets", namespaced: true },
  { kind: "StatefulSet", group: "apps", version: "v1", resource: "statefulsets", namespaced: true },
  { kind: "ReplicaSet", group: "apps", version: "v1", resource: "replicasets", namespaced: true },
  { kind: "Job", group: "batch", version: "v1", resource: "jobs", namespaced: true },
  { kind: "CronJob", group: "batch", version: "v1", resource: "cronjobs", namespaced: true },
  { kind: "ReplicationController", group: "", version: "v1", resource: "replicationcontrollers", namespaced: true },
  { kind: "Node", group: "", version: "v1", resource: "nodes", namespaced: false },
  { kind: "PersistentVolume", group: "", version: "v1", resource: "persistentvolumes", namespaced: false },
  { kind: "MutatingWebhookConfiguration", group: ADMISSION, version: "v1", resource: "mutatingwebhookconfigurations", namespaced: false },
  { kind: "ValidatingWebhookConfiguration", group: ADMISSION, version: "v1", resource: "validatingwebhookconfigurations", namespaced: false },
  { kind: "Secret", group: "", version: "v1", resource: "secrets", namespaced: true },
];

/** "v1", "rbac.authorization.k8s.io/v1": what `apiVersion` says on the objects of this list. */
export function apiVersionOf(resource: LiveResource): string {
  return resource.group === "" ? resource.version : `${resource.group}/${resource.version}`;
}

/** The all-namespaces list path: "/api/v1/pods", "/apis/apps/v1/deployments". */
export function listPath(resource: LiveResource): string {
  return resource.group === ""
    ? `/api/${resource.version}/${resource.resource}`
    : `/apis/${resource.group}/${resource.version}/${resource.resource}`;
}

export function findLiveResource(kindOrResource: string): LiveResource | undefined {
  return LIVE_RESOURCES.find((r) => r.kind === kindOrResource || r.resource === kindOrResource);
}
