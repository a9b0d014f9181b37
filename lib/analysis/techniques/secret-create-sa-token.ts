/**
 * §3.9 SECRET_CREATE_SA_TOKEN: `create secrets` in N plus some way to read the new Secret back
 * (get/list/watch on a name the attacker may choose) → every ServiceAccount of N.
 */
import type { PrincipalTechnique } from "../technique";
import { isSelf, saRef, shape } from "./common";
import { READ_VERBS } from "./secret-read-sa-token";

export const secretCreateSaToken: PrincipalTechnique = {
  id: "SECRET_CREATE_SA_TOKEN",
  on: "principal",
  apply(ctx, src, out) {
    for (const [ns, vias] of src.view.namespacesAllowing(shape("create", "secrets"), ctx.namespaces)) {
      const canReadBack = READ_VERBS.some((v) => src.view.someNameAllowed(shape(v, "secrets"), ns) !== undefined);
      if (!canReadBack) continue;
      for (const sa of ctx.sasByNs.get(ns) ?? []) {
        const to = saRef(ns, sa.metadata.name);
        if (!isSelf(src.vertex, to)) out.edge(to, "SECRET_CREATE_SA_TOKEN", vias);
      }
    }
  },
};
