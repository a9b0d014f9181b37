/**
 * §3.26 CLUSTER_ADMIN_EQUIVALENT: bound by a ClusterRoleBinding (directly or through an implicit
 * group) to a rule with `*` apiGroups, resources and verbs and no resourceNames; or Group
 * system:masters. A RoleBinding to such a role is not (that is admin of one namespace).
 */
import { CLUSTER_ADMIN } from "../refs";
import type { PrincipalSource } from "../technique";
import type { PrincipalTechnique } from "../technique";
import { isClusterAdminRule } from "./common";
import { MASTERS } from "./impersonate";

export function clusterAdminVias(src: PrincipalSource): string[] {
  if (src.vertex.kind === "Group" && src.vertex.name === MASTERS) return [`Group/${MASTERS}`];
  if (src.isGrant) return [];
  const vias = new Set<string>();
  for (const r of src.view.cluster) if (r.fromClusterBinding && isClusterAdminRule(r.rule)) vias.add(r.via);
  return [...vias].sort();
}

export const clusterAdminEquivalent: PrincipalTechnique = {
  id: "CLUSTER_ADMIN_EQUIVALENT",
  section: 26,
  rank: 0,
  on: "principal",
  shapes: [],
  apply(_ctx, src, out) {
    const vias = clusterAdminVias(src);
    if (vias.length > 0) out.edge(CLUSTER_ADMIN, "CLUSTER_ADMIN_EQUIVALENT", vias);
  },
};
