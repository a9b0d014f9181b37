/** Test helper: load a scenario YAML (multi-document Kubernetes manifests) into ClusterObjects. */
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import type { ClusterObjects, WorkloadKind } from "@/lib/cluster/objects";

const WORKLOADS = new Set(["Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"]);

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function clusterFromDocs(docs: readonly Any[]): ClusterObjects {
  const c = {
    namespaces: [] as Any[], serviceAccounts: [] as Any[], secrets: [] as Any[], nodes: [] as Any[], persistentVolumes: [] as Any[],
    webhookConfigurations: [] as Any[], pods: [] as Any[], workloads: [] as Any[], roles: [] as Any[], clusterRoles: [] as Any[],
    roleBindings: [] as Any[], clusterRoleBindings: [] as Any[],
  };
  for (const d of docs) {
    if (!d || typeof d !== "object") continue;
    if (d.kind === "List") {
      const inner = clusterFromDocs(d.items ?? []);
      for (const k of Object.keys(c) as (keyof typeof c)[]) c[k].push(...(inner[k] as unknown as Any[]));
      continue;
    }
    const metadata = { ...(d.metadata ?? {}) };
    const ctrl = (metadata.ownerReferences ?? []).find((o: Any) => o?.controller === true);
    const owner = ctrl ? { owner: { kind: String(ctrl.kind ?? ""), name: String(ctrl.name ?? "") } } : {};
    delete metadata.ownerReferences;
    switch (d.kind) {
      case "Namespace": c.namespaces.push({ kind: d.kind, metadata }); break;
      case "ServiceAccount": c.serviceAccounts.push({ kind: d.kind, metadata, ...(d.automountServiceAccountToken !== undefined ? { automountServiceAccountToken: d.automountServiceAccountToken } : {}), ...(d.secrets ? { secrets: d.secrets } : {}) }); break;
      case "Secret": c.secrets.push({ kind: d.kind, metadata, ...(d.type ? { type: d.type } : {}), dataKeys: Object.keys(d.data ?? {}) }); break;
      case "Node": c.nodes.push({ kind: d.kind, metadata }); break;
      case "PersistentVolume": c.persistentVolumes.push({ kind: d.kind, metadata, spec: d.spec ?? {} }); break;
      case "MutatingWebhookConfiguration":
      case "ValidatingWebhookConfiguration": c.webhookConfigurations.push({ kind: d.kind, metadata, webhooks: d.webhooks ?? [] }); break;
      case "Pod": c.pods.push({ kind: d.kind, metadata, spec: { containers: [], ...(d.spec ?? {}) }, ...(d.status ? { status: d.status } : {}), ...owner }); break;
      case "Role": c.roles.push({ kind: d.kind, metadata, rules: d.rules ?? [] }); break;
      case "ClusterRole": c.clusterRoles.push({ kind: d.kind, metadata, rules: d.rules ?? [], ...(d.aggregationRule ? { aggregationRule: d.aggregationRule } : {}) }); break;
      case "RoleBinding": c.roleBindings.push({ kind: d.kind, metadata, subjects: d.subjects ?? [], roleRef: d.roleRef }); break;
      case "ClusterRoleBinding": c.clusterRoleBindings.push({ kind: d.kind, metadata, subjects: d.subjects ?? [], roleRef: d.roleRef }); break;
      default:
        if (WORKLOADS.has(d.kind)) {
          const tpl = d.kind === "CronJob" ? d.spec?.jobTemplate?.spec?.template : d.spec?.template;
          c.workloads.push({ kind: d.kind as WorkloadKind, metadata, template: { metadata: tpl?.metadata ?? {}, spec: { containers: [], ...(tpl?.spec ?? {}) } }, ...owner });
        }
    }
  }
  return c as unknown as ClusterObjects;
}

export function loadScenario(path: string): ClusterObjects {
  const docs = parseAllDocuments(readFileSync(path, "utf8")).map((d) => d.toJS() as Any);
  return clusterFromDocs(docs);
}
