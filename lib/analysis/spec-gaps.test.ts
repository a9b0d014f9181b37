/**
 * Spec audit scenarios (ESCALATION_TECHNIQUES.md): technique variants and traps beyond the
 * one-per-technique table of scenarios.test.ts. Each row: fixture, analysis options, from, to, and
 * the exact shortest path (an empty list = no path must exist).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeCluster, findPaths, formatVertexRef, parseVertexRef, type AnalysisOptions, type VertexRef } from "@/lib/analysis";
import { loadScenario } from "./test-support";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/escalation");
const ref = (s: string): VertexRef => {
  const p = parseVertexRef(s);
  if (!p.success) throw new Error(p.error);
  return p.data;
};
const analyze = (fixture: string, options: AnalysisOptions = {}) => analyzeCluster(loadScenario(path.join(DIR, `${fixture}.yaml`)), options);
const hopsOf = (fixture: string, options: AnalysisOptions, from: string, to: string): string[] => {
  const paths = findPaths(analyze(fixture, options), ref(from), to === "ClusterAdmin" ? "ClusterAdmin" : ref(to));
  return paths[0]?.hops.map((h) => `${h.technique} ${h.via} -> ${formatVertexRef(h.reaches)}`) ?? [];
};

const DEV = "ServiceAccount/team/dev";
const CRB = "ClusterRoleBinding/dev-cluster";
const RB = "RoleBinding/team/dev-access";
const PRIVILEGED_DEFAULT: AnalysisOptions = {};
const BASELINE_DEFAULT: AnalysisOptions = { defaultPsaLevel: "baseline" };

const CASES: [string, string, AnalysisOptions, string, string[]][] = [
  // §3.18 create-namespace variant.
  ["create namespaces + cluster-wide pod creation → a new unlabelled (privileged) namespace → every node",
    "variants/NAMESPACE_LABEL_PSA_BYPASS-create-namespace", PRIVILEGED_DEFAULT, "Node/n1",
    [`NAMESPACE_LABEL_PSA_BYPASS ${CRB} -> Namespace/(new)`, `PRIVILEGED_POD_NODE_ESCAPE ${CRB} -> Node/n1`]],
  ["the create-namespace variant needs unlabelled namespaces to be privileged",
    "variants/NAMESPACE_LABEL_PSA_BYPASS-create-namespace", BASELINE_DEFAULT, "Node/n1", []],
  ["create namespaces + cluster-wide Deployment creation → every node",
    "variants/NAMESPACE_LABEL_PSA_BYPASS-create-namespace-deployments", PRIVILEGED_DEFAULT, "Node/n1",
    [`NAMESPACE_LABEL_PSA_BYPASS ${CRB} -> Namespace/(new)`, `PRIVILEGED_POD_NODE_ESCAPE ${CRB} -> Node/n1`]],
  ["create namespaces + deployments in the core group: nothing",
    "negative/create-namespace-deployments-core-group", PRIVILEGED_DEFAULT, "Node/n1", []],
  ["create namespaces with pod creation only in one existing baseline namespace: no node",
    "negative/create-namespace-pods-one-namespace", PRIVILEGED_DEFAULT, "Node/n1", []],
  ["create namespaces through a RoleBinding grants nothing (cluster-scoped)",
    "negative/create-namespace-via-rolebinding", PRIVILEGED_DEFAULT, "Node/n1", []],
  // §3.13 variant 2 with an aggregated ClusterRole that has no rules yet (gap: invisible to the rule walk).
  ["create + escalate clusterroles while a CRB binds an empty aggregated ClusterRole → ClusterAdmin",
    "variants/ROLE_ESCALATE-aggregated-empty", PRIVILEGED_DEFAULT, "ClusterAdmin", [`ROLE_ESCALATE ${CRB} -> ClusterAdmin`]],
  ["the same through a RoleBinding in team → a */*/* RoleGrant in team",
    "variants/ROLE_ESCALATE-aggregated-rolebinding", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder",
    [`ROLE_ESCALATE ${CRB} -> RoleGrant/team/monitoring`, "POD_CREATE_TOKEN_THEFT ClusterRole/monitoring -> ServiceAccount/team/builder"]],
  ["an aggregated ClusterRole bound by a RoleBinding never yields ClusterAdmin",
    "variants/ROLE_ESCALATE-aggregated-rolebinding", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  ["the aggregated ClusterRole is bound only to someone else: nothing",
    "negative/aggregated-role-bound-to-other", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  ["escalate restricted by resourceNames never authorizes a create",
    "negative/aggregated-escalate-resource-names", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  ["create clusterroles without escalate cannot write rules it does not hold",
    "negative/aggregated-create-without-escalate", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  // §3.13 variant 3: write a role, then bind it — reported as ROLE_BIND (§3.12 preconditions all apply).
  ["create + escalate a ClusterRole, create a ClusterRoleBinding with bind → ClusterAdmin",
    "variants/ROLE_BIND-escalated-new-clusterrole", PRIVILEGED_DEFAULT, "ClusterAdmin", [`ROLE_BIND ${CRB} -> ClusterAdmin`]],
  ["create + escalate a Role named as bind allows, bind it in team → */*/* in team",
    "variants/ROLE_BIND-escalated-new-role", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder",
    [`ROLE_BIND ${RB} -> RoleGrant/team/pwn`, "POD_CREATE_TOKEN_THEFT Role/team/pwn -> ServiceAccount/team/builder"]],
  ["a namespace-scoped escalated bind never yields ClusterAdmin",
    "variants/ROLE_BIND-escalated-new-role", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  ["update + escalate an existing Role bound to nobody, then bind it → */*/* in team",
    "variants/ROLE_BIND-escalated-existing-role", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder",
    [`ROLE_BIND ${RB} -> RoleGrant/team/victim`, "POD_CREATE_TOKEN_THEFT Role/team/victim -> ServiceAccount/team/builder"]],
  ["create + escalate roles and a binding write, but no bind: nothing",
    "negative/escalate-role-without-bind", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  ["bind allows only a name that already exists (and cannot be updated): nothing",
    "negative/escalate-bind-name-taken", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  ["escalate on roles of another namespace does not help in team",
    "negative/escalate-roles-other-namespace", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  ["clusterrolebindings create through a RoleBinding: no ClusterAdmin",
    "negative/escalate-clusterrole-crb-write-via-rolebinding", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  ["clusterrolebindings create through a RoleBinding: no namespace grant either",
    "negative/escalate-clusterrole-crb-write-via-rolebinding", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  // Audit of §1.1, §1.4, §1.5 and the techniques against the spec's traps.
  ["impersonate users through a RoleBinding: users are cluster-scoped, nothing",
    "negative/impersonate-users-via-rolebinding", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  ["get nodes/proxy restricted to another node: no pod of n1",
    "negative/nodes-proxy-other-node", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  ["*/exec matches pods/exec",
    "variants/star-exec", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", [`POD_EXEC ${RB} -> Pod/team/web`, "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder"]],
  ["list secrets with resourceNames naming the token Secret (metadata.name field selector)",
    "variants/secrets-list-resource-names", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", [`SECRET_READ_SA_TOKEN ${RB} -> ServiceAccount/team/builder`]],
  ["pod automount true wins over the ServiceAccount's false",
    "variants/sa-automount-false-pod-true", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", [`POD_EXEC ${RB} -> Pod/team/web`, "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder"]],
  ["ServiceAccount automount false and pod unset: no token",
    "negative/sa-automount-false-pod-unset", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  ["automount off, an API-audience projected token volume no container mounts: no token for exec (v2 §1.10 t1)",
    "variants/projected-api-audience-automount-off", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  ["a token Secret naming a ServiceAccount of another namespace is not valid",
    "negative/legacy-token-other-namespace", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  ["a token Secret naming a ServiceAccount of another namespace reaches no ServiceAccount",
    "negative/legacy-token-other-namespace", PRIVILEGED_DEFAULT, "ServiceAccount/kube-system/admin", []],
  ["CSR create/approval without approve on the kube-apiserver-client signer: nothing",
    "negative/csr-without-approve-signers", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  ["validating webhook writes: no identity",
    "negative/validating-webhook-only", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  ["PV + PVC + pod creation only in a restricted namespace: no node",
    "negative/pv-hostpath-restricted", PRIVILEGED_DEFAULT, "Node/n1", []],
  ["ephemeral containers under baseline reach the pod's token",
    "negative/ephemeral-baseline", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", [`POD_EPHEMERAL_CONTAINER ${RB} -> Pod/team/web`, "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder"]],
  ["ephemeral containers under baseline never reach the node",
    "negative/ephemeral-baseline", PRIVILEGED_DEFAULT, "Node/n1", []],
  ["patching a pod without a token reaches no ServiceAccount (builder)",
    "negative/patch-image-other-sa", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  ["patching a pod never reaches another ServiceAccount (deployer)",
    "negative/patch-image-other-sa", PRIVILEGED_DEFAULT, "ServiceAccount/team/deployer", []],
  ["create secrets with read-back only on an existing Secret's name: no token",
    "negative/secret-create-readback-name-taken", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  ["an invalid enforce level is enforced as restricted: pod creation gives no node",
    "negative/psa-invalid-level", PRIVILEGED_DEFAULT, "Node/n1", []],
  // §1.2 built-in roles when the snapshot omits them.
  ["a ClusterRoleBinding to an omitted cluster-admin is cluster-admin",
    "variants/builtin-roles-omitted", PRIVILEGED_DEFAULT, "ClusterAdmin", [`POD_CREATE_TOKEN_THEFT ${RB} -> ServiceAccount/team/root`, "CLUSTER_ADMIN_EQUIVALENT ClusterRoleBinding/root-admin -> ClusterAdmin"]],
  ["a RoleBinding to an omitted edit grants pod creation in team",
    "variants/builtin-roles-omitted", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", [`POD_CREATE_TOKEN_THEFT ${RB} -> ServiceAccount/team/builder`]],
  ["a RoleBinding to an omitted cluster-admin is admin of team only (no ClusterAdmin)",
    "negative/builtin-cluster-admin-rolebinding", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  ["a RoleBinding to an omitted cluster-admin does not reach other namespaces",
    "negative/builtin-cluster-admin-rolebinding", PRIVILEGED_DEFAULT, "ServiceAccount/other/x", []],
  ["a RoleBinding to an omitted cluster-admin reaches its own namespace",
    "negative/builtin-cluster-admin-rolebinding", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", [`POD_CREATE_TOKEN_THEFT ${RB} -> ServiceAccount/team/builder`]],
  // §1.7 nodes.
  ["pod creation in a privileged namespace reaches a node known only from a pod's nodeName",
    "variants/nodes-known-and-legacy-master", PRIVILEGED_DEFAULT, "Node/ghost-node", [`PRIVILEGED_POD_NODE_ESCAPE ${RB} -> Node/ghost-node`]],
  ["a legacy master label marks a control-plane node",
    "variants/nodes-known-and-legacy-master", PRIVILEGED_DEFAULT, "ClusterAdmin", [`PRIVILEGED_POD_NODE_ESCAPE ${RB} -> Node/old-master`, "CONTROL_PLANE_NODE_TAKEOVER Node/old-master -> ClusterAdmin"]],
  ["worker/infra role labels are not control plane",
    "negative/worker-role-not-control-plane", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  // §1.5 removing legacy-token-invalid-since re-enables the token.
  ["read + patch on an invalidated token Secret → its ServiceAccount",
    "variants/legacy-token-invalidated-relabel", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", [`SECRET_READ_SA_TOKEN ${RB} -> ServiceAccount/team/builder`]],
  ["read all Secrets, patch only another one: the invalidated token stays invalid",
    "negative/legacy-token-invalidated-patch-other", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  ["escalate + update a Role with no rules yet, bound to dev → */*/* in team",
    "variants/ROLE_ESCALATE-empty-role", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder",
    [`ROLE_ESCALATE ${RB} -> RoleGrant/team/placeholder`, "POD_CREATE_TOKEN_THEFT Role/team/placeholder -> ServiceAccount/team/builder"]],
  ["escalate + update granted only in another namespace than the bound Role: nothing",
    "negative/escalate-bound-role-other-namespace", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
  // §1.3 subject forms.
  ["an RB's ServiceAccount subject without namespace is the binding's namespace; a User subject system:serviceaccount:… is the SA",
    "variants/subject-forms", PRIVILEGED_DEFAULT, "ClusterAdmin", [`POD_CREATE_TOKEN_THEFT ${RB} -> ServiceAccount/team/ops`, "CLUSTER_ADMIN_EQUIVALENT ClusterRoleBinding/ops-admin -> ClusterAdmin"]],
  ["a CRB's ServiceAccount subject without namespace matches nobody",
    "negative/crb-sa-subject-without-namespace", PRIVILEGED_DEFAULT, "ClusterAdmin", []],
  // §1.2 aggregated ClusterRoles: filled snapshot rules are authoritative, empty ones are unioned.
  ["an aggregated ClusterRole with filled rules grants them (no labelled source needed)",
    "variants/aggregated-dumped-rules", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", [`POD_CREATE_TOKEN_THEFT ${RB} -> ServiceAccount/team/builder`]],
  ["an aggregated ClusterRole with filled rules does not take rules from roles outside them",
    "negative/aggregated-dumped-rules-authoritative", PRIVILEGED_DEFAULT, "ServiceAccount/team/builder", []],
];

describe("spec audit: variants and traps", () => {
  it.each(CASES)("%s", (_name, fixture, options, to, expected) => {
    expect(hopsOf(fixture, options, DEV, to)).toEqual(expected);
  });
});

describe("spec audit: finding-only preconditions", () => {
  it.each([
    ["negative/validating-webhook-only", "WEBHOOK_CONFIG_WRITE", CRB],
    ["negative/pv-hostpath-restricted", "PV_HOSTPATH", CRB],
  ])("%s reports %s on %s", (fixture, rule, object) => {
    const hits = analyze(fixture).findings.filter((f) => f.rule === rule).map((f) => f.objects[0]);
    expect(hits.map((o) => (o ? formatVertexRef({ kind: o.kind as "Pod", name: o.name, namespace: o.namespace }) : ""))).toEqual([object]);
  });
});

describe("spec audit: §4 finding rules", () => {
  const findings = analyze("findings/finding-rules").findings;
  const objectsOf = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => `${f.objects[0]?.kind}/${f.objects[0]?.name}:${f.severity}`).sort();
  it("WILDCARD_RULE skips rbac-defaults roles; */*/* is High, a partial wildcard Medium", () => {
    expect(objectsOf("WILDCARD_RULE")).toEqual(["ClusterRole/custom-admin:High", "ClusterRole/custom-core:Medium"]);
  });
  it("ANONYMOUS_BINDING only beyond health/version/discovery, never on rbac-defaults bindings", () => {
    expect(objectsOf("ANONYMOUS_BINDING")).toEqual(["ClusterRoleBinding/anon-metrics:Critical", "ClusterRoleBinding/anon-pods:Critical"]);
  });
  it("BROAD_GROUP_BINDING only for technique permissions, never on rbac-defaults bindings", () => {
    expect(objectsOf("BROAD_GROUP_BINDING")).toEqual(["ClusterRoleBinding/authn-pod-creator:High", "ClusterRoleBinding/sas-pod-creator:High"]);
  });
});

describe("spec audit: §1.2 built-in role fallback findings", () => {
  const findings = analyze("variants/builtin-roles-omitted").findings;
  const objectsOf = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.objects.map((o) => `${o.kind}/${o.name}`).join(" "));
  it("warns on each binding analysed with an assumed built-in role", () => {
    expect(objectsOf("BUILTIN_ROLE_ASSUMED").sort()).toEqual(["ClusterRoleBinding/root-admin ClusterRole/cluster-admin", "RoleBinding/dev-access ClusterRole/edit"]);
  });
  it("keeps reporting other missing roles as dangling", () => {
    expect(objectsOf("DANGLING_BINDING")).toEqual(["RoleBinding/dangling ClusterRole/custom-missing"]);
  });
});
