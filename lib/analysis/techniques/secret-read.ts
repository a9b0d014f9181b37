/** §3.8 SECRET_READ: get/list/watch Secrets → each Secret the rule covers. */
import { candidateNamespaces, mergeVias } from "../permissions";
import type { PrincipalTechnique } from "../technique";
import { secretRef, shape } from "./common";
import { READ_VERBS } from "./secret-read-sa-token";

export const secretRead: PrincipalTechnique = {
  id: "SECRET_READ",
  section: 8,
  rank: 11,
  on: "principal",
  shapes: ["get", "list", "watch"].map((v) => shape(v, "secrets")),
  apply(ctx, src, out) {
    if (src.view.isEmpty) return;
    const nss = candidateNamespaces(src.view, READ_VERBS.map((v) => shape(v, "secrets")), ctx.namespaces);
    for (const ns of nss) {
      for (const s of ctx.secretsByNs.get(ns) ?? []) {
        const vias = mergeVias(...READ_VERBS.map((v) => src.view.vias(shape(v, "secrets"), ns, s.metadata.name)));
        if (vias.length > 0) out.edge(secretRef(ns, s.metadata.name), "SECRET_READ", vias);
      }
    }
  },
};
