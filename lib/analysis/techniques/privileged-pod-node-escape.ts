/**
 * §3.19 PRIVILEGED_POD_NODE_ESCAPE, three uses: an existing privileged pod → its node (via the Pod);
 * pod/workload creation in a namespace whose PSA level is privileged → every node (via the binding);
 * a relabelled Namespace (after NAMESPACE_LABEL_PSA_BYPASS) → every node.
 */
import type { NamespaceTechnique, PrincipalTechnique } from "../technique";
import { anyPodCreationNamespaces, shape, WORKLOAD_SHAPES } from "./common";
import { podEscape } from "./escape-common";

export const privilegedPodEscape = podEscape({ id: "PRIVILEGED_POD_NODE_ESCAPE", section: 19, rank: 22 });

export const privilegedPodCreate: PrincipalTechnique = {
  id: "PRIVILEGED_POD_NODE_ESCAPE",
  section: 19,
  rank: 22,
  on: "principal",
  shapes: [shape("create", "pods"), ...WORKLOAD_SHAPES],
  apply(ctx, src, out) {
    const vias = new Set<string>();
    for (const [ns, v] of anyPodCreationNamespaces(ctx, src.view, src.restrictedNode !== null)) if (ctx.psa(ns) === "privileged") v.forEach((x) => vias.add(x));
    if (vias.size === 0) return;
    const sorted = [...vias].sort();
    out.everyNode("PRIVILEGED_POD_NODE_ESCAPE", sorted);
  },
};

export const privilegedPodAfterRelabel: NamespaceTechnique = {
  id: "PRIVILEGED_POD_NODE_ESCAPE",
  section: 19,
  rank: 22,
  on: "namespace",
  apply(ctx, _ns, podCreateVias, out) {
    out.everyNode("PRIVILEGED_POD_NODE_ESCAPE", podCreateVias);
  },
};
