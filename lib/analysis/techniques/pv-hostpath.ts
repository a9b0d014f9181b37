/**
 * §3.17 PV_HOSTPATH: create PersistentVolumes (cluster) + create PVCs and pods in some namespace N
 * whose PSA level is not `restricted` → every node. PV create without that: a finding on the binding.
 */
import type { PrincipalTechnique } from "../technique";
import { anyPodCreationNamespaces, shape, WORKLOAD_SHAPES } from "./common";

export const pvHostpath: PrincipalTechnique = {
  id: "PV_HOSTPATH",
  section: 17,
  rank: 28,
  on: "principal",
  shapes: [shape("create", "persistentvolumes"), shape("create", "persistentvolumeclaims"), shape("create", "pods"), ...WORKLOAD_SHAPES],
  apply(ctx, src, out) {
    const view = src.view;
    if (view.cluster.length === 0) return;
    const pvVias = view.vias(shape("create", "persistentvolumes"), "", "");
    if (pvVias.length === 0) return;
    let complete = false;
    for (const ns of anyPodCreationNamespaces(ctx, view, src.restrictedNode !== null).keys()) {
      if (ctx.psa(ns) === "restricted") continue;
      if (!view.allows(shape("create", "persistentvolumeclaims"), ns, "")) continue;
      complete = true;
      break;
    }
    if (complete) {
      out.everyNode("PV_HOSTPATH", pvVias);
      return;
    }
    if (src.isGrant) return;
    for (const via of pvVias) {
      const o = ctx.bindingObjectOf(via);
      out.finding({
        rule: "PV_HOSTPATH",
        severity: "High",
        object: o,
        title: `${via} grants create on PersistentVolumes`,
        why: "Whoever can create PersistentVolumes can define a hostPath volume pointing at any host directory (for example /). Combined with creating a PVC and a pod in a namespace that is not `restricted`, it mounts the node's filesystem read-write, invisible to Pod Security Admission. The subjects of this binding lack the pod/PVC half today, so no path completes yet.",
        remediation: `Remove create on persistentvolumes from the role bound by ${via} (keep PV provisioning to the storage controller), or: kubectl delete ${o.kind.toLowerCase()} ${o.name}${o.namespace ? ` -n ${o.namespace}` : ""}`,
      });
    }
  },
};
