/**
 * v2 §3.29 NODE_AUTHZ_SECRET_READ: a node principal (Node authorizer on) may read every Secret a pod
 * bound to it references; a valid legacy token among them gives its ServiceAccount. via the Pod.
 */
import { podCause } from "../cause";
import { referencedSecrets } from "../containers";
import { objectRef } from "../refs";
import type { PrincipalTechnique } from "../technique";
import { saRef, secretRef } from "./common";

export const nodeAuthzSecretRead: PrincipalTechnique = {
  id: "NODE_AUTHZ_SECRET_READ",
  section: 29,
  rank: 14,
  on: "principal",
  shapes: [],
  apply(ctx, src, out) {
    const node = src.restrictedNode;
    if (node === null || src.isGrant) return;
    for (const pod of ctx.boundPodsByNode.get(node) ?? []) {
      const ns = pod.metadata.namespace;
      const via = objectRef("Pod", pod.metadata.name, ns);
      for (const [name] of referencedSecrets(pod.spec)) {
        const exists = (ctx.secretsByNs.get(ns) ?? []).some((s) => s.metadata.name === name);
        const cause = [podCause(ns, pod.metadata.name, { kind: "secret", secret: name })];
        if (exists) out.edge(secretRef(ns, name), "NODE_AUTHZ_SECRET_READ", [via], cause);
        const owner = ctx.legacyOwner(ns, name);
        if (owner !== undefined) out.edge(saRef(ns, owner), "NODE_AUTHZ_SECRET_READ", [via], cause);
      }
    }
  },
};
