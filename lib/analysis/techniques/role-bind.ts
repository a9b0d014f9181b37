/**
 * §3.12 ROLE_BIND: a binding write at some scope plus `bind` on role R at that scope → a
 * RoleGrant of R for oneself (or ClusterAdmin at once for a cluster-wide grant of a
 * cluster-admin-equivalent ClusterRole). Binding writes without `bind` are ignored (never an escalation).
 */
import { effectiveRulesOf } from "../engine";
import { CLUSTER_ADMIN } from "../refs";
import type { PrincipalTechnique } from "../technique";
import { isClusterAdminRule, RBAC, shape } from "./common";

export const roleBind: PrincipalTechnique = {
  id: "ROLE_BIND",
  on: "principal",
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
