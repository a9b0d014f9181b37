/**
 * §3.9 SECRET_CREATE_SA_TOKEN: `create secrets` in N plus some way to read the new Secret back
 * (get/list/watch on a name the attacker may choose) → every ServiceAccount of N. A name already
 * taken by a Secret of N cannot be chosen (the create would fail).
 */
import type { AnalysisContext } from "../context";
import { ANY_NAME, type PermissionView } from "../permissions";
import type { PrincipalTechnique } from "../technique";
import { isSelf, saRef, shape } from "./common";
import { READ_VERBS } from "./secret-read-sa-token";

function canReadBackNewSecret(ctx: AnalysisContext, view: PermissionView, ns: string): boolean {
  const taken = new Set((ctx.secretsByNs.get(ns) ?? []).map((s) => s.metadata.name));
  const listed = new Set([...view.cluster, ...(view.byNamespace.get(ns) ?? [])].flatMap((r) => r.rule.resourceNames ?? []));
  const names = [ANY_NAME, ...[...listed].filter((n) => !taken.has(n)).sort()];
  return READ_VERBS.some((v) => names.some((n) => view.allows(shape(v, "secrets"), ns, n)));
}

export const secretCreateSaToken: PrincipalTechnique = {
  id: "SECRET_CREATE_SA_TOKEN",
  section: 9,
  rank: 4,
  on: "principal",
  shapes: ["create", "get", "list", "watch"].map((v) => shape(v, "secrets")),
  apply(ctx, src, out) {
    for (const [ns, vias] of src.view.namespacesAllowing(shape("create", "secrets"), ctx.namespaces)) {
      if (!canReadBackNewSecret(ctx, src.view, ns)) continue;
      for (const sa of ctx.sasByNs.get(ns) ?? []) {
        const to = saRef(ns, sa.metadata.name);
        if (!isSelf(src.vertex, to)) out.edge(to, "SECRET_CREATE_SA_TOKEN", vias);
      }
    }
  },
};
