/**
 * Human text for the escalation techniques of the spec (§3): a short name and one sentence of how
 * the step works, shown on the path cards. Ids are the spec's; severity is the catalog's headline
 * level (the analysis decides the real severity of a path from what it reaches).
 */
import { TECHNIQUE_IDS } from "@/lib/analysis/catalog";
import type { TechniqueId } from "@/lib/analysis/technique";

export interface TechniqueText {
  readonly id: TechniqueId;
  readonly name: string;
  /** One sentence: what the attacker does in this step and why it works. */
  readonly how: string;
}

const TEXT: Readonly<Record<TechniqueId, Omit<TechniqueText, "id">>> = {
  POD_CREATE_TOKEN_THEFT: {
    name: "Create a pod as another ServiceAccount",
    how: "Permission to create pods in a namespace lets the attacker start a pod that runs as any ServiceAccount of that namespace and read its mounted token.",
  },
  WORKLOAD_CREATE: {
    name: "Create or edit a workload",
    how: "Creating (or editing the pod template of) a Deployment, StatefulSet, DaemonSet, ReplicaSet, CronJob or ReplicationController makes the controller start pods as any ServiceAccount of the namespace.",
  },
  POD_EXEC: {
    name: "Exec into a running pod",
    how: "create on pods/exec runs commands inside an existing pod through the API server, with everything that pod can see.",
  },
  POD_EPHEMERAL_CONTAINER: {
    name: "Add an ephemeral container",
    how: "update or patch on pods/ephemeralcontainers adds a debug container to a running pod, sharing its volumes (including its token) and processes.",
  },
  POD_PATCH_IMAGE: {
    name: "Swap a running pod's image",
    how: "update or patch on pods changes a container image, so the kubelet restarts it with attacker code under the same ServiceAccount and volumes.",
  },
  POD_SA_TOKEN: {
    name: "Read the pod's API token",
    how: "Code running in the pod reads the ServiceAccount token it holds (automounted, projected for the API server audience, or a legacy token Secret).",
  },
  SECRET_READ_SA_TOKEN: {
    name: "Read a legacy token Secret",
    how: "Reading a valid kubernetes.io/service-account-token Secret yields a non-expiring token of its ServiceAccount.",
  },
  SECRET_READ: {
    name: "Read Secrets",
    how: "get, list or watch on secrets returns the Secret's contents.",
  },
  SECRET_CREATE_SA_TOKEN: {
    name: "Mint a token Secret",
    how: "Creating a Secret of type kubernetes.io/service-account-token for a ServiceAccount makes the token controller fill in a long-lived token, which the attacker then reads back.",
  },
  TOKEN_REQUEST: {
    name: "Request a ServiceAccount token",
    how: "create on serviceaccounts/token asks the API server to issue a fresh token for that ServiceAccount.",
  },
  IMPERSONATE: {
    name: "Impersonate",
    how: "The impersonate verb lets the attacker send requests as another user, ServiceAccount or (together with a user) group, and get its permissions.",
  },
  ROLE_BIND: {
    name: "Bind a role to oneself",
    how: "Writing a binding plus the bind verb on a role lets the attacker grant itself a role it does not hold.",
  },
  ROLE_ESCALATE: {
    name: "Escalate a bound role",
    how: "The escalate verb lets the attacker write rules it does not hold into a role that is already bound to it.",
  },
  CSR_APPROVE_SIGN: {
    name: "Approve one's own client certificate",
    how: "Creating and approving a CertificateSigningRequest for the kube-apiserver-client signer issues a certificate for any user, group or ServiceAccount name (except system:masters).",
  },
  NODES_PROXY_EXEC: {
    name: "Exec through the kubelet",
    how: "get or create on nodes/proxy reaches the kubelet API, which runs commands in any pod on the node without admission or audit.",
  },
  WEBHOOK_CONFIG_WRITE: {
    name: "Control a mutating webhook",
    how: "Writing a MutatingWebhookConfiguration lets the attacker rewrite every pod as it is admitted, including its ServiceAccount and commands.",
  },
  PV_HOSTPATH: {
    name: "Mount the host through a PersistentVolume",
    how: "Creating a hostPath PersistentVolume, a claim and a pod mounts a node's filesystem, which Pod Security admission does not see behind the claim.",
  },
  NAMESPACE_LABEL_PSA_BYPASS: {
    name: "Relabel the namespace's Pod Security level",
    how: "Patching the namespace's pod-security.kubernetes.io/enforce label to privileged lets the attacker then create privileged pods there.",
  },
  PRIVILEGED_POD_NODE_ESCAPE: {
    name: "Privileged pod to node root",
    how: "A privileged container has the host's devices and all capabilities, so it can mount the node's disk and become root on the node.",
  },
  HOSTPATH_ESCAPE: {
    name: "Sensitive hostPath to node root",
    how: "A hostPath mount of a sensitive host directory or container-runtime socket gives control of the node.",
  },
  HOSTPID_ESCAPE: {
    name: "Trace a host process",
    how: "With hostPID, SYS_PTRACE and no AppArmor confinement a container can attach to a root process of the host and inject code.",
  },
  CAP_SYS_ADMIN_ESCAPE: {
    name: "SYS_ADMIN to node root",
    how: "SYS_ADMIN without AppArmor confinement allows mounting cgroups and abusing their release agent to run code on the host.",
  },
  CAP_SYS_MODULE_ESCAPE: {
    name: "Load a kernel module",
    how: "SYS_MODULE lets the container load a kernel module, which runs code in the node's kernel.",
  },
  NODE_TOKEN_HARVEST: {
    name: "Harvest tokens on the node",
    how: "Root on a node reads every ServiceAccount token mounted into the pods running on it.",
  },
  CONTROL_PLANE_NODE_TAKEOVER: {
    name: "Take over a control-plane node",
    how: "A control-plane node holds admin kubeconfigs, the cluster CA key and etcd credentials, so root on it is cluster admin.",
  },
  CLUSTER_ADMIN_EQUIVALENT: {
    name: "Already cluster admin",
    how: "A ClusterRoleBinding to a role allowing every verb on every resource in every group (or membership of system:masters) is unrestricted control of the cluster.",
  },
  NODE_IDENTITY_ASSUME: {
    name: "Use the kubelet's credentials",
    how: "Root on a node reads the kubelet's client certificate and acts as system:node:<node>, with the Node authorizer's grants.",
  },
  NODE_AUTHZ_TOKEN_REQUEST: {
    name: "Request a token as the kubelet",
    how: "The Node authorizer lets a kubelet request tokens for the ServiceAccount of every pod bound to its node.",
  },
  NODE_AUTHZ_SECRET_READ: {
    name: "Read Secrets as the kubelet",
    how: "The Node authorizer lets a kubelet read every Secret a pod bound to its node references.",
  },
  HOSTPATH_READ: {
    name: "Read credentials from a host mount",
    how: "A read-only host mount of kubelet state or control-plane configuration exposes other pods' tokens, the kubelet's credentials or admin kubeconfigs.",
  },
  VAR_LOG_SYMLINK: {
    name: "Read host files through pod logs",
    how: "A root container with writable /var/log replaces a log file by a symlink; the kubelet follows it as root when the pod's identity reads pods/log.",
  },
  POD_ATTACH: {
    name: "Attach to a container's stdin",
    how: "create on pods/attach connects to a container that keeps stdin open and types commands into its process.",
  },
  SHARE_PS_NAMESPACE: {
    name: "Reach a sibling container through /proc",
    how: "With a shared process namespace, a container reads a sibling's files (and token) through /proc/<pid>/root when it may inspect that process.",
  },
};

export function isTechniqueId(value: string): value is TechniqueId {
  return (TECHNIQUE_IDS as readonly string[]).includes(value);
}

/** The name and sentence of a technique; an unknown id is shown as itself with no explanation. */
export function techniqueText(id: string): TechniqueText | { readonly id: string; readonly name: string; readonly how: null } {
  if (!isTechniqueId(id)) return { id, name: id, how: null };
  return { id, ...TEXT[id] };
}

export function allTechniqueTexts(): readonly TechniqueText[] {
  return TECHNIQUE_IDS.map((id) => ({ id, ...TEXT[id] }));
}
