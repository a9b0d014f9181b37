/**
 * §3.11 IMPERSONATE: users (cluster scope, by name), serviceaccounts (namespace of the SA, by name),
 * groups (cluster scope, by name — only together with some user or ServiceAccount impersonation).
 * Impersonating Group system:masters reaches that group, which is cluster-admin (§3.26).
 */
import { candidateNamespaces } from "../permissions";
import type { PrincipalTechnique } from "../technique";
import { isSelf, saRef, shape } from "./common";

export const MASTERS = "system:masters";

export const impersonate: PrincipalTechnique = {
  id: "IMPERSONATE",
  section: 11,
  rank: 6,
  on: "principal",
  shapes: ["users", "groups", "serviceaccounts"].map((r) => shape("impersonate", r)),
  apply(ctx, src, out) {
    const view = src.view;
    if (view.isEmpty) return;
    const users = shape("impersonate", "users");
    const sas = shape("impersonate", "serviceaccounts");
    const groups = shape("impersonate", "groups");
    let canActAsSomeone = false;

    for (const u of ctx.userNames) {
      const vias = view.vias(users, "", u);
      if (vias.length === 0) continue;
      canActAsSomeone = true;
      const to = { kind: "User" as const, name: u, namespace: null };
      if (!isSelf(src.vertex, to)) out.edge(to, "IMPERSONATE", vias);
    }
    if (!canActAsSomeone && view.someNameAllowed(users, "") !== undefined) canActAsSomeone = true;

    const nss = candidateNamespaces(view, [sas], ctx.namespaces);
    for (const ns of nss) {
      for (const sa of ctx.sasByNs.get(ns) ?? []) {
        const vias = view.vias(sas, ns, sa.metadata.name);
        if (vias.length === 0) continue;
        canActAsSomeone = true;
        const to = saRef(ns, sa.metadata.name);
        if (!isSelf(src.vertex, to)) out.edge(to, "IMPERSONATE", vias);
      }
      if (!canActAsSomeone && view.someNameAllowed(sas, ns) !== undefined) canActAsSomeone = true;
    }
    if (!canActAsSomeone) return;

    const groupNames = [...new Set([...ctx.groupNames, MASTERS])].sort();
    for (const g of groupNames) {
      const vias = view.vias(groups, "", g);
      if (vias.length === 0) continue;
      const to = { kind: "Group" as const, name: g, namespace: null };
      if (!isSelf(src.vertex, to)) out.edge(to, "IMPERSONATE", vias);
    }
  },
};
