/**
 * Resolving a user-typed resource type ("po", "deploy", "deployments.apps",
 * "clusterroles.rbac.authorization.k8s.io", "foo.example.com") to (apiGroup, resource), like
 * kubectl's RESTMapper would for built-in kinds. The table doubles as the default matrix list.
 */

export interface ResourceType {
  readonly apiGroup: string;
  /** Plural, lowercase: what RBAC rules name. */
  readonly resource: string;
  readonly singular: string;
  readonly kind: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
}

export interface ResolvedType {
  readonly ok: true;
  readonly apiGroup: string;
  readonly resource: string;
  /** From `TYPE/SUB` input, else "". */
  readonly subresource: string;
  readonly namespaced: boolean | undefined;
  /** false = not in the built-in table (a custom resource taken literally). */
  readonly builtIn: boolean;
}

export interface ResolveError {
  readonly ok: false;
  readonly code: "EMPTY_TYPE" | "UNKNOWN_TYPE";
  readonly message: string;
}

function t(apiGroup: string, resource: string, kind: string, namespaced: boolean, shortNames: string[] = [], singular?: string): ResourceType {
  return { apiGroup, resource, kind, namespaced, shortNames, singular: singular ?? kind.toLowerCase() };
}

/** Built-in resources, preferred group first where a plural exists in several groups (kubectl's priority). */
export const BUILTIN_RESOURCE_TYPES: readonly ResourceType[] = [
  t("", "bindings", "Binding", true),
  t("", "componentstatuses", "ComponentStatus", false, ["cs"]),
  t("", "configmaps", "ConfigMap", true, ["cm"]),
  t("", "endpoints", "Endpoints", true, ["ep"], "endpoints"),
  t("", "events", "Event", true, ["ev"]),
  t("", "limitranges", "LimitRange", true, ["limits"]),
  t("", "namespaces", "Namespace", false, ["ns"]),
  t("", "nodes", "Node", false, ["no"]),
  t("", "persistentvolumeclaims", "PersistentVolumeClaim", true, ["pvc"]),
  t("", "persistentvolumes", "PersistentVolume", false, ["pv"]),
  t("", "pods", "Pod", true, ["po"]),
  t("", "podtemplates", "PodTemplate", true),
  t("", "replicationcontrollers", "ReplicationController", true, ["rc"]),
  t("", "resourcequotas", "ResourceQuota", true, ["quota"]),
  t("", "secrets", "Secret", true),
  t("", "serviceaccounts", "ServiceAccount", true, ["sa"]),
  t("", "services", "Service", true, ["svc"]),
  t("admissionregistration.k8s.io", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false),
  t("admissionregistration.k8s.io", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false),
  t("admissionregistration.k8s.io", "validatingadmissionpolicies", "ValidatingAdmissionPolicy", false),
  t("admissionregistration.k8s.io", "validatingadmissionpolicybindings", "ValidatingAdmissionPolicyBinding", false),
  t("apiextensions.k8s.io", "customresourcedefinitions", "CustomResourceDefinition", false, ["crd", "crds"]),
  t("apiregistration.k8s.io", "apiservices", "APIService", false),
  t("apps", "controllerrevisions", "ControllerRevision", true),
  t("apps", "daemonsets", "DaemonSet", true, ["ds"]),
  t("apps", "deployments", "Deployment", true, ["deploy"]),
  t("apps", "replicasets", "ReplicaSet", true, ["rs"]),
  t("apps", "statefulsets", "StatefulSet", true, ["sts"]),
  t("authentication.k8s.io", "selfsubjectreviews", "SelfSubjectReview", false),
  t("authentication.k8s.io", "tokenreviews", "TokenReview", false),
  t("authorization.k8s.io", "localsubjectaccessreviews", "LocalSubjectAccessReview", true),
  t("authorization.k8s.io", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false),
  t("authorization.k8s.io", "selfsubjectrulesreviews", "SelfSubjectRulesReview", false),
  t("authorization.k8s.io", "subjectaccessreviews", "SubjectAccessReview", false),
  t("autoscaling", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, ["hpa"]),
  t("batch", "cronjobs", "CronJob", true, ["cj"]),
  t("batch", "jobs", "Job", true),
  t("certificates.k8s.io", "certificatesigningrequests", "CertificateSigningRequest", false, ["csr"]),
  t("coordination.k8s.io", "leases", "Lease", true),
  t("discovery.k8s.io", "endpointslices", "EndpointSlice", true),
  t("events.k8s.io", "events", "Event", true, ["ev"]),
  t("flowcontrol.apiserver.k8s.io", "flowschemas", "FlowSchema", false),
  t("flowcontrol.apiserver.k8s.io", "prioritylevelconfigurations", "PriorityLevelConfiguration", false),
  t("networking.k8s.io", "ingressclasses", "IngressClass", false),
  t("networking.k8s.io", "ingresses", "Ingress", true, ["ing"]),
  t("networking.k8s.io", "networkpolicies", "NetworkPolicy", true, ["netpol"]),
  t("node.k8s.io", "runtimeclasses", "RuntimeClass", false),
  t("policy", "poddisruptionbudgets", "PodDisruptionBudget", true, ["pdb"]),
  t("rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", false),
  t("rbac.authorization.k8s.io", "clusterroles", "ClusterRole", false),
  t("rbac.authorization.k8s.io", "rolebindings", "RoleBinding", true),
  t("rbac.authorization.k8s.io", "roles", "Role", true),
  t("scheduling.k8s.io", "priorityclasses", "PriorityClass", false, ["pc"]),
  t("storage.k8s.io", "csidrivers", "CSIDriver", false),
  t("storage.k8s.io", "csinodes", "CSINode", false),
  t("storage.k8s.io", "csistoragecapacities", "CSIStorageCapacity", true),
  t("storage.k8s.io", "storageclasses", "StorageClass", false, ["sc"]),
  t("storage.k8s.io", "volumeattachments", "VolumeAttachment", false),
];

const VERSION = /^v\d+((alpha|beta)\d+)?$/;

function matchesName(type: ResourceType, name: string): boolean {
  return type.resource === name || type.singular === name || type.shortNames.includes(name) || type.kind.toLowerCase() === name;
}

/**
 * `TYPE[.VERSION][.GROUP][/SUBRESOURCE]`. With `apiGroupOverride` (may be "" for core) the group
 * is not inferred: a built-in name in that group is mapped to its plural, anything else is taken
 * literally.
 */
export function resolveResourceType(type: string, apiGroupOverride?: string): ResolvedType | ResolveError {
  const trimmed = type.trim();
  if (trimmed === "") return { ok: false, code: "EMPTY_TYPE", message: "a resource type is required" };
  const slash = trimmed.indexOf("/");
  const typePart = slash >= 0 ? trimmed.slice(0, slash) : trimmed;
  const subresource = slash >= 0 ? trimmed.slice(slash + 1) : "";
  const lower = typePart.toLowerCase();

  if (apiGroupOverride !== undefined) {
    const known = BUILTIN_RESOURCE_TYPES.find((x) => x.apiGroup === apiGroupOverride && matchesName(x, lower));
    return {
      ok: true,
      apiGroup: apiGroupOverride,
      resource: known ? known.resource : lower,
      subresource,
      namespaced: known?.namespaced,
      builtIn: known !== undefined,
    };
  }

  const dot = lower.indexOf(".");
  if (dot < 0) {
    const known = BUILTIN_RESOURCE_TYPES.find((x) => matchesName(x, lower));
    if (!known) {
      return {
        ok: false,
        code: "UNKNOWN_TYPE",
        message: `unknown resource type "${typePart}": use RESOURCE.GROUP for custom resources, or --api-group`,
      };
    }
    return { ok: true, apiGroup: known.apiGroup, resource: known.resource, subresource, namespaced: known.namespaced, builtIn: true };
  }
  const name = lower.slice(0, dot);
  let group = lower.slice(dot + 1);
  const firstGroupPart = group.split(".")[0] ?? "";
  if (VERSION.test(firstGroupPart)) group = group.slice(firstGroupPart.length + 1);
  else if (VERSION.test(group)) group = "";
  const known = BUILTIN_RESOURCE_TYPES.find((x) => x.apiGroup === group && matchesName(x, name));
  if (known) return { ok: true, apiGroup: known.apiGroup, resource: known.resource, subresource, namespaced: known.namespaced, builtIn: true };
  return { ok: true, apiGroup: group, resource: name, subresource, namespaced: undefined, builtIn: false };
}
