/**
 * Evidence as data: what independently enables a hop (a "cause"), as a typed value. Techniques
 * emit causes, the graph interns them (one table entry per distinct cause, edges index it), the
 * fix set and path grouping switch on `type`, and only the edge (CLI text, pages, reports) turns
 * them into words. `causeKey` is the one canonical spelling — used to intern, to order and as the
 * `cause` reference in JSON — and is never parsed back.
 */

/** A RoleBinding (namespace set) or ClusterRoleBinding (namespace null). */
export interface BindingRef {
  readonly kind: "ClusterRoleBinding" | "RoleBinding";
  readonly name: string;
  readonly namespace: string | null;
}

/** A Role (namespace set) or ClusterRole (namespace null). */
export interface RoleRef {
  readonly kind: "ClusterRole" | "Role";
  readonly name: string;
  readonly namespace: string | null;
}

/** The pod-spec field of an existing pod that carries a token, an escape or a reference. */
export type PodField =
  /** t2 / v1 §1.4: the automounted ServiceAccount token. */
  | { readonly kind: "automount" }
  /** A projected serviceAccountToken source of API audience. */
  | { readonly kind: "projected" }
  /** A reference to Secret `secret` (volume, projected source, env, envFrom, imagePullSecrets, plugin secretRef). */
  | { readonly kind: "secret"; readonly secret: string }
  /** v2 §3.28: the pod references the API audience (node audience restriction on). */
  | { readonly kind: "apiAudience" }
  /** v2 §3.28: the pod is bound to the node (node audience restriction off). */
  | { readonly kind: "nodeName" }
  /** A field of the spec by its path, e.g. `containers[app].securityContext.privileged`, `volumes[host].hostPath`, `hostPID`. */
  | { readonly kind: "spec"; readonly path: string };

export type Cause =
  /** The binding grants the decisive permission: deleting it cuts the hop. */
  | { readonly type: "binding"; readonly binding: BindingRef }
  /** v2 §2.8: one extra (non-policy) subject of a default binding; the binding itself is protected. */
  | { readonly type: "bindingSubject"; readonly binding: BindingRef; readonly subjectIndex: number }
  /** A self-granted role's rules (after ROLE_BIND / ROLE_ESCALATE): uncuttable. */
  | { readonly type: "grantedRole"; readonly role: RoleRef }
  /** A field of an existing pod. */
  | { readonly type: "podField"; readonly namespace: string; readonly pod: string; readonly field: PodField }
  /** Root on a node (CONTROL_PLANE_NODE_TAKEOVER, NODE_IDENTITY_ASSUME): uncuttable. */
  | { readonly type: "node"; readonly node: string }
  /** Membership of Group system:masters (hard-coded in the API server): uncuttable. */
  | { readonly type: "systemMasters" };

export const SYSTEM_MASTERS_CAUSE: Cause = { type: "systemMasters" };

function refText(kind: string, name: string, namespace: string | null): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

export function bindingRefText(b: BindingRef): string {
  return refText(b.kind, b.name, b.namespace);
}

export function roleRefText(r: RoleRef): string {
  return refText(r.kind, r.name, r.namespace);
}

/** The field as written after `#` in a cause key. */
export function podFieldKey(f: PodField): string {
  switch (f.kind) {
    case "automount":
      return "automount";
    case "projected":
      return "projected";
    case "secret":
      return `secret:${f.secret}`;
    case "apiAudience":
      return "api-audience";
    case "nodeName":
      return "spec.nodeName";
    case "spec":
      return f.path;
  }
}

/** The pod-spec path a field stands for (hop `evidence`, fix `field`). */
export function podFieldPath(f: PodField): string {
  switch (f.kind) {
    case "automount":
      return "spec.automountServiceAccountToken";
    case "projected":
      return "spec.volumes[].projected.serviceAccountToken";
    case "secret":
      return `Secret ${f.secret}`;
    case "apiAudience":
      return "spec.volumes[].projected.serviceAccountToken.audience";
    case "nodeName":
      return "spec.nodeName";
    case "spec": {
      const path = f.path.startsWith("spec.") ? f.path : `spec.${f.path}`;
      return path.endsWith(".hostPath") ? `${path}.path` : path;
    }
  }
}

/** Canonical key: `RoleBinding/ns/x`, `ClusterRoleBinding/x#subjects[2]`, `ClusterRole/x`, `Pod/ns/p#automount`, `Node/n`, `Group/system:masters`. */
export function causeKey(c: Cause): string {
  switch (c.type) {
    case "binding":
      return bindingRefText(c.binding);
    case "bindingSubject":
      return `${bindingRefText(c.binding)}#subjects[${c.subjectIndex}]`;
    case "grantedRole":
      return roleRefText(c.role);
    case "podField":
      return `Pod/${c.namespace}/${c.pod}#${podFieldKey(c.field)}`;
    case "node":
      return `Node/${c.node}`;
    case "systemMasters":
      return "Group/system:masters";
  }
}

/** v1's uncuttable causes (a fix set can never remove them, whatever the trust file says). */
export function isInherentlyUncuttable(c: Cause): boolean {
  return c.type === "systemMasters" || c.type === "node" || c.type === "grantedRole";
}

export function podCause(namespace: string, pod: string, field: PodField): Cause {
  return { type: "podField", namespace, pod, field };
}

/** The object a cause lives on (`{kind, name, namespace}`), e.g. for links and fix objects. */
export function causeObject(c: Cause): { readonly kind: string; readonly name: string; readonly namespace: string | null } {
  switch (c.type) {
    case "binding":
    case "bindingSubject":
      return c.binding;
    case "grantedRole":
      return c.role;
    case "podField":
      return { kind: "Pod", name: c.pod, namespace: c.namespace };
    case "node":
      return { kind: "Node", name: c.node, namespace: null };
    case "systemMasters":
      return { kind: "Group", name: "system:masters", namespace: null };
  }
}

/** One sentence fragment for people (CLI text, pages). */
export function describeCause(c: Cause): string {
  switch (c.type) {
    case "binding":
      return `${c.binding.kind} ${bindingRefText(c.binding).slice(c.binding.kind.length + 1)}`;
    case "bindingSubject":
      return `subject #${c.subjectIndex} of ${c.binding.kind} ${bindingRefText(c.binding).slice(c.binding.kind.length + 1)}`;
    case "grantedRole":
      return `the self-granted ${c.role.kind} ${roleRefText(c.role).slice(c.role.kind.length + 1)}`;
    case "podField":
      return `${podFieldPath(c.field)} of Pod ${c.namespace}/${c.pod}`;
    case "node":
      return `root on Node ${c.node}`;
    case "systemMasters":
      return "membership of Group system:masters";
  }
}
