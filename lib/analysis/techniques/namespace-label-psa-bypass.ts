/**
 * §3.18 NAMESPACE_LABEL_PSA_BYPASS: update/patch namespace N (a RoleBinding in N suffices) plus pod
 * creation in N where PSA(N) is baseline/restricted → the principal's private relabelled-Namespace
 * vertex, from which PRIVILEGED_POD_NODE_ESCAPE reaches every node.
 * Variant (same id): `create namespaces` (cluster scope) plus cluster-wide pod/workload creation,
 * when an unlabelled namespace is privileged (§1.6 `defaultPsaLevel`) → a new namespace.
 */
import { mergeVias } from "../permissions";
import type { PrincipalTechnique } from "../technique";
import { anyPodCreationNamespaces, shape, WORKLOAD_RESOURCES, WORKLOAD_SHAPES } from "./common";

/** Name of the private vertex for a namespace the attacker creates (not a valid namespace name). */
export const NEW_NAMESPACE = "(new)";

export const namespaceLabelPsaBypass: PrincipalTechnique = {
  id: "NAMESPACE_LABEL_PSA_BYPASS",
  section: 18,
  rank: 29,
  on: "principal",
  shapes: [shape("update", "namespaces"), shape("patch", "namespaces"), shape("create", "namespaces"), shape("create", "pods"), ...WORKLOAD_SHAPES],
  apply(ctx, src, out) {
    for (const [ns, podVias] of anyPodCreationNamespaces(ctx, src.view, src.restrictedNode !== null)) {
      if (ctx.psa(ns) === "privileged") continue;
      const vias = mergeVias(src.view.vias(shape("update", "namespaces"), ns, ns), src.view.vias(shape("patch", "namespaces"), ns, ns));
      if (vias.length > 0) out.relabelledNamespace(ns, vias, podVias);
    }
    // Create-namespace variant: only cluster-wide rules apply in a namespace that does not exist yet.
    if (ctx.defaultPsa !== "privileged" || src.view.cluster.length === 0) return;
    const podVias = mergeVias(
      src.view.vias(shape("create", "pods"), "", ""),
      ...Object.values(WORKLOAD_RESOURCES).map((d) => src.view.vias(shape("create", d.resource, d.apiGroup), "", "")),
    );
    // Cluster-wide pod creation in an existing privileged namespace already reaches every node in one hop.
    if (podVias.length === 0 || ctx.hasPrivilegedNamespace()) return;
    // `create namespaces` is read from the engine too: the graph's rule set keeps only rules some hop asks about.
    const createShape = shape("create", "namespaces");
    const createNs = mergeVias(src.view.vias(createShape, "", ""), src.isGrant ? [] : ctx.engineVias(src.vertex, createShape, "", ""));
    if (createNs.length > 0) out.relabelledNamespace(NEW_NAMESPACE, createNs, podVias);
  },
};
