/**
 * §3.7 SECRET_READ_SA_TOKEN: read a valid legacy token Secret (§1.5) → its ServiceAccount. A token
 * labelled `kubernetes.io/legacy-token-invalid-since` gives nothing to a reader, unless the reader
 * may also update/patch that Secret (removing the label re-enables the token, §1.5).
 */
import { candidateNamespaces, mergeVias } from "../permissions";
import type { PrincipalTechnique } from "../technique";
import { isSelf, saRef, shape } from "./common";

export const READ_VERBS = ["get", "list", "watch"] as const;

export const secretReadSaToken: PrincipalTechnique = {
  id: "SECRET_READ_SA_TOKEN",
  section: 7,
  rank: 5,
  on: "principal",
  shapes: ["get", "list", "watch"].map((v) => shape(v, "secrets")),
  apply(ctx, src, out) {
    if (src.view.isEmpty) return;
    const nss = candidateNamespaces(src.view, READ_VERBS.map((v) => shape(v, "secrets")), ctx.namespaces);
    const readVias = (ns: string, secretName: string) => mergeVias(...READ_VERBS.map((v) => src.view.vias(shape(v, "secrets"), ns, secretName)));
    for (const ns of nss) {
      for (const [secretName, owner] of [...(ctx.legacyTokensByNs.get(ns) ?? [])].sort()) {
        const vias = readVias(ns, secretName);
        const to = saRef(ns, owner);
        if (vias.length > 0 && !isSelf(src.vertex, to)) out.edge(to, "SECRET_READ_SA_TOKEN", vias);
      }
      for (const [secretName, owner] of [...(ctx.invalidatedTokensByNs.get(ns) ?? [])].sort()) {
        const to = saRef(ns, owner);
        if (isSelf(src.vertex, to)) continue;
        const vias = readVias(ns, secretName);
        if (vias.length === 0) continue;
        // update/patch secrets is read from the engine too: the graph's rule set keeps only rules some hop asks about.
        const relabel = ["update", "patch"].some(
          (v) => src.view.allows(shape(v, "secrets"), ns, secretName) || (!src.isGrant && ctx.engineVias(src.vertex, shape(v, "secrets"), ns, secretName).length > 0),
        );
        if (relabel) out.edge(to, "SECRET_READ_SA_TOKEN", vias);
      }
    }
  },
};
