import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeCluster, findPaths, formatVertexRef, parseVertexRef, TECHNIQUE_IDS, type VertexRef } from "@/lib/analysis";
import { loadScenario } from "./test-support";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/escalation");
const ref = (s: string): VertexRef => {
  const p = parseVertexRef(s);
  if (!p.success) throw new Error(p.error);
  return p.data;
};
const hopsOf = (fixture: string, from: string, to: string, negative = false) => {
  const a = analyzeCluster(loadScenario(path.join(DIR, negative ? "negative" : "", `${fixture}.yaml`)));
  const paths = findPaths(a, ref(from), to === "ClusterAdmin" ? "ClusterAdmin" : ref(to));
  return { a, paths, hops: paths[0]?.hops.map((h) => `${h.technique} ${h.via} -> ${formatVertexRef(h.reaches)}`) };
};

const DEV = "ServiceAccount/team/dev";
const RB = "RoleBinding/team/dev-access";
const CRB = "ClusterRoleBinding/dev-cluster";

// One scenario per technique: the shortest path, hop by hop.
const POSITIVE: [string, string, string[]][] = [
  ["POD_CREATE_TOKEN_THEFT", "ServiceAccount/team/builder", [`POD_CREATE_TOKEN_THEFT ${RB} -> ServiceAccount/team/builder`]],
  ["WORKLOAD_CREATE", "ServiceAccount/team/builder", [`WORKLOAD_CREATE ${RB} -> ServiceAccount/team/builder`]],
  ["POD_EXEC", "ServiceAccount/team/builder", [`POD_EXEC ${RB} -> Pod/team/web`, "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder"]],
  ["POD_EPHEMERAL_CONTAINER", "ServiceAccount/team/builder", [`POD_EPHEMERAL_CONTAINER ${RB} -> Pod/team/web`, "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder"]],
  ["POD_PATCH_IMAGE", "ServiceAccount/team/builder", [`POD_PATCH_IMAGE ${RB} -> Container/team/web/app`, "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder"]],
  ["POD_SA_TOKEN", "ServiceAccount/team/deployer", [`POD_EXEC ${RB} -> Pod/team/web`, "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/deployer"]],
  ["SECRET_READ_SA_TOKEN", "ServiceAccount/team/builder", [`SECRET_READ_SA_TOKEN ${RB} -> ServiceAccount/team/builder`]],
  ["SECRET_READ", "Secret/team/db-pass", [`SECRET_READ ${RB} -> Secret/team/db-pass`]],
  ["SECRET_CREATE_SA_TOKEN", "ServiceAccount/team/builder", [`SECRET_CREATE_SA_TOKEN ${RB} -> ServiceAccount/team/builder`]],
  ["TOKEN_REQUEST", "ServiceAccount/team/builder", [`TOKEN_REQUEST ${RB} -> ServiceAccount/team/builder`]],
  ["IMPERSONATE", "ClusterAdmin", [`IMPERSONATE ${CRB} -> User/alice`, "CLUSTER_ADMIN_EQUIVALENT ClusterRoleBinding/alice-admin -> ClusterAdmin"]],
  ["ROLE_BIND", "ClusterAdmin", [`ROLE_BIND ${CRB} -> ClusterAdmin`]],
  ["ROLE_ESCALATE", "ClusterAdmin", [`ROLE_ESCALATE ${CRB} -> ClusterAdmin`]],
  ["CSR_APPROVE_SIGN", "ClusterAdmin", [`CSR_APPROVE_SIGN ${CRB} -> User/alice`, "CLUSTER_ADMIN_EQUIVALENT ClusterRoleBinding/alice-admin -> ClusterAdmin"]],
  ["NODES_PROXY_EXEC", "ServiceAccount/team/builder", [`NODES_PROXY_EXEC ${CRB} -> Pod/team/web`, "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder"]],
  ["WEBHOOK_CONFIG_WRITE", "ServiceAccount/ops/deployer", [`WEBHOOK_CONFIG_WRITE ${CRB} -> ServiceAccount/ops/deployer`]],
  ["PV_HOSTPATH", "Node/n1", ["PV_HOSTPATH ClusterRoleBinding/pv-maker -> Node/n1"]],
  ["NAMESPACE_LABEL_PSA_BYPASS", "Node/n1", [`NAMESPACE_LABEL_PSA_BYPASS ${RB} -> Namespace/team`, `PRIVILEGED_POD_NODE_ESCAPE ${RB} -> Node/n1`]],
  ["PRIVILEGED_POD_NODE_ESCAPE", "Node/n1", [`PRIVILEGED_POD_NODE_ESCAPE ${RB} -> Node/n1`]],
  ["HOSTPATH_ESCAPE", "Node/n1", [`POD_EXEC ${RB} -> Pod/team/web`, "HOSTPATH_ESCAPE Pod/team/web -> Node/n1"]],
  ["HOSTPID_ESCAPE", "Node/n1", [`POD_EXEC ${RB} -> Pod/team/web`, "HOSTPID_ESCAPE Pod/team/web -> Node/n1"]],
  ["CAP_SYS_ADMIN_ESCAPE", "Node/n1", [`POD_EXEC ${RB} -> Pod/team/web`, "CAP_SYS_ADMIN_ESCAPE Pod/team/web -> Node/n1"]],
  ["CAP_SYS_MODULE_ESCAPE", "Node/n1", [`POD_EXEC ${RB} -> Pod/team/web`, "CAP_SYS_MODULE_ESCAPE Pod/team/web -> Node/n1"]],
  ["NODE_TOKEN_HARVEST", "ServiceAccount/kube-system/ctrl", [`POD_EXEC ${RB} -> Pod/team/web`, "PRIVILEGED_POD_NODE_ESCAPE Pod/team/web -> Node/n1", "NODE_TOKEN_HARVEST Pod/kube-system/ctrl-pod -> ServiceAccount/kube-system/ctrl"]],
  ["CONTROL_PLANE_NODE_TAKEOVER", "ClusterAdmin", [`POD_EXEC ${RB} -> Pod/team/web`, "PRIVILEGED_POD_NODE_ESCAPE Pod/team/web -> Node/cp", "CONTROL_PLANE_NODE_TAKEOVER Node/cp -> ClusterAdmin"]],
  ["CLUSTER_ADMIN_EQUIVALENT", "ClusterAdmin", ["CLUSTER_ADMIN_EQUIVALENT ClusterRoleBinding/team-admins -> ClusterAdmin"]],
];

describe("escalation scenarios: one per technique", () => {
  it("covers every v1 technique id (v2's are in v2-scenarios.test.ts)", () => {
    const v2 = ["NODE_IDENTITY_ASSUME", "NODE_AUTHZ_TOKEN_REQUEST", "NODE_AUTHZ_SECRET_READ", "HOSTPATH_READ", "VAR_LOG_SYMLINK", "POD_ATTACH", "SHARE_PS_NAMESPACE"];
    expect(POSITIVE.map(([t]) => t).sort()).toEqual(TECHNIQUE_IDS.filter((t) => !v2.includes(t)).sort());
  });
  it.each(POSITIVE)("%s: dev reaches %s by the expected shortest path", (fixture, to, expected) => {
    expect(hopsOf(fixture, DEV, to).hops).toEqual(expected);
  });
});

// Traps: a careless analyzer invents these paths.
const NEGATIVE: [string, string][] = [
  ["rolebinding-cluster-admin-one-namespace", "ClusterAdmin"],
  ["rolebinding-cluster-admin-one-namespace", "ServiceAccount/other/x"],
  ["pod-create-other-namespace", "ServiceAccount/other/x"],
  ["resource-names-on-create", "ServiceAccount/team/builder"],
  ["impersonate-groups-only", "ClusterAdmin"],
  ["legacy-token-invalidated", "ServiceAccount/team/builder"],
  ["legacy-token-uid-mismatch", "ServiceAccount/team/builder"],
  ["projected-foreign-audience", "ServiceAccount/team/builder"],
  ["update-jobs", "ServiceAccount/team/builder"],
  ["pv-create-without-pods", "Node/n1"],
  ["escalate-without-bound-role", "ClusterAdmin"],
  ["baseline-no-privileged-pods", "Node/n1"],
  ["pods-star-subresource", "ServiceAccount/team/builder"],
  ["deployments-core-group", "ServiceAccount/team/builder"],
  ["nodes-proxy-via-rolebinding", "ServiceAccount/team/builder"],
  ["hostpid-alone", "Node/n1"],
  ["hostpath-var-log", "Node/n1"],
  ["bind-without-binding-write", "ClusterAdmin"],
  ["crb-write-via-rolebinding", "ClusterAdmin"],
  ["secret-create-no-readback", "ServiceAccount/team/builder"],
  ["exec-pod-without-token", "ServiceAccount/team/builder"],
  ["csr-cannot-mint-masters", "ClusterAdmin"],
  ["exec-resource-names-other-pod", "ServiceAccount/team/db"],
  ["token-request-resource-names", "ServiceAccount/team/admin-sa"],
  ["workload-patch-nothing-exists", "ServiceAccount/team/builder"],
  ["impersonate-sa-other-namespace", "ServiceAccount/other/x"],
  ["exec-completed-pod", "ServiceAccount/team/builder"],
];

describe("negative scenarios: no invented path", () => {
  it.each(NEGATIVE)("%s: dev does not reach %s", (fixture, to) => {
    expect(hopsOf(fixture, DEV, to, true).paths).toEqual([]);
  });
});

describe("findings on trap scenarios", () => {
  it.each([
    ["pv-create-without-pods", "PV_HOSTPATH", "ClusterRoleBinding/dev-cluster"],
    ["hostpid-alone", "HOST_NAMESPACE_SHARING", "Pod/team/web"],
    ["hostpath-var-log", "HOSTPATH_MOUNT", "Pod/team/web"],
    ["legacy-token-invalidated", "LEGACY_SA_TOKEN_SECRET", "Secret/team/builder-token"],
  ])("%s reports %s on %s", (fixture, rule, object) => {
    const { a } = hopsOf(fixture, DEV, "ClusterAdmin", true);
    const hit = a.findings.filter((f) => f.rule === rule).map((f) => formatVertexRef({ kind: f.objects[0]!.kind as "Pod", name: f.objects[0]!.name, namespace: f.objects[0]!.namespace }));
    expect(hit).toContain(object);
  });
});

describe("broad but not total roles", () => {
  it("core-group * via a ClusterRoleBinding is not CLUSTER_ADMIN_EQUIVALENT; it reaches ClusterAdmin only through impersonation", () => {
    expect(hopsOf("core-wildcard-crb-not-admin", DEV, "ClusterAdmin", true).hops).toEqual([
      "IMPERSONATE ClusterRoleBinding/dev-cluster -> Group/system:masters",
      "CLUSTER_ADMIN_EQUIVALENT Group/system:masters -> ClusterAdmin",
    ]);
  });
});
