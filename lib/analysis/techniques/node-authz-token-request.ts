/**
 * v2 §3.28 NODE_AUTHZ_TOKEN_REQUEST: a node principal (Node authorizer on) may request a token for
 * the ServiceAccount of every pod bound to it — with node audience restriction on, only for pods
 * that reference the API audience. via the Pod.
 */
import { podCause } from "../cause";
import { referencesApiAudience } from "../containers";
import { effectiveServiceAccount } from "../pods";
import { objectRef } from "../refs";
import type { PrincipalTechnique } from "../technique";
import { saRef } from "./common";

export const nodeAuthzTokenRequest: PrincipalTechnique = {
  id: "NODE_AUTHZ_TOKEN_REQUEST",
  section: 28,
  rank: 13,
  on: "principal",
  shapes: [],
  apply(ctx, src, out) {
    const node = src.restrictedNode;
    if (node === null || src.isGrant) return;
    const audience = ctx.options.nodeAudienceRestriction !== false;
    for (const pod of ctx.boundPodsByNode.get(node) ?? []) {
      const ns = pod.metadata.namespace;
      if (audience && !referencesApiAudience(pod, ctx.tokenLookup(ns))) continue;
      const via = objectRef("Pod", pod.metadata.name, ns);
      const sa = effectiveServiceAccount(pod.spec);
      out.edge(saRef(ns, sa), "NODE_AUTHZ_TOKEN_REQUEST", [via], [podCause(ns, pod.metadata.name, audience ? { kind: "apiAudience" } : { kind: "nodeName" })]);
    }
  },
};
