/**
 * A deterministic, realistic cluster for tests and benchmarks: the Kubernetes bootstrap policy plus
 * teams, namespaces (each with its `default` ServiceAccount), RoleBindings to view/edit/admin and
 * custom Roles, CI accounts, a monitoring stack, Deployments → ReplicaSets → Pods on nodes,
 * DaemonSets on every node, and a few risky objects. Everything comes from one seeded PRNG.
 *
 * `generateCluster` yields plain API objects (as `kubectl get -o json` items) one at a time, so the
 * XL size streams without building the whole cluster in memory.
 */

import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { Random } from "@/lib/gen/random";

export type ClusterSize = "s" | "m" | "l" | "xl";
export const CLUSTER_SIZES: readonly ClusterSize[] = ["s", "m", "l", "xl"];

export interface SizeTargets {
  readonly Namespace: number;
  readonly ServiceAccount: number;
  readonly RoleBinding: number;
  readonly Role: number;
  readonly ClusterRole: number;
  readonly ClusterRoleBinding: number;
  readonly Pod: number;
  readonly Node: number;
}

/**
 * Exact object counts per size (bootstrap policy included). XL is the figure; L = XL/5,
 * M = XL/50, S = XL/500, except ClusterRoles/ClusterRoleBindings of S and M, which cannot go below
 * the 69/48 of the bootstrap policy.
 */
export const SIZE_TARGETS: Readonly<Record<ClusterSize, SizeTargets>> = {
  xl: { Namespace: 5000, ServiceAccount: 50000, RoleBinding: 100000, Role: 10000, ClusterRole: 1500, ClusterRoleBinding: 3000, Pod: 150000, Node: 500 },
  l: { Namespace: 1000, ServiceAccount: 10000, RoleBinding: 20000, Role: 2000, ClusterRole: 300, ClusterRoleBinding: 600, Pod: 30000, Node: 100 },
  m: { Namespace: 100, ServiceAccount: 1000, RoleBinding: 2000, Role: 200, ClusterRole: 100, ClusterRoleBinding: 80, Pod: 3000, Node: 10 },
  s: { Namespace: 10, ServiceAccount: 100, RoleBinding: 200, Role: 20, ClusterRole: 80, ClusterRoleBinding: 60, Pod: 300, Node: 3 },
};

export type ApiObject = Record<string, unknown> & { readonly kind: string };

const BOOTSTRAP_DIR = path.resolve(import.meta.dirname, "../../fixtures/k8s-bootstrap-policy");

interface Bootstrap {
  readonly clusterRoles: ApiObject[];
  readonly clusterRoleBindings: ApiObject[];
  readonly roles: ApiObject[];
  readonly roleBindings: ApiObject[];
  /** kube-system ServiceAccounts the bootstrap bindings name. */
  readonly systemServiceAccounts: string[];
}

let bootstrapCache: Bootstrap | undefined;

export function loadBootstrapPolicy(): Bootstrap {
  if (bootstrapCache !== undefined) return bootstrapCache;
  const b: Bootstrap = { clusterRoles: [], clusterRoleBindings: [], roles: [], roleBindings: [], systemServiceAccounts: [] };
  const sas = new Set<string>();
  for (const file of readdirSync(BOOTSTRAP_DIR).filter((f) => f.endsWith(".yaml")).sort()) {
    const doc = parseYaml(readFileSync(path.join(BOOTSTRAP_DIR, file), "utf8")) as { items?: ApiObject[] };
    for (const item of doc.items ?? []) {
      if (item.kind === "ClusterRole") b.clusterRoles.push(item);
      else if (item.kind === "ClusterRoleBinding") b.clusterRoleBindings.push(item);
      else if (item.kind === "Role") b.roles.push(item);
      else if (item.kind === "RoleBinding") b.roleBindings.push(item);
      for (const s of (item.subjects as { kind: string; name: string; namespace?: string }[] | undefined) ?? []) {
        if (s.kind === "ServiceAccount" && s.namespace === "kube-system") sas.add(s.name);
      }
    }
  }
  b.systemServiceAccounts.push(...[...sas].sort());
  bootstrapCache = b;
  return b;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const TEAMS = ["payments", "checkout", "search", "identity", "ledger", "billing", "fraud", "shipping", "catalog", "inventory", "notifications", "analytics", "growth", "mobile", "platform", "data", "ml", "support", "orders", "pricing", "reviews", "media", "messaging", "risk"];
const COMPONENTS = ["api", "web", "worker", "gateway", "scheduler", "indexer", "cache", "sync", "events", "reports", "admin", "auth", "export", "import", "stream", "batch", "notifier", "proxy", "ingest", "store", "query", "router", "jobs", "cron", "backend"];
const ENVS = ["prod", "staging", "dev", "qa"];
const REGIONS = ["eu1", "us1", "ap1"];
const FIRST = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yusuf", "zoe", "amir", "bea", "chen", "dana", "eli", "fatima", "goran", "hana", "ines"];
const LAST = ["smith", "jones", "garcia", "muller", "rossi", "kowalski", "nguyen", "tanaka", "silva", "dubois", "novak", "larsen", "okafor", "haddad", "kim", "patel"];
const CRD_GROUPS: readonly (readonly [string, readonly string[]])[] = [
  ["cert-manager.io", ["certificates", "issuers", "certificaterequests"]],
  ["monitoring.coreos.com", ["servicemonitors", "podmonitors", "prometheusrules"]],
  ["argoproj.io", ["applications", "appprojects", "rollouts"]],
  ["kafka.strimzi.io", ["kafkas", "kafkatopics", "kafkausers"]],
  ["postgres-operator.crunchydata.com", ["postgresclusters"]],
  ["networking.istio.io", ["virtualservices", "destinationrules", "gateways"]],
  ["external-secrets.io", ["externalsecrets", "secretstores"]],
  ["keda.sh", ["scaledobjects", "scaledjobs"]],
  ["velero.io", ["backups", "restores", "schedules"]],
  ["traefik.io", ["ingressroutes", "middlewares"]],
];
const ROLE_TEMPLATES: readonly (readonly [string, readonly Record<string, unknown>[]])[] = [
  ["pod-reader", [{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] }]],
  ["config-editor", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch", "create", "update", "patch"] }]],
  ["secret-reader", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }]],
  ["deployer", [{ apiGroups: ["apps"], resources: ["deployments", "replicasets"], verbs: ["get", "list", "watch", "create", "update", "patch"] }, { apiGroups: [""], resources: ["services", "configmaps"], verbs: ["get", "list", "create", "update", "patch"] }]],
  ["job-runner", [{ apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: ["get", "list", "watch", "create", "delete"] }]],
  ["leader-election", [{ apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["get", "create", "update"] }, { apiGroups: [""], resources: ["configmaps"], resourceNames: ["leader-lock"], verbs: ["get", "update"] }]],
  ["debugger", [{ apiGroups: [""], resources: ["pods/exec", "pods/portforward"], verbs: ["create"] }, { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }]],
  ["metrics-reader", [{ apiGroups: ["metrics.k8s.io"], resources: ["pods"], verbs: ["get", "list"] }]],
  ["service-editor", [{ apiGroups: [""], resources: ["services", "endpoints"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] }]],
  ["pvc-manager", [{ apiGroups: [""], resources: ["persistentvolumeclaims"], verbs: ["get", "list", "create", "delete"] }]],
];
const WILDCARD_RULES = [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }];
const BASE_TIME = Date.UTC(2025, 0, 6, 9, 0, 0);

// ---------------------------------------------------------------------------------------------

interface NamespacePlan {
  readonly name: string;
  readonly team: string;
  readonly env: string;
  serviceAccounts: number;
  roles: number;
  roleBindings: number;
  pods: number;
}

class Names {
  private readonly used = new Set<string>();
  unique(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}-${i}`;
    this.used.add(name);
    return name;
  }
}

function need(what: string, n: number): number {
  if (n < 0) throw new Error(`generator size table leaves ${n} ${what}`);
  return n;
}

/** The objects of one generated cluster, in a stable order. */
export function* generateCluster(size: ClusterSize, seed = 1): Generator<ApiObject> {
  const t = SIZE_TARGETS[size];
  const rng = new Random(seed);
  const boot = loadBootstrapPolicy();
  let clock = 0;
  const created = (): string => new Date(BASE_TIME + (clock += rng.range(1, 900)) * 1000).toISOString().replace(".000Z", "Z");
  const meta = (name: string, namespace?: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    name,
    ...(namespace !== undefined && { namespace }),
    uid: rng.uuid(),
    creationTimestamp: created(),
    ...extra,
  });

  // --- people
  const users = rng.shuffle(FIRST.flatMap((f) => LAST.map((l) => `${f}.${l}@example.com`)));
  const teamUsers = new Map(TEAMS.map((team, i) => [team, users.slice(i * 6, i * 6 + rng.range(3, 6))]));
  const groupsOf = (team: string): string[] => [`team-${team}`, `team-${team}-oncall`];

  // --- namespaces
  const system = ["default", "kube-system", "kube-public", "kube-node-lease"];
  const fixed: [string, string][] = [
    ["ci", "platform"],
    ["monitoring", "platform"],
    ["ops", "platform"],
    ["ingress-nginx", "platform"],
    ["cert-manager", "platform"],
  ];
  const appCount = need("app namespaces", t.Namespace - system.length - fixed.length);
  const tier1 = rng.shuffle(TEAMS.flatMap((team) => ENVS.map((env) => [`team-${team}-${env}`, team, env] as const)));
  const tier2 = rng.shuffle(TEAMS.flatMap((team) => COMPONENTS.flatMap((c) => ENVS.map((env) => [`${team}-${c}-${env}`, team, env] as const))));
  const tier3 = rng.shuffle(TEAMS.flatMap((team) => COMPONENTS.flatMap((c) => ENVS.flatMap((env) => REGIONS.map((r) => [`${team}-${c}-${env}-${r}`, team, env] as const)))));
  const appNames = [...tier1, ...tier2, ...tier3].slice(0, appCount);
  if (appNames.length < appCount) throw new Error("not enough namespace names");
  const plans: NamespacePlan[] = [
    ...fixed.map(([name, team]) => ({ name, team, env: "prod", serviceAccounts: 0, roles: 0, roleBindings: 0, pods: 0 })),
    ...appNames.map(([name, team, env]) => ({ name, team, env, serviceAccounts: 0, roles: 0, roleBindings: 0, pods: 0 })),
  ];

  // --- nodes
  const controlPlanes = Math.max(1, Math.min(3, Math.round(t.Node / 100)));
  const workers = Array.from({ length: need("worker nodes", t.Node - controlPlanes) }, (_, i) => `worker-${String(i + 1).padStart(3, "0")}`);
  const cpNodes = Array.from({ length: controlPlanes }, (_, i) => `control-plane-${i + 1}`);

  // --- budgets (fixed objects first, the rest spread over namespaces)
  const systemSAs = boot.systemServiceAccounts.length + 3; // + coredns, kube-proxy, calico-node
  const fixedSAs = 6; // ci/deployer, ci/gitlab-runner, monitoring/prometheus, monitoring/node-exporter, ops/cluster-janitor, ingress-nginx/ingress-nginx
  const spreadSAs = need("ServiceAccounts", t.ServiceAccount - t.Namespace - systemSAs - fixedSAs);
  rng.allocate(spreadSAs, appCount).forEach((n, i) => ((plans[fixed.length + i] as NamespacePlan).serviceAccounts = n));
  rng.allocate(need("Roles", t.Role - boot.roles.length), appCount).forEach((n, i) => ((plans[fixed.length + i] as NamespacePlan).roles = n));
  rng.allocate(need("RoleBindings", t.RoleBinding - boot.roleBindings.length - 1), appCount).forEach((n, i) => ((plans[fixed.length + i] as NamespacePlan).roleBindings = n));
  const daemonPods = 2 * t.Node + workers.length; // kube-proxy and calico-node everywhere, node-exporter on workers
  const fixedPods = 4; // prometheus, ingress controller, ci runner, cluster-janitor
  rng.allocate(need("Pods", t.Pod - daemonPods - fixedPods - 2), appCount).forEach((n, i) => ((plans[fixed.length + i] as NamespacePlan).pods = n));

  // ============================================================================== cluster scope
  for (const name of system) yield { apiVersion: "v1", kind: "Namespace", metadata: meta(name, undefined, { labels: { "kubernetes.io/metadata.name": name } }) };
  for (const p of plans) {
    const labels: Record<string, string> = { "kubernetes.io/metadata.name": p.name, team: p.team, env: p.env };
    if (p.env === "prod" && rng.chance(0.6)) labels["pod-security.kubernetes.io/enforce"] = rng.chance(0.5) ? "restricted" : "baseline";
    yield { apiVersion: "v1", kind: "Namespace", metadata: meta(p.name, undefined, { labels }) };
  }
  for (const name of cpNodes) {
    yield { apiVersion: "v1", kind: "Node", metadata: meta(name, undefined, { labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "node-role.kubernetes.io/control-plane": "" } }) };
  }
  for (const name of workers) {
    yield { apiVersion: "v1", kind: "Node", metadata: meta(name, undefined, { labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "topology.kubernetes.io/zone": `zone-${rng.pick(["a", "b", "c"])}` } }) };
  }

  // --- ClusterRoles: bootstrap + custom
  yield* boot.clusterRoles;
  const crNames = new Names();
  for (const cr of boot.clusterRoles) crNames.unique((cr.metadata as { name: string }).name);
  const customCRs: string[] = [];
  const clusterRole = (name: string, rules: unknown[], labels?: Record<string, string>): ApiObject => {
    customCRs.push(name);
    return { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: meta(crNames.unique(name), undefined, labels && { labels }), rules };
  };
  const fixedCRs: ApiObject[] = [
    clusterRole("monitoring-reader", [{ apiGroups: [""], resources: ["pods", "nodes", "services", "endpoints", "nodes/metrics"], verbs: ["get", "list", "watch"] }, { nonResourceURLs: ["/metrics"], verbs: ["get"] }]),
    clusterRole("ci-deployer", [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "create", "update", "patch"] }, { apiGroups: [""], resources: ["pods", "services", "configmaps"], verbs: ["get", "list", "create", "delete"] }]),
    clusterRole("legacy-superuser", WILDCARD_RULES),
    clusterRole("health-checker", [{ nonResourceURLs: ["/healthz", "/livez", "/readyz"], verbs: ["get"] }, { apiGroups: [""], resources: ["nodes"], verbs: ["list"] }]),
  ];
  let customCRCount = need("ClusterRoles", t.ClusterRole - boot.clusterRoles.length - fixedCRs.length);
  yield* fixedCRs;
  for (let i = 0; customCRCount > 0; i++) {
    const [group, resources] = CRD_GROUPS[i % CRD_GROUPS.length] as (typeof CRD_GROUPS)[number];
    const round = Math.floor(i / CRD_GROUPS.length);
    const base = group.split(".")[0] ?? group;
    if (round === 0 || round === 1) {
      const edit = round === 1;
      yield clusterRole(`${base}-${edit ? "edit" : "view"}`, [{ apiGroups: [group], resources, verbs: edit ? ["create", "update", "patch", "delete"] : ["get", "list", "watch"] }], {
        [`rbac.authorization.k8s.io/aggregate-to-${edit ? "edit" : "view"}`]: "true",
      });
    } else {
      const team = rng.pick(TEAMS);
      const verbs = rng.chance(0.7) ? ["get", "list", "watch"] : ["get", "list", "watch", "create", "update", "patch", "delete"];
      yield clusterRole(`${team}-${rng.pick(COMPONENTS)}-${verbs.length > 3 ? "operator" : "reader"}`, [{ apiGroups: [group], resources: [rng.pick(resources)], verbs }]);
    }
    customCRCount--;
  }

  // --- ClusterRoleBindings: bootstrap + custom
  yield* boot.clusterRoleBindings;
  const crbNames = new Names();
  for (const b of boot.clusterRoleBindings) crbNames.unique((b.metadata as { name: string }).name);
  const crb = (name: string, role: string, subjects: unknown[]): ApiObject => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: meta(crbNames.unique(name)),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
    subjects,
  });
  const sa = (name: string, namespace: string) => ({ kind: "ServiceAccount", name, namespace });
  const group = (name: string) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name });
  const user = (name: string) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "User", name });
  const fixedCRBs = [
    crb("prometheus", "monitoring-reader", [sa("prometheus", "monitoring")]),
    crb("ci-deployer", "ci-deployer", [sa("deployer", "ci")]),
    crb("ops-cluster-janitor", "cluster-admin", [sa("cluster-janitor", "ops")]),
    crb("public-health", "health-checker", [group("system:unauthenticated")]),
    crb("sre-admins", "cluster-admin", [group("sre")]),
    crb("old-dashboard", "kubernetes-dashboard-admin", [sa("kubernetes-dashboard", "kube-system")]),
  ];
  yield* fixedCRBs;
  for (let n = need("ClusterRoleBindings", t.ClusterRoleBinding - boot.clusterRoleBindings.length - fixedCRBs.length); n > 0; n--) {
    const team = rng.pick(TEAMS);
    const role = rng.chance(0.3) ? "view" : rng.pick(customCRs);
    const subject = rng.chance(0.6) ? group(rng.pick(groupsOf(team))) : user(rng.pick(teamUsers.get(team) ?? users));
    yield crb(`${team}-${role}`, role, [subject]);
  }

  // ============================================================================== kube-system
  yield* boot.roles;
  yield* boot.roleBindings;
  const serviceAccount = (name: string, namespace: string, extra: Record<string, unknown> = {}): ApiObject => ({ apiVersion: "v1", kind: "ServiceAccount", metadata: meta(name, namespace), ...extra });
  for (const ns of system) yield serviceAccount("default", ns);
  for (const name of [...boot.systemServiceAccounts, "coredns", "kube-proxy", "calico-node"]) yield serviceAccount(name, "kube-system");
  yield {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: meta("kube-proxy-config", "kube-system"),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:node-proxier" },
    subjects: [sa("kube-proxy", "kube-system")],
  };
  const allNodes = [...cpNodes, ...workers];
  const pod = (name: string, namespace: string, spec: Record<string, unknown>, owner?: { kind: string; name: string; apiVersion: string }): ApiObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: meta(name, namespace, owner && { ownerReferences: [{ ...owner, uid: rng.uuid(), controller: true, blockOwnerDeletion: true }] }),
    spec,
    status: { phase: rng.chance(0.98) ? "Running" : "Pending" },
  });
  const daemonSet = function* (name: string, namespace: string, nodes: readonly string[], spec: Record<string, unknown>): Generator<ApiObject> {
    yield { apiVersion: "apps/v1", kind: "DaemonSet", metadata: meta(name, namespace), spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } } };
    for (const node of nodes) yield pod(`${name}-${rng.suffix(5)}`, namespace, { ...spec, nodeName: node }, { apiVersion: "apps/v1", kind: "DaemonSet", name });
  };
  yield* daemonSet("kube-proxy", "kube-system", allNodes, {
    serviceAccountName: "kube-proxy",
    hostNetwork: true,
    containers: [{ name: "kube-proxy", image: "registry.k8s.io/kube-proxy:v1.31.2", securityContext: { privileged: true }, volumeMounts: [{ name: "lib-modules", mountPath: "/lib/modules", readOnly: true }] }],
    volumes: [{ name: "lib-modules", hostPath: { path: "/lib/modules" } }],
  });
  yield* daemonSet("calico-node", "kube-system", allNodes, {
    serviceAccountName: "calico-node",
    hostNetwork: true,
    containers: [{ name: "calico-node", image: "docker.io/calico/node:v3.28.1", securityContext: { privileged: true }, volumeMounts: [{ name: "var-run-calico", mountPath: "/var/run/calico" }] }],
    volumes: [{ name: "var-run-calico", hostPath: { path: "/var/run/calico", type: "DirectoryOrCreate" } }],
  });

  // ============================================================================== fixed platform namespaces
  yield serviceAccount("default", "ci");
  yield serviceAccount("deployer", "ci");
  yield serviceAccount("gitlab-runner", "ci");
  yield serviceAccount("default", "monitoring");
  yield serviceAccount("prometheus", "monitoring");
  yield serviceAccount("node-exporter", "monitoring", { automountServiceAccountToken: false });
  yield serviceAccount("default", "ops");
  yield serviceAccount("cluster-janitor", "ops");
  yield serviceAccount("default", "ingress-nginx");
  yield serviceAccount("ingress-nginx", "ingress-nginx");
  yield serviceAccount("default", "cert-manager");
  yield {
    apiVersion: "v1",
    kind: "Secret",
    metadata: meta("deployer-token", "ci", { annotations: { "kubernetes.io/service-account.name": "deployer" } }),
    type: "kubernetes.io/service-account-token",
  };
  yield* daemonSet("node-exporter", "monitoring", workers, {
    serviceAccountName: "node-exporter",
    hostPID: true,
    hostNetwork: true,
    containers: [{ name: "node-exporter", image: "quay.io/prometheus/node-exporter:v1.8.2", volumeMounts: [{ name: "root", mountPath: "/host/root", readOnly: true }] }],
    volumes: [{ name: "root", hostPath: { path: "/" } }],
  });
  const single = (name: string, namespace: string, saName: string, image: string): ApiObject =>
    pod(`${name}-${rng.suffix(10)}-${rng.suffix(5)}`, namespace, { serviceAccountName: saName, nodeName: rng.pick(workers), containers: [{ name, image }] }, { apiVersion: "apps/v1", kind: "ReplicaSet", name: `${name}-${rng.suffix(10)}` });
  yield single("prometheus", "monitoring", "prometheus", "quay.io/prometheus/prometheus:v2.54.1");
  yield single("ingress-nginx-controller", "ingress-nginx", "ingress-nginx", "registry.k8s.io/ingress-nginx/controller:v1.11.2");
  yield single("gitlab-runner", "ci", "gitlab-runner", "gitlab/gitlab-runner:v17.4.0");
  yield single("cluster-janitor", "ops", "cluster-janitor", "registry.example.com/platform/janitor:2.3.1");
  // Risky: a CI pod on the default ServiceAccount, and a privileged debug pod mounting the node's root.
  yield pod(`ci-debug-${rng.suffix(5)}`, "ci", { nodeName: rng.pick(workers), containers: [{ name: "shell", image: "busybox:1.36" }] });
  yield pod(`node-debugger-${rng.pick(workers)}`, "ops", {
    nodeName: rng.pick(workers),
    hostPID: true,
    containers: [{ name: "debugger", image: "busybox:1.36", securityContext: { privileged: true }, volumeMounts: [{ name: "host", mountPath: "/host" }] }],
    volumes: [{ name: "host", hostPath: { path: "/" } }],
  });

  // ============================================================================== app namespaces
  for (const p of plans.slice(fixed.length)) {
    const ns = p.name;
    const members = teamUsers.get(p.team) ?? users;
    // ServiceAccounts
    yield serviceAccount("default", ns);
    const saNames = new Names();
    saNames.unique("default");
    const appSAs: string[] = [];
    for (let i = 0; i < p.serviceAccounts; i++) {
      const name = saNames.unique(i === 0 && rng.chance(0.3) ? "deployer" : `${rng.pick(COMPONENTS)}${rng.chance(0.3) ? "-worker" : ""}`);
      appSAs.push(name);
      const automount = rng.chance(0.2) ? { automountServiceAccountToken: false } : {};
      yield serviceAccount(name, ns, automount);
      if (rng.chance(0.02)) {
        yield { apiVersion: "v1", kind: "Secret", metadata: meta(`${name}-token-${rng.suffix(5)}`, ns, { annotations: { "kubernetes.io/service-account.name": name } }), type: "kubernetes.io/service-account-token" };
      }
    }
    if (rng.chance(0.1)) {
      yield { apiVersion: "v1", kind: "Secret", metadata: meta(`${p.team}-db-credentials`, ns), type: "Opaque", data: { username: Buffer.from(p.team).toString("base64"), password: Buffer.from(rng.suffix(16)).toString("base64") } };
    }
    // Roles
    const roleNames = new Names();
    const roles: string[] = [];
    for (let i = 0; i < p.roles; i++) {
      const wildcard = rng.chance(0.01);
      const [base, rules] = wildcard ? (["namespace-owner", WILDCARD_RULES] as const) : rng.pick(ROLE_TEMPLATES);
      const name = roleNames.unique(base);
      roles.push(name);
      yield { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: meta(name, ns), rules };
    }
    // RoleBindings
    const bindingNames = new Names();
    for (let i = 0; i < p.roleBindings; i++) {
      let roleRef: { kind: string; name: string };
      let subject: Record<string, unknown>;
      let base: string;
      const r = rng.float();
      if (r < 0.35 || (roles.length === 0 && r < 0.7)) {
        const role = rng.pick(p.env === "prod" ? ["view", "view", "edit", "admin"] : ["view", "edit", "edit", "admin"]);
        roleRef = { kind: "ClusterRole", name: role };
        if (rng.chance(0.5)) {
          const g = rng.pick(groupsOf(p.team));
          subject = group(g);
          base = `${g}-${role}`;
        } else {
          const u = rng.pick(members);
          subject = user(u);
          base = `${u.split("@")[0]?.replace(".", "-")}-${role}`;
        }
      } else if (roles.length > 0 && r < 0.85) {
        const role = rng.pick(roles);
        roleRef = { kind: "Role", name: role };
        const s = appSAs.length > 0 && !rng.chance(0.03) ? rng.pick(appSAs) : "default";
        subject = sa(s, ns);
        base = `${s}-${role}`;
      } else if (r < 0.97) {
        const role = rng.pick(customCRs);
        roleRef = { kind: "ClusterRole", name: role };
        subject = rng.chance(0.5) && appSAs.length > 0 ? sa(rng.pick(appSAs), ns) : group(rng.pick(groupsOf(p.team)));
        base = role;
      } else {
        // CI access from the shared ci namespace, now and then with a stale role reference.
        const missing = rng.chance(0.1);
        roleRef = missing ? { kind: "Role", name: "deploy-legacy" } : { kind: "ClusterRole", name: "edit" };
        subject = sa("deployer", "ci");
        base = missing ? "ci-deploy-legacy" : "ci-deployer-edit";
      }
      yield {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: meta(bindingNames.unique(base), ns),
        roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef },
        subjects: [subject],
      };
    }
    // Workloads: Deployment → ReplicaSet → Pods
    const deployNames = new Names();
    for (let left = p.pods; left > 0; ) {
      const replicas = Math.min(left, rng.range(1, 5));
      left -= replicas;
      const component = rng.pick(COMPONENTS);
      const name = deployNames.unique(`${p.team}-${component}`);
      const saName = appSAs.length > 0 && rng.chance(0.85) ? rng.pick(appSAs) : undefined;
      const risky = rng.chance(0.004);
      const spec: Record<string, unknown> = {
        ...(saName !== undefined && { serviceAccountName: saName }),
        ...(rng.chance(0.15) && { automountServiceAccountToken: false }),
        securityContext: risky ? {} : { runAsNonRoot: true, runAsUser: 10001 },
        containers: [
          {
            name: component,
            image: `registry.example.com/${p.team}/${component}:v${rng.range(1, 4)}.${rng.range(0, 20)}.${rng.range(0, 9)}`,
            ports: [{ containerPort: 8080 }],
            env: [{ name: "ENV", value: p.env }, ...(rng.chance(0.3) ? [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: `${p.team}-db-credentials`, key: "password" } } }] : [])],
            securityContext: risky ? { privileged: true } : { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
            ...(risky && { volumeMounts: [{ name: "host", mountPath: "/host" }] }),
          },
        ],
        ...(risky && { volumes: [{ name: "host", hostPath: { path: "/" } }] }),
      };
      const labels = { app: name, team: p.team };
      const hash = rng.suffix(10);
      yield {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: meta(name, ns, { labels }),
        spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels }, spec } },
      };
      yield {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: meta(`${name}-${hash}`, ns, { labels, ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name, uid: rng.uuid(), controller: true }] }),
        spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels }, spec } },
      };
      for (let k = 0; k < replicas; k++) {
        yield pod(`${name}-${hash}-${rng.suffix(5)}`, ns, { ...spec, nodeName: rng.pick(workers) }, { apiVersion: "apps/v1", kind: "ReplicaSet", name: `${name}-${hash}` });
      }
    }
  }
}

/** Writes the cluster as one JSON `kind: List`, in chunks, through `write` (which may apply backpressure). */
export async function writeClusterJson(objects: Iterable<ApiObject>, write: (chunk: string) => Promise<void> | void): Promise<number> {
  let buffer = '{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[\n';
  let count = 0;
  for (const o of objects) {
    buffer += (count === 0 ? "" : ",\n") + JSON.stringify(o);
    count++;
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = "";
    }
  }
  await write(`${buffer}\n]}\n`);
  return count;
}
