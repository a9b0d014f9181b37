/**
 * §3.18 NAMESPACE_LABEL_PSA_BYPASS: update/patch namespace N (a RoleBinding in N suffices) plus pod
 * creation in N where PSA(N) is baseline/restricted → the principal's private relabelled-Namespace
 * vertex, from which PRIVILEGED_POD_NODE_ESCAPE reaches every node.
 */
import { mergeVias } from "../permissions";
import type { PrincipalTechnique } from "../technique";
import { anyPodCreationNamespaces, shape } from "./common";

export const namespaceLabelPsaBypass: PrincipalTechnique = {
  id: "NAMESPACE_LABEL_PSA_BYPASS",
  on: "principal",
  apply(ctx, src, out) {
    for (const [ns, podVias] of anyPodCreationNamespaces(ctx, src.view)) {
      if (ctx.psa(ns) === "privileged") continue;
      const vias = mergeVias(src.view.vias(shape("update", "namespaces"), ns, ns), src.view.vias(shape("patch", "namespaces"), ns, ns));
      if (vias.length > 0) out.relabelledNamespace(ns, vias, podVias);
    }
  },
};
