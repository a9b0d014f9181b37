import type { DangerousPermission } from "./model";

/** The permissions every audit asks "who holds this?" about (the who-can table of the report). */
export const DANGEROUS_PERMISSIONS: readonly DangerousPermission[] = [
  { id: "secrets-get", label: "get secrets", verb: "get", apiGroup: "", resource: "secrets", subresource: "" },
  { id: "secrets-list", label: "list secrets", verb: "list", apiGroup: "", resource: "secrets", subresource: "" },
  { id: "pods-create", label: "create pods", verb: "create", apiGroup: "", resource: "pods", subresource: "" },
  { id: "pods-exec", label: "create pods/exec", verb: "create", apiGroup: "", resource: "pods", subresource: "exec" },
  { id: "roles-bind", label: "bind clusterroles", verb: "bind", apiGroup: "rbac.authorization.k8s.io", resource: "clusterroles", subresource: "" },
  { id: "roles-escalate", label: "escalate clusterroles", verb: "escalate", apiGroup: "rbac.authorization.k8s.io", resource: "clusterroles", subresource: "" },
  { id: "impersonate-users", label: "impersonate users", verb: "impersonate", apiGroup: "", resource: "users", subresource: "" },
  { id: "impersonate-serviceaccounts", label: "impersonate serviceaccounts", verb: "impersonate", apiGroup: "", resource: "serviceaccounts", subresource: "" },
  { id: "nodes-proxy", label: "get nodes/proxy", verb: "get", apiGroup: "", resource: "nodes", subresource: "proxy" },
  { id: "serviceaccounts-token", label: "create serviceaccounts/token", verb: "create", apiGroup: "", resource: "serviceaccounts", subresource: "token" },
  { id: "csr-approval", label: "update certificatesigningrequests/approval", verb: "update", apiGroup: "certificates.k8s.io", resource: "certificatesigningrequests", subresource: "approval" },
  { id: "mutating-webhooks-write", label: "create mutatingwebhookconfigurations", verb: "create", apiGroup: "admissionregistration.k8s.io", resource: "mutatingwebhookconfigurations", subresource: "" },
  { id: "mutating-webhooks-update", label: "update mutatingwebhookconfigurations", verb: "update", apiGroup: "admissionregistration.k8s.io", resource: "mutatingwebhookconfigurations", subresource: "" },
  { id: "validating-webhooks-write", label: "create validatingwebhookconfigurations", verb: "create", apiGroup: "admissionregistration.k8s.io", resource: "validatingwebhookconfigurations", subresource: "" },
  { id: "validating-webhooks-update", label: "update validatingwebhookconfigurations", verb: "update", apiGroup: "admissionregistration.k8s.io", resource: "validatingwebhookconfigurations", subresource: "" },
];
