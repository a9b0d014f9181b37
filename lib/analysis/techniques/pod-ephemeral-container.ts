/**
 * §3.4 POD_EPHEMERAL_CONTAINER as read by v2 §3.34: `update`/`patch pods/ephemeralcontainers` on a
 * pod bound to a node (not a mirror pod) → the pod; directly (via the binding) the tokens of volumes
 * some container mounts that no live container shows, and with `ephemeralSecretRefs` every Secret
 * (and legacy-token ServiceAccount) of the namespace the pod's SA may mount; in a privileged-PSA
 * namespace the debug container may itself be privileged → the pod's node.
 */
import { isMirrorPod } from "../containers";
import type { Pod } from "@/lib/cluster/objects";
import type { AnalysisContext } from "../context";
import { allContainers, effectiveServiceAccount } from "../pods";
import type { PrincipalTechnique } from "../technique";
import { nodeRef, podRef, saRef, secretRef, shape } from "./common";
import { podsAllowed } from "./pod-access";

/** t1 tokens (§1.10) of every volume some container of the pod mounts. */
function mountedVolumeTokens(ctx: AnalysisContext, pod: Pod): Set<string> {
  const ns = pod.metadata.namespace;
  const mounted = new Set(allContainers(pod.spec).flatMap((c) => (c.volumeMounts ?? []).map((m) => m.name)));
  const out = new Set<string>();
  const legacy = (name: string | undefined) => {
    const owner = name ? ctx.legacyOwner(ns, name) : undefined;
    if (owner !== undefined) out.add(owner);
  };
  for (const v of pod.spec.volumes ?? []) {
    if (!mounted.has(v.name)) continue;
    legacy(v.secret?.secretName);
    for (const s of v.projected?.sources ?? []) {
      const tok = s.serviceAccountToken;
      if (tok && (!tok.audience || ctx.apiAudiences.has(tok.audience))) out.add(effectiveServiceAccount(pod.spec));
      legacy(s.secret?.name);
    }
  }
  return out;
}

const ENFORCE_MOUNTABLE = "kubernetes.io/enforce-mountable-secrets";

export const podEphemeralContainer: PrincipalTechnique = {
  id: "POD_EPHEMERAL_CONTAINER",
  section: 4,
  rank: 12,
  on: "principal",
  shapes: [shape("update", "pods", "", "ephemeralcontainers"), shape("patch", "pods", "", "ephemeralcontainers")],
  apply(ctx, src, out) {
    if (src.restrictedNode !== null) return;
    const shapes = [shape("update", "pods", "", "ephemeralcontainers"), shape("patch", "pods", "", "ephemeralcontainers")];
    // Secret references are the same for every pod of a namespace (unless its SA restricts them):
    // gathered per (namespace, restricting SA) and emitted once, not once per pod.
    const secretGains = new Map<string, { ns: string; allowed: ReadonlySet<string> | null; vias: Set<string> }>();
    for (const [pod, vias] of podsAllowed(ctx, src.view, shapes)) {
      if (!pod.spec.nodeName || isMirrorPod(pod)) continue;
      const ns = pod.metadata.namespace;
      out.edge(podRef(ns, pod.metadata.name), "POD_EPHEMERAL_CONTAINER", vias);
      // Volumes set up on the node (some container mounts them) may be mounted by the new container.
      const live = new Set(ctx.liveTokensOf(pod).map((t) => t.serviceAccount));
      for (const sa of mountedVolumeTokens(ctx, pod)) if (!live.has(sa)) out.edge(saRef(ns, sa), "POD_EPHEMERAL_CONTAINER", vias);
      if (ctx.options.ephemeralSecretRefs !== false) {
        const sa = ctx.serviceAccount(ns, effectiveServiceAccount(pod.spec));
        const restricted = sa?.metadata.annotations?.[ENFORCE_MOUNTABLE] === "true";
        const key = restricted ? `${ns}\u0000${sa?.metadata.name}` : ns;
        let g = secretGains.get(key);
        if (!g) secretGains.set(key, (g = { ns, allowed: restricted ? new Set((sa?.secrets ?? []).map((s) => s.name)) : null, vias: new Set() }));
        for (const v of vias) g.vias.add(v);
      }
      if (ctx.psa(ns) === "privileged") out.edge(nodeRef(pod.spec.nodeName), "PRIVILEGED_POD_NODE_ESCAPE", vias);
    }
    for (const { ns, allowed, vias } of secretGains.values()) {
      const v = [...vias].sort();
      for (const s of ctx.secretsByNs.get(ns) ?? []) {
        if (allowed && !allowed.has(s.metadata.name)) continue;
        out.edge(secretRef(ns, s.metadata.name), "POD_EPHEMERAL_CONTAINER", v);
        const owner = ctx.legacyOwner(ns, s.metadata.name);
        if (owner !== undefined) out.edge(saRef(ns, owner), "POD_EPHEMERAL_CONTAINER", v);
      }
    }
  },
};
