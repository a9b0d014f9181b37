/**
 * The objects the live tests serve besides Kubernetes' default policy: one of each kept kind a
 * snapshot usually holds, and a Secret whose values must never reach the database.
 */

export const SECRET_VALUE = "c3VwZXItc2VjcmV0LXRva2VuLXZhbHVl"; // base64 of "super-secret-token-value"
export const SECRET_PLAIN = "plain-string-data-value-4711";

export const CLUSTER_FIXTURE_YAML = `
apiVersion: v1
kind: Namespace
metadata:
  name: dev
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ci
  namespace: dev
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: secret-reader
  namespace: dev
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ci-reads-secrets
  namespace: dev
subjects:
- kind: ServiceAccount
  name: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: secret-reader
---
apiVersion: v1
kind: Secret
metadata:
  name: ci-token
  namespace: dev
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"token":"${SECRET_VALUE}"}}'
type: Opaque
data:
  token: ${SECRET_VALUE}
stringData:
  extra: ${SECRET_PLAIN}
---
apiVersion: v1
kind: Pod
metadata:
  name: builder
  namespace: dev
spec:
  serviceAccountName: ci
  containers:
  - name: main
    image: busybox
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: dev
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
---
apiVersion: v1
kind: Node
metadata:
  name: node-1
`;
