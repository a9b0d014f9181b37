/**
 * §3.14 CSR_APPROVE_SIGN: create + read CSRs, update/patch their approval, and `approve` on the
 * kube-apiserver-client signer (all cluster scope) → any User, any Group except system:masters,
 * any ServiceAccount. Disabled by option `csrSignerEnabled: false`.
 */
import { mergeVias } from "../permissions";
import type { PrincipalTechnique } from "../technique";
import { CSR_GROUP, isSelf, saRef, shape } from "./common";
import { MASTERS } from "./impersonate";

const CSR = CSR_GROUP;
export const CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client";

export const csrApproveSign: PrincipalTechnique = {
  id: "CSR_APPROVE_SIGN",
  section: 14,
  rank: 8,
  on: "principal",
  shapes: [shape("create", "certificatesigningrequests", CSR_GROUP), ...["get", "list", "watch"].map((v) => shape(v, "certificatesigningrequests", CSR_GROUP)), ...["update", "patch"].map((v) => shape(v, "certificatesigningrequests", CSR_GROUP, "approval")), shape("approve", "signers", CSR_GROUP)],
  apply(ctx, src, out) {
    const view = src.view;
    if (ctx.options.csrSignerEnabled === false || view.cluster.length === 0) return;
    if (!view.allows(shape("create", "certificatesigningrequests", CSR), "", "")) return;
    if (!["get", "list", "watch"].some((v) => view.someNameAllowed(shape(v, "certificatesigningrequests", CSR), "") !== undefined)) return;
    if (!["update", "patch"].some((v) => view.someNameAllowed(shape(v, "certificatesigningrequests", CSR, "approval"), "") !== undefined)) return;
    const vias = mergeVias(
      view.vias(shape("approve", "signers", CSR), "", CLIENT_SIGNER),
      view.vias(shape("approve", "signers", CSR), "", "kubernetes.io/*"),
    );
    if (vias.length === 0) return;
    for (const u of ctx.userNames) {
      const to = { kind: "User" as const, name: u, namespace: null };
      if (!isSelf(src.vertex, to)) out.edge(to, "CSR_APPROVE_SIGN", vias);
    }
    for (const g of ctx.groupNames) {
      if (g === MASTERS) continue;
      const to = { kind: "Group" as const, name: g, namespace: null };
      if (!isSelf(src.vertex, to)) out.edge(to, "CSR_APPROVE_SIGN", vias);
    }
    for (const ns of ctx.namespaces) {
      for (const sa of ctx.sasByNs.get(ns) ?? []) {
        const to = saRef(ns, sa.metadata.name);
        if (!isSelf(src.vertex, to)) out.edge(to, "CSR_APPROVE_SIGN", vias);
      }
    }
  },
};
