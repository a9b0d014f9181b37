/** §3.10 TOKEN_REQUEST: `create serviceaccounts/token` in N (resourceNames restrict which SAs). */
import type { PrincipalTechnique } from "../technique";
import { isSelf, saRef, shape } from "./common";

export const tokenRequest: PrincipalTechnique = {
  id: "TOKEN_REQUEST",
  on: "principal",
  apply(ctx, src, out) {
    if (src.view.isEmpty) return;
    const nss = src.view.cluster.length > 0 ? ctx.namespaces : src.view.namespaces();
    const s = shape("create", "serviceaccounts", "", "token");
    for (const ns of nss) {
      for (const sa of ctx.sasByNs.get(ns) ?? []) {
        const to = saRef(ns, sa.metadata.name);
        if (isSelf(src.vertex, to)) continue;
        const vias = src.view.vias(s, ns, sa.metadata.name);
        if (vias.length > 0) out.edge(to, "TOKEN_REQUEST", vias);
      }
    }
  },
};
