import type { Pod, PodSpec, ServiceAccount, Workload } from "@/lib/cluster/objects";

export interface PodMountRow {
  readonly serviceAccount: string;
  readonly nodeName: string;
  readonly automount: boolean;
  readonly phase: string;
}

/** serviceAccountName, else the deprecated serviceAccount, else `default` (ESCALATION_TECHNIQUES §1.4). */
export function effectiveServiceAccountName(spec: PodSpec): string {
  return spec.serviceAccountName || spec.serviceAccount || "default";
}

/** The pod's field wins over the ServiceAccount's; both unset means mounted. */
export function effectiveAutomount(spec: PodSpec, serviceAccount: ServiceAccount | undefined): boolean {
  return spec.automountServiceAccountToken ?? serviceAccount?.automountServiceAccountToken ?? true;
}

export function podMountRows(owner: Pod | Workload, serviceAccounts: ReadonlyMap<string, ServiceAccount>): PodMountRow {
  const spec = owner.kind === "Pod" ? owner.spec : owner.template.spec;
  const saName = effectiveServiceAccountName(spec);
  const sa = serviceAccounts.get(`${owner.metadata.namespace}/${saName}`);
  return {
    serviceAccount: saName,
    nodeName: owner.kind === "Pod" ? (spec.nodeName ?? "") : "",
    automount: effectiveAutomount(spec, sa),
    phase: owner.kind === "Pod" ? (owner.status?.phase ?? "") : "",
  };
}
