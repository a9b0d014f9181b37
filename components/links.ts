/** URL builders: one place decides how objects map to pages (names may contain ':' and '@'). */
const seg = (value: string) => encodeURIComponent(value);

export function snapshotHref(snapshot: number | string, page = ""): string {
  return `/snapshots/${seg(String(snapshot))}${page ? `/${page}` : ""}`;
}

export function roleHref(snapshot: number | string, kind: string, name: string, namespace?: string): string {
  return kind === "Role"
    ? snapshotHref(snapshot, `roles/Role/${seg(namespace ?? "")}/${seg(name)}`)
    : snapshotHref(snapshot, `roles/ClusterRole/${seg(name)}`);
}

export function bindingHref(snapshot: number | string, kind: string, name: string, namespace?: string): string {
  return kind === "RoleBinding"
    ? snapshotHref(snapshot, `bindings/RoleBinding/${seg(namespace ?? "")}/${seg(name)}`)
    : snapshotHref(snapshot, `bindings/ClusterRoleBinding/${seg(name)}`);
}

export function subjectHref(snapshot: number | string, kind: string, name: string, namespace?: string): string {
  return kind === "ServiceAccount"
    ? snapshotHref(snapshot, `subjects/ServiceAccount/${seg(namespace ?? "")}/${seg(name)}`)
    : snapshotHref(snapshot, `subjects/${seg(kind)}/${seg(name)}`);
}

export function objectHref(snapshot: number | string, kind: string, name: string, namespace?: string): string {
  if (kind === "Role" || kind === "ClusterRole") return roleHref(snapshot, kind, name, namespace);
  if (kind === "RoleBinding" || kind === "ClusterRoleBinding") return bindingHref(snapshot, kind, name, namespace);
  if (kind === "User" || kind === "Group" || kind === "ServiceAccount") return subjectHref(snapshot, kind, name, namespace);
  return namespace
    ? snapshotHref(snapshot, `objects/${seg(kind)}/${seg(namespace)}/${seg(name)}`)
    : snapshotHref(snapshot, `objects/${seg(kind)}/${seg(name)}`);
}

/** The graph explorer focused on an object (`Kind/name` or `Kind/namespace/name`), optionally highlighting its path to `pathTo`. */
export function graphHref(snapshot: number | string, focus: string, options: { pathTo?: string; depth?: number } = {}): string {
  const params = new URLSearchParams({ focus });
  if (options.depth) params.set("depth", String(options.depth));
  if (options.pathTo) params.set("pathTo", options.pathTo);
  return `${snapshotHref(snapshot, "graph")}?${params.toString()}`;
}

export function clusterHref(name: string): string {
  return `/clusters/${encodeURIComponent(name)}`;
}

export function driftHref(from: number, to: number): string {
  return `/drift?from=${from}&to=${to}`;
}
