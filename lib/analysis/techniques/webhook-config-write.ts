/**
 * §3.16 WEBHOOK_CONFIG_WRITE: write a MutatingWebhookConfiguration → the ServiceAccount of every
 * Pod and pod template. Validating-only writes are a finding on the granting binding, no path.
 */
import { mergeVias, type PermissionView } from "../permissions";
import { effectiveServiceAccount } from "../pods";
import type { PrincipalTechnique } from "../technique";
import { isSelf, saRef, shape } from "./common";

const ADM = "admissionregistration.k8s.io";

/**
 * create; or update/patch of an existing configuration (resourceNames must name one). When the snapshot
 * holds no configuration of that kind at all, the dump most likely left the kind out (§3.16 asks for
 * no existing object), so an update/patch rule without resourceNames counts.
 */
function writeVias(ctx: { objects: { webhookConfigurations: readonly { kind: string; metadata: { name: string } }[] } }, view: PermissionView, kind: string, resource: string): string[] {
  const lists = [view.vias(shape("create", resource, ADM), "", "")];
  const existing = ctx.objects.webhookConfigurations.filter((w) => w.kind === kind);
  for (const w of existing) {
    for (const v of ["update", "patch"]) lists.push(view.vias(shape(v, resource, ADM), "", w.metadata.name));
  }
  if (existing.length === 0) {
    // No name: only rules without resourceNames match a name-less request.
    for (const v of ["update", "patch"]) lists.push(view.vias(shape(v, resource, ADM), "", ""));
  }
  return mergeVias(...lists);
}

export const webhookConfigWrite: PrincipalTechnique = {
  id: "WEBHOOK_CONFIG_WRITE",
  section: 16,
  rank: 7,
  on: "principal",
  shapes: ["create", "update", "patch"].flatMap((v) => ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"].map((r) => shape(v, r, "admissionregistration.k8s.io"))),
  apply(ctx, src, out) {
    const view = src.view;
    if (view.cluster.length === 0) return;
    const mutating = writeVias(ctx, view, "MutatingWebhookConfiguration", "mutatingwebhookconfigurations");
    if (mutating.length > 0) {
      const targets = new Set<string>();
      for (const p of ctx.objects.pods) targets.add(`${p.metadata.namespace}/${effectiveServiceAccount(p.spec)}`);
      for (const w of ctx.objects.workloads) targets.add(`${w.metadata.namespace}/${effectiveServiceAccount(w.template.spec)}`);
      for (const t of [...targets].sort()) {
        const [ns, name] = t.split("/") as [string, string];
        if (!ctx.serviceAccount(ns, name)) continue;
        const to = saRef(ns, name);
        if (!isSelf(src.vertex, to)) out.edge(to, "WEBHOOK_CONFIG_WRITE", mutating);
      }
    }
    if (src.isGrant) return;
    for (const via of writeVias(ctx, view, "ValidatingWebhookConfiguration", "validatingwebhookconfigurations")) {
      const o = ctx.bindingObjectOf(via);
      out.finding({
        rule: "WEBHOOK_CONFIG_WRITE",
        severity: "High",
        object: o,
        title: `${via} lets its subjects write validating admission webhooks`,
        why: "A validating webhook receives every admitted object it subscribes to, including Secret writes, so whoever controls its configuration can read those objects in flight (and block admissions). It cannot change them, so no identity path follows, but it is a data-exposure and availability risk.",
        remediation: `Remove create/update/patch on validatingwebhookconfigurations (admissionregistration.k8s.io) from the role bound by ${via}, or delete the binding: kubectl delete ${o.kind.toLowerCase()} ${o.name}${o.namespace ? ` -n ${o.namespace}` : ""}`,
      });
    }
  },
};
