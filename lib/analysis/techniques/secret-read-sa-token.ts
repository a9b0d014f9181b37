/** §3.7 SECRET_READ_SA_TOKEN: read a valid legacy token Secret (§1.5) → its ServiceAccount. */
import { candidateNamespaces, mergeVias } from "../permissions";
import type { PrincipalTechnique } from "../technique";
import { isSelf, saRef, shape } from "./common";

export const READ_VERBS = ["get", "list", "watch"] as const;

export const secretReadSaToken: PrincipalTechnique = {
  id: "SECRET_READ_SA_TOKEN",
  on: "principal",
  apply(ctx, src, out) {
    if (src.view.isEmpty) return;
    const nss = candidateNamespaces(src.view, READ_VERBS.map((v) => shape(v, "secrets")), ctx.namespaces);
    for (const ns of nss) {
      const tokens = ctx.legacyTokensByNs.get(ns);
      if (!tokens) continue;
      for (const [secretName, owner] of [...tokens].sort()) {
        const vias = mergeVias(...READ_VERBS.map((v) => src.view.vias(shape(v, "secrets"), ns, secretName)));
        const to = saRef(ns, owner);
        if (vias.length > 0 && !isSelf(src.vertex, to)) out.edge(to, "SECRET_READ_SA_TOKEN", vias);
      }
    }
  },
};
