/** Object references as the analysis writes them in evidence (`via`) and finding objects. */

export interface ObjectRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
}

const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  "ClusterRole",
  "ClusterRoleBinding",
  "Node",
  "Namespace",
  "User",
  "Group",
  "PersistentVolume",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "CertificateSigningRequest",
]);

/**
 * `via` evidence and finding objects: `Kind/name` (cluster-scoped kinds; User and Group names may
 * contain "/") or `Kind/namespace/name`. Undefined when it is neither.
 */
export function parseObjectRef(text: string): ObjectRef | undefined {
  const slash = text.indexOf("/");
  if (slash <= 0 || slash === text.length - 1) return undefined;
  const kind = text.slice(0, slash);
  const rest = text.slice(slash + 1);
  if (CLUSTER_SCOPED.has(kind)) return { kind, name: rest, namespace: null };
  const i = rest.indexOf("/");
  if (i <= 0 || i === rest.length - 1 || rest.indexOf("/", i + 1) !== -1) return undefined;
  return { kind, namespace: rest.slice(0, i), name: rest.slice(i + 1) };
}

