/**
 * Vertex references: `Kind/name` for cluster-scoped kinds, `Kind/namespace/name` for namespaced
 * ones, or the literal `ClusterAdmin`. The same notation is used for `via` evidence.
 */

export type VertexKind =
  | "ServiceAccount"
  | "User"
  | "Group"
  | "Pod"
  | "Namespace"
  | "RoleGrant"
  | "Node"
  | "Secret"
  | "ClusterAdmin"
  /** v2 §2.5: code execution in one container; name = `<pod>/<container>`. */
  | "Container";

export interface VertexRef {
  readonly kind: VertexKind;
  readonly name: string | null;
  /** null for cluster-scoped vertices (and ClusterAdmin). */
  readonly namespace: string | null;
}

const NAMESPACED: ReadonlySet<string> = new Set(["ServiceAccount", "Pod", "Secret", "Container"]);
const CLUSTER: ReadonlySet<string> = new Set(["User", "Group", "Node", "Namespace"]);

export const CLUSTER_ADMIN: VertexRef = { kind: "ClusterAdmin", name: null, namespace: null };

export type ParseResult = { success: true; data: VertexRef } | { success: false; error: string };

/** Parses `ServiceAccount/ci/deployer`, `User/alice`, `Node/worker-1`, `ClusterAdmin`. */
export function parseVertexRef(text: string): ParseResult {
  const s = text.trim();
  if (s === "ClusterAdmin") return { success: true, data: CLUSTER_ADMIN };
  const slash = s.indexOf("/");
  if (slash <= 0) return { success: false, error: `malformed reference "${text}": expected Kind/name or Kind/namespace/name` };
  const kind = s.slice(0, slash);
  const rest = s.slice(slash + 1);
  if (NAMESPACED.has(kind)) {
    const i = rest.indexOf("/");
    if (i <= 0 || i === rest.length - 1) return { success: false, error: `malformed reference "${text}": ${kind} needs Kind/namespace/name` };
    const name = rest.slice(i + 1);
    if (kind === "Container") {
      const parts = name.split("/");
      if (parts.length !== 2 || !parts[0] || !parts[1]) return { success: false, error: `malformed reference "${text}": Container needs Container/namespace/pod/container` };
      return { success: true, data: { kind: "Container", namespace: rest.slice(0, i), name } };
    }
    if (name.includes("/")) return { success: false, error: `malformed reference "${text}": too many "/"` };
    return { success: true, data: { kind: kind as VertexKind, namespace: rest.slice(0, i), name } };
  }
  if (CLUSTER.has(kind)) {
    if (rest === "" || (kind !== "User" && kind !== "Group" && rest.includes("/"))) {
      return { success: false, error: `malformed reference "${text}": ${kind} needs Kind/name` };
    }
    return { success: true, data: { kind: kind as VertexKind, name: rest, namespace: null } };
  }
  return { success: false, error: `unknown kind "${kind}" in "${text}" (expected ServiceAccount, User, Group, Node, Secret, Pod, Container, Namespace or ClusterAdmin)` };
}

export function formatVertexRef(ref: VertexRef): string {
  if (ref.kind === "ClusterAdmin") return "ClusterAdmin";
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name ?? ""}` : `${ref.kind}/${ref.name ?? ""}`;
}

/** `Kind/name` or `Kind/namespace/name` for any Kubernetes object (used for `via`). */
export function objectRef(kind: string, name: string, namespace?: string | null): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

export function sameRef(a: VertexRef, b: VertexRef): boolean {
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? null) === (b.namespace ?? null);
}
