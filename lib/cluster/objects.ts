/**
 * The cluster objects RBAC Atlas keeps that are not RBAC: namespaces, ServiceAccounts, Secrets
 * (metadata only), nodes, PersistentVolumes, admission webhooks, pods and pod controllers, and the
 * whole snapshot (`ClusterObjects`) as ingest produces it and the analysis reads it. The RBAC kinds
 * and object metadata live with the engine (`lib/rbac/objects`), which needs nothing from here.
 *
 * Plain, readonly, already-validated shapes; field names follow the Kubernetes API. Only the fields
 * some analysis reads are modelled; everything else stays in the stored manifest for display.
 */
import type { ObjectMeta, Labels, RbacPolicy } from "@/lib/rbac/objects";

// ---------------------------------------------------------------------------------------------
// Core objects

export interface Namespace {
  readonly kind: "Namespace";
  readonly metadata: ObjectMeta;
}

export interface ObjectReference {
  readonly name: string;
  readonly namespace?: string;
}

export interface ServiceAccount {
  readonly kind: "ServiceAccount";
  readonly metadata: ObjectMeta & { readonly namespace: string };
  readonly automountServiceAccountToken?: boolean;
  readonly secrets?: readonly ObjectReference[];
}

/** Secrets keep metadata and type only: `data`/`stringData` never leave the parser. */
export interface Secret {
  readonly kind: "Secret";
  readonly metadata: ObjectMeta & { readonly namespace: string };
  readonly type?: string;
  /** Names of the keys present in `data`/`stringData` (never the values). */
  readonly dataKeys?: readonly string[];
}

export interface Node {
  readonly kind: "Node";
  readonly metadata: ObjectMeta;
}

export interface PersistentVolume {
  readonly kind: "PersistentVolume";
  readonly metadata: ObjectMeta;
  readonly spec?: {
    readonly hostPath?: { readonly path: string; readonly type?: string };
    readonly storageClassName?: string;
    readonly claimRef?: ObjectReference;
  };
}

export interface WebhookConfiguration {
  readonly kind: "MutatingWebhookConfiguration" | "ValidatingWebhookConfiguration";
  readonly metadata: ObjectMeta;
  readonly webhooks?: readonly {
    readonly name: string;
    readonly clientConfig?: {
      readonly url?: string;
      readonly service?: { readonly name: string; readonly namespace: string; readonly path?: string };
    };
    readonly failurePolicy?: string;
    readonly rules?: readonly {
      readonly operations?: readonly string[];
      readonly apiGroups?: readonly string[];
      readonly apiVersions?: readonly string[];
      readonly resources?: readonly string[];
      readonly scope?: string;
    }[];
  }[];
}

// ---------------------------------------------------------------------------------------------
// Pods and pod templates

export interface Capabilities {
  readonly add?: readonly string[];
  readonly drop?: readonly string[];
}

export interface AppArmorProfile {
  readonly type: string;
  readonly localhostProfile?: string;
}

export interface SecurityContext {
  readonly privileged?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  readonly runAsUser?: number;
  readonly runAsNonRoot?: boolean;
  readonly capabilities?: Capabilities;
  readonly appArmorProfile?: AppArmorProfile;
  readonly procMount?: string;
}

export interface PodSecurityContext {
  readonly runAsUser?: number;
  readonly runAsNonRoot?: boolean;
  readonly appArmorProfile?: AppArmorProfile;
}

export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly?: boolean;
  readonly subPath?: string;
}

export interface EnvVar {
  readonly name: string;
  readonly valueFrom?: {
    readonly secretKeyRef?: { readonly name: string; readonly key?: string };
  };
}

export interface EnvFromSource {
  readonly secretRef?: { readonly name: string };
}

export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly securityContext?: SecurityContext;
  readonly volumeMounts?: readonly VolumeMount[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly EnvFromSource[];
  readonly ports?: readonly { readonly containerPort: number; readonly hostPort?: number }[];
  /** v2 §3.32: the container keeps stdin open (POD_ATTACH). */
  readonly stdin?: boolean;
  /** v2 §1.9: `Always` on an init container makes it a sidecar. */
  readonly restartPolicy?: string;
}

export interface ServiceAccountTokenProjection {
  readonly audience?: string;
  readonly expirationSeconds?: number;
  readonly path: string;
}

export interface Volume {
  readonly name: string;
  readonly hostPath?: { readonly path: string; readonly type?: string };
  readonly secret?: { readonly secretName?: string };
  readonly projected?: {
    readonly sources?: readonly {
      readonly serviceAccountToken?: ServiceAccountTokenProjection;
      readonly secret?: { readonly name?: string };
    }[];
  };
  readonly persistentVolumeClaim?: { readonly claimName: string; readonly readOnly?: boolean };
  // v2 §3.29: in-tree volume plugins and CSI that reference a Secret (read by the Node authorizer).
  readonly azureFile?: { readonly secretName?: string };
  readonly cephfs?: { readonly secretRef?: { readonly name?: string } };
  readonly cinder?: { readonly secretRef?: { readonly name?: string } };
  readonly flexVolume?: { readonly secretRef?: { readonly name?: string } };
  readonly iscsi?: { readonly secretRef?: { readonly name?: string } };
  readonly rbd?: { readonly secretRef?: { readonly name?: string } };
  readonly scaleIO?: { readonly secretRef?: { readonly name?: string } };
  readonly storageos?: { readonly secretRef?: { readonly name?: string } };
  readonly csi?: { readonly nodePublishSecretRef?: { readonly name?: string } };
}

export interface PodSpec {
  readonly serviceAccountName?: string;
  /** Deprecated alias of serviceAccountName; used only when serviceAccountName is empty. */
  readonly serviceAccount?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly nodeName?: string;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  readonly hostNetwork?: boolean;
  readonly securityContext?: PodSecurityContext;
  readonly containers: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly ephemeralContainers?: readonly Container[];
  readonly volumes?: readonly Volume[];
  /** v2 §3.33 */
  readonly shareProcessNamespace?: boolean;
  /** v2 §3.29 */
  readonly imagePullSecrets?: readonly { readonly name?: string }[];
}

export interface Pod {
  readonly kind: "Pod";
  readonly metadata: ObjectMeta & { readonly namespace: string };
  readonly spec: PodSpec;
  readonly status?: {
    readonly phase?: string;
    /** v2 §1.9: an ephemeral container whose state is `terminated` no longer runs. */
    readonly ephemeralContainerStatuses?: readonly { readonly name: string; readonly state?: { readonly terminated?: object } }[];
  };
  /** The controller that owns the pod, when metadata.ownerReferences names one. */
  readonly owner?: { readonly kind: string; readonly name: string };
}

export type WorkloadKind =
  | "Deployment"
  | "DaemonSet"
  | "StatefulSet"
  | "ReplicaSet"
  | "Job"
  | "CronJob"
  | "ReplicationController";

/** A pod controller, reduced to its pod template (CronJob: spec.jobTemplate.spec.template). */
export interface Workload {
  readonly kind: WorkloadKind;
  readonly metadata: ObjectMeta & { readonly namespace: string };
  readonly template: {
    readonly metadata?: { readonly labels?: Labels; readonly annotations?: Labels };
    readonly spec: PodSpec;
  };
  readonly replicas?: number;
  /** v2 §1.12: the controller that owns this workload (ReplicaSet → Deployment, Job → CronJob). */
  readonly owner?: { readonly kind: string; readonly name: string };
}

// ---------------------------------------------------------------------------------------------
// A whole cluster snapshot, as the engine and the analysis see it.

export interface ClusterObjects extends RbacPolicy {
  readonly namespaces: readonly Namespace[];
  readonly serviceAccounts: readonly ServiceAccount[];
  readonly secrets: readonly Secret[];
  readonly nodes: readonly Node[];
  readonly persistentVolumes: readonly PersistentVolume[];
  readonly webhookConfigurations: readonly WebhookConfiguration[];
  readonly pods: readonly Pod[];
  readonly workloads: readonly Workload[];
}

export type KeptKind =
  | "Namespace"
  | "ServiceAccount"
  | "Role"
  | "ClusterRole"
  | "RoleBinding"
  | "ClusterRoleBinding"
  | "Pod"
  | WorkloadKind
  | "Node"
  | "PersistentVolume"
  | "MutatingWebhookConfiguration"
  | "ValidatingWebhookConfiguration"
  | "Secret";

export const KEPT_KINDS: readonly KeptKind[] = [
  "Namespace",
  "ServiceAccount",
  "Role",
  "ClusterRole",
  "RoleBinding",
  "ClusterRoleBinding",
  "Pod",
  "Deployment",
  "DaemonSet",
  "StatefulSet",
  "ReplicaSet",
  "Job",
  "CronJob",
  "ReplicationController",
  "Node",
  "PersistentVolume",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "Secret",
];

export const EMPTY_CLUSTER: ClusterObjects = {
  namespaces: [],
  serviceAccounts: [],
  secrets: [],
  nodes: [],
  persistentVolumes: [],
  webhookConfigurations: [],
  pods: [],
  workloads: [],
  roles: [],
  clusterRoles: [],
  roleBindings: [],
  clusterRoleBindings: [],
};
