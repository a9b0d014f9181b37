/** §3.10 TOKEN_REQUEST: `create serviceaccounts/token` in N (resourceNames restrict which SAs). */
import { candidateNamespaces } from "../permissions";
import type { PrincipalTechnique } from "../technique";
import { isSelf, saRef, shape } from "./common";

export const tokenRequest: PrincipalTechnique = {
  id: "TOKEN_REQUEST",
  section: 10,
  rank: 3,
  on: "principal",
  shapes: [shape("create", "serviceaccounts", "", "token")],
  apply(ctx, src, out) {
    // v2 §1.8: a node principal's TokenRequests reach only its bound pods' SAs (NODE_AUTHZ_TOKEN_REQUEST).
    if (src.view.isEmpty || src.restrictedNode !== null) return;
    const s = shape("create", "serviceaccounts", "", "token");
    const nss = candidateNamespaces(src.view, [s], ctx.namespaces);
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
