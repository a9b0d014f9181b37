/**
 * §3.12 ROLE_BIND: a binding write at some scope plus `bind` on role R at that scope → a
 * RoleGrant of R for oneself (or ClusterAdmin at once for a cluster-wide grant of a
 * cluster-admin-equivalent ClusterRole). Binding writes without `bind` are ignored (never an escalation).
 */
import type { AnalysisContext } from "../context";
import { effectiveRulesOf } from "../engine";
import type { PermissionView, RequestShape } from "../permissions";
import { CLUSTER_ADMIN } from "../refs";
import type { EdgeSink, PrincipalTechnique } from "../technique";
import { isClusterAdminRule, RBAC, shape } from "./common";

/** Name shown for a role the attacker creates and names itself (not a valid object name). */
export const NEW_ROLE = "(new)";

/**
 * A name `bind` allows for a role the attacker is about to create: any (rule without
 * resourceNames → NEW_ROLE), else a listed name no existing role of that kind/scope has.
 */
function newRoleName(view: PermissionView, bind: RequestShape, ns: string, existing: (name: string) => boolean): string | undefined {
  if (view.allows(bind, ns, NEW_ROLE)) return NEW_ROLE;
  const rules = ns === "" ? view.cluster : [...view.cluster, ...(view.byNamespace.get(ns) ?? [])];
  const names = [...new Set(rules.flatMap((r) => r.rule.resourceNames ?? []))].sort();
  return names.find((n) => !existing(n) && view.allows(bind, ns, n));
}

/**
 * §3.13 variant 3, reported as ROLE_BIND: write `*`/`*`/`*` into a role — create one (no name:
 * only unrestricted `create` and `escalate` rules count) or update/patch an existing one with
 * `escalate` on it — then bind it to oneself, which still needs everything of §3.12 (a binding
 * write at the target scope and `bind` on that role). Returns true when it reached ClusterAdmin.
 */
function escalatedRoleBind(ctx: AnalysisContext, view: PermissionView, out: EdgeSink, rbNamespaces: readonly string[]): boolean {
  const escRoles = shape("escalate", "roles", RBAC);
  const escClusterRoles = shape("escalate", "clusterroles", RBAC);
  const anyEscalate = view.mayAllow(escClusterRoles, null) || view.mayAllow(escRoles, null) || view.namespaces().some((ns) => view.mayAllow(escRoles, ns));
  if (!anyEscalate) return false;
  const esc = (resource: string, ns: string, name: string) => view.allows(shape("escalate", resource, RBAC), ns, name);
  const write = (resource: string, ns: string, name: string) => ["update", "patch"].some((v) => view.allows(shape(v, resource, RBAC), ns, name));
  const createNewClusterRole = view.allows(shape("create", "clusterroles", RBAC), "", "") && esc("clusterroles", "", "");
  const rewritableClusterRoles = view.mayAllow(escClusterRoles, null)
    ? ctx.clusterRoles.map((c) => c.metadata.name).filter((n) => esc("clusterroles", "", n) && write("clusterroles", "", n))
    : [];
  const bindCr = shape("bind", "clusterroles", RBAC);
  const bindRole = shape("bind", "roles", RBAC);

  // Cluster-wide: a ClusterRoleBinding to the rewritten ClusterRole.
  const createCrb = view.allows(shape("create", "clusterrolebindings", RBAC), "", "");
  const crbTargets = new Set<string>();
  if (createCrb && createNewClusterRole) {
    const name = newRoleName(view, bindCr, "", (n) => ctx.clusterRoleNames.has(n));
    if (name !== undefined) crbTargets.add(name);
  }
  for (const r of rewritableClusterRoles) {
    const editable = ctx.objects.clusterRoleBindings.some(
      (b) => b.roleRef.kind === "ClusterRole" && b.roleRef.name === r && write("clusterrolebindings", "", b.metadata.name),
    );
    if (createCrb || editable) crbTargets.add(r);
  }
  const clusterVias = [...crbTargets].sort().flatMap((r) => view.vias(bindCr, "", r));
  if (clusterVias.length > 0) {
    out.edge(CLUSTER_ADMIN, "ROLE_BIND", [...new Set(clusterVias)].sort());
    return true;
  }

  // Namespace N: a RoleBinding in N to a rewritten Role of N or ClusterRole.
  for (const ns of rbNamespaces) {
    const createRb = view.allows(shape("create", "rolebindings", RBAC), ns, "");
    const editableRb = (kind: string, name: string) =>
      (ctx.roleBindingsByNs.get(ns) ?? []).some((b) => b.roleRef.kind === kind && b.roleRef.name === name && write("rolebindings", ns, b.metadata.name));
    const roles = ctx.rolesByNs.get(ns) ?? [];
    const targets: ["Role" | "ClusterRole", string][] = [];
    if (createRb && createNewClusterRole) {
      const name = newRoleName(view, bindCr, ns, (n) => ctx.clusterRoleNames.has(n));
      if (name !== undefined) targets.push(["ClusterRole", name]);
    }
    if (createRb && view.allows(shape("create", "roles", RBAC), ns, "") && esc("roles", ns, "")) {
      const name = newRoleName(view, bindRole, ns, (n) => roles.some((r) => r.metadata.name === n));
      if (name !== undefined) targets.push(["Role", name]);
    }
    for (const r of rewritableClusterRoles) if (createRb || editableRb("ClusterRole", r)) targets.push(["ClusterRole", r]);
    for (const r of roles) {
      const n = r.metadata.name;
      if (esc("roles", ns, n) && write("roles", ns, n) && (createRb || editableRb("Role", n))) targets.push(["Role", n]);
    }
    for (const [kind, name] of targets) {
      const vias = view.vias(kind === "Role" ? bindRole : bindCr, ns, name);
      if (vias.length === 0) continue;
      out.roleGrant({ roleKind: kind, roleName: name, roleNamespace: kind === "Role" ? ns : null, scope: ns, wildcard: true }, "ROLE_BIND", vias);
    }
  }
  return false;
}

export const roleBind: PrincipalTechnique = {
  id: "ROLE_BIND",
  section: 12,
  rank: 9,
  on: "principal",
  shapes: [...["create", "update", "patch"].flatMap((v) => ["clusterrolebindings", "rolebindings", "clusterroles", "roles"].map((r) => shape(v, r, RBAC))), ...["bind", "escalate"].flatMap((v) => ["clusterroles", "roles"].map((r) => shape(v, r, RBAC)))],
  apply(ctx, src, out) {
    const view = src.view;
    if (src.isGrant || view.isEmpty) return;
    const bindShapes = [shape("bind", "clusterroles", RBAC), shape("bind", "roles", RBAC)];
    if (!bindShapes.some((s) => view.mayAllow(s, null) || view.namespaces().some((ns) => view.mayAllow(s, ns)))) return;
    const isAdminRole = (name: string) =>
      (effectiveRulesOf(ctx.policy, { kind: "ClusterRole", name }) ?? []).some((r) => isClusterAdminRule(r.rule));
    const clusterGranted = new Set<string>();

    // Cluster-wide: create a ClusterRoleBinding (any ClusterRole), or edit an existing one (its roleRef).
    const createCrb = view.vias(shape("create", "clusterrolebindings", RBAC), "", "").length > 0;
    const crbTargets = new Set<string>();
    if (createCrb) for (const cr of ctx.clusterRoles) crbTargets.add(cr.metadata.name);
    for (const crb of ctx.objects.clusterRoleBindings) {
      if (crb.roleRef.kind !== "ClusterRole") continue;
      const name = crb.metadata.name;
      if (["update", "patch"].some((v) => view.allows(shape(v, "clusterrolebindings", RBAC), "", name))) crbTargets.add(crb.roleRef.name);
    }
    for (const r of [...crbTargets].sort()) {
      if (!ctx.clusterRoleNames.has(r)) continue;
      const vias = view.vias(shape("bind", "clusterroles", RBAC), "", r);
      if (vias.length === 0) continue;
      clusterGranted.add(r);
      if (isAdminRole(r)) out.edge(CLUSTER_ADMIN, "ROLE_BIND", vias);
      else out.roleGrant({ roleKind: "ClusterRole", roleName: r, roleNamespace: null, scope: null, wildcard: false }, "ROLE_BIND", vias);
    }

    // Namespace N: create a RoleBinding in N, or edit an existing one.
    // Namespaces where some rule may allow a RoleBinding write (the others yield nothing).
    const writes = ["create", "update", "patch"].map((v) => shape(v, "rolebindings", RBAC));
    const nss = writes.some((s) => view.mayAllow(s, null)) ? ctx.namespaces : view.namespaces().filter((ns) => writes.some((s) => view.mayAllow(s, ns)));
    if (escalatedRoleBind(ctx, view, out, nss)) return;
    for (const ns of nss) {
      const createRb = view.allows(shape("create", "rolebindings", RBAC), ns, "");
      const targets = new Set<string>(); // "ClusterRole/x" | "Role/x"
      if (createRb) {
        for (const cr of ctx.clusterRoles) targets.add(`ClusterRole/${cr.metadata.name}`);
        for (const r of ctx.rolesByNs.get(ns) ?? []) targets.add(`Role/${r.metadata.name}`);
      }
      for (const rb of ctx.roleBindingsByNs.get(ns) ?? []) {
        if (["update", "patch"].some((v) => view.allows(shape(v, "rolebindings", RBAC), ns, rb.metadata.name))) {
          targets.add(`${rb.roleRef.kind}/${rb.roleRef.name}`);
        }
      }
      for (const t of [...targets].sort()) {
        const [kind, name] = [t.slice(0, t.indexOf("/")), t.slice(t.indexOf("/") + 1)];
        if (kind === "ClusterRole") {
          if (clusterGranted.has(name) || !ctx.clusterRoleNames.has(name)) continue;
          const vias = view.vias(shape("bind", "clusterroles", RBAC), ns, name);
          if (vias.length > 0) out.roleGrant({ roleKind: "ClusterRole", roleName: name, roleNamespace: null, scope: ns, wildcard: false }, "ROLE_BIND", vias);
        } else {
          if (!(ctx.rolesByNs.get(ns) ?? []).some((r) => r.metadata.name === name)) continue;
          const vias = view.vias(shape("bind", "roles", RBAC), ns, name);
          if (vias.length > 0) out.roleGrant({ roleKind: "Role", roleName: name, roleNamespace: ns, scope: ns, wildcard: false }, "ROLE_BIND", vias);
        }
      }
    }
  },
};
