/**
 * §3.13 ROLE_ESCALATE: `escalate` on a role plus (1) update/patch of a role already bound to the
 * attacker, or (2) create clusterroles while bound to an aggregated ClusterRole (the new role's
 * labels feed the aggregation). Gain: the scope of the binding that attaches the role — a
 * ClusterRoleBinding → ClusterAdmin; a RoleBinding in N → a `*`/`*`/`*` RoleGrant in N.
 * Variant 3 (write a role, then bind it) is reported as ROLE_BIND (see role-bind.ts).
 */
import type { ClusterRole, LabelSelector } from "@/lib/rbac/objects";
import { labelSelectorMatches } from "../engine";
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

/** Could a new object carry labels this selector matches? (Labels built from its own terms.) */
function selectorSatisfiable(sel: LabelSelector): boolean {
  const labels: Record<string, string> = { ...(sel.matchLabels ?? {}) };
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === "In") labels[e.key] = e.values?.[0] ?? "";
    else if (e.operator === "Exists") labels[e.key] = labels[e.key] ?? "x";
  }
  return labelSelectorMatches(sel, labels);
}

export function isAggregatedByNewRoles(role: ClusterRole | undefined): boolean {
  return (role?.aggregationRule?.clusterRoleSelectors ?? []).some(selectorSatisfiable);
}

export const roleEscalate: PrincipalTechnique = {
  id: "ROLE_ESCALATE",
  section: 13,
  rank: 10,
  on: "principal",
  shapes: [...["create", "update", "patch", "escalate"].flatMap((v) => ["clusterroles", "roles"].map((r) => shape(v, r, RBAC))), ...["create", "update", "patch"].flatMap((v) => ["clusterrolebindings", "rolebindings"].map((r) => shape(v, r, RBAC))), ...["clusterroles", "roles"].map((r) => shape("bind", r, RBAC))],
  apply(ctx, src: PrincipalSource, out) {
    const view = src.view;
    if (src.isGrant || view.isEmpty) return;
    const escShapes = [shape("escalate", "clusterroles", RBAC), shape("escalate", "roles", RBAC)];
    if (!escShapes.some((s) => view.mayAllow(s, null) || view.namespaces().some((ns) => view.mayAllow(s, ns)))) return;
    // Every binding of the principal, also to roles with no rules yet (an aggregated ClusterRole nothing feeds).
    for (const b of ctx.boundRolesOf(src.vertex)) {
      // Where the role object lives: ClusterRoles are cluster-scoped, Roles in their namespace.
      const ns = b.roleKind === "ClusterRole" ? "" : (b.roleNamespace ?? "");
      const resource = b.roleKind === "ClusterRole" ? "clusterroles" : "roles";
      const esc = view.vias(shape("escalate", resource, RBAC), ns, b.roleName);
      const canWrite = ["update", "patch"].some((v) => view.allows(shape(v, resource, RBAC), ns, b.roleName));
      if (esc.length > 0 && canWrite) {
        emitFor(b, esc, out);
        continue;
      }
      // Variant 2: a new labelled ClusterRole flows into an aggregated ClusterRole bound to us.
      // Creating carries no name, so only unrestricted `escalate` and `create` rules count.
      if (b.roleKind !== "ClusterRole") continue;
      if (!isAggregatedByNewRoles(ctx.clusterRoles.find((c) => c.metadata.name === b.roleName))) continue;
      const createEsc = view.vias(shape("escalate", "clusterroles", RBAC), "", "");
      const create = view.allows(shape("create", "clusterroles", RBAC), "", "");
      if (create && createEsc.length > 0) emitFor(b, mergeVias(createEsc), out);
    }
  },
};
