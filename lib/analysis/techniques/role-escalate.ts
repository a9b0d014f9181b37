/**
 * §3.13 ROLE_ESCALATE: `escalate` on a role plus (1) update/patch of a role already bound to the
 * attacker, or (2) create clusterroles while bound to an aggregated ClusterRole (the new role's
 * labels feed the aggregation). Gain: the scope of the binding that attaches the role — a
 * ClusterRoleBinding → ClusterAdmin; a RoleBinding in N → a `*`/`*`/`*` RoleGrant in N.
 */
import { mergeVias } from "../permissions";
import { CLUSTER_ADMIN } from "../refs";
import type { BoundRole, PrincipalSource, PrincipalTechnique } from "../technique";
import type { EdgeSink } from "../technique";
import { RBAC, shape } from "./common";

function emitFor(b: BoundRole, vias: readonly string[], out: EdgeSink): void {
  if (b.bindingIsCluster) out.edge(CLUSTER_ADMIN, "ROLE_ESCALATE", vias);
  else
    out.roleGrant(
      { roleKind: b.roleKind, roleName: b.roleName, roleNamespace: b.roleNamespace, scope: b.scope, wildcard: true },
      "ROLE_ESCALATE",
      vias,
    );
}

export const roleEscalate: PrincipalTechnique = {
  id: "ROLE_ESCALATE",
  on: "principal",
  apply(ctx, src: PrincipalSource, out) {
    const view = src.view;
    if (src.isGrant || view.isEmpty) return;
    for (const b of src.boundRoles) {
      // Where the role object lives: ClusterRoles are cluster-scoped, Roles in their namespace.
      const ns = b.roleKind === "ClusterRole" ? "" : (b.roleNamespace ?? "");
      const resource = b.roleKind === "ClusterRole" ? "clusterroles" : "roles";
      const esc = view.vias(shape("escalate", resource, RBAC), ns, b.roleName);
      if (esc.length === 0) continue;
      const canWrite = ["update", "patch"].some((v) => view.allows(shape(v, resource, RBAC), ns, b.roleName));
      if (canWrite) {
        emitFor(b, esc, out);
        continue;
      }
      // Variant 2: a new labelled ClusterRole flows into an aggregated ClusterRole bound to us.
      if (b.roleKind !== "ClusterRole") continue;
      const role = ctx.clusterRoles.find((c) => c.metadata.name === b.roleName);
      if (!role || (role.aggregationRule?.clusterRoleSelectors ?? []).length === 0) continue;
      const createEsc = view.vias(shape("escalate", "clusterroles", RBAC), "", "");
      const create = view.allows(shape("create", "clusterroles", RBAC), "", "");
      if (create && createEsc.length > 0) emitFor(b, mergeVias(createEsc), out);
    }
  },
};
