/**
 * Adversarial audit of the escalation CLI contract (issue 4) against the spec
 * (ESCALATION_TECHNIQUES.md §2.2 via conventions, §2.3, §3, §5 precedence). Each scenario in
 * fixtures/escalation/audit/ is run through the CLI in-process (`paths … -f FILE -o json`) and the
 * whole JSON answer is compared with the answer written from the spec before the run.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "@/lib/cli/test-support";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/escalation/audit");

interface Ref {
  readonly kind: string;
  readonly name: string | null;
  readonly namespace: string | null;
}

/** `ClusterAdmin`, `Kind/name` (cluster scope, RoleGrant of a cluster-wide grant) or `Kind/namespace/name`. */
function ref(text: string): Ref {
  if (text === "ClusterAdmin") return { kind: "ClusterAdmin", name: null, namespace: null };
  const parts = text.split("/");
  if (parts.length === 2) return { kind: parts[0]!, name: parts[1]!, namespace: null };
  if (parts.length === 3) return { kind: parts[0]!, namespace: parts[1]!, name: parts[2]! };
  if (parts.length === 4 && parts[0] === "Container") return { kind: "Container", namespace: parts[1]!, name: `${parts[2]}/${parts[3]}` };
  throw new Error(`bad ref in test table: ${text}`);
}

/** One path: `from`, `to` and hops written `TECHNIQUE via -> reaches`. */
function pathJson(from: string, to: string, hops: readonly string[]) {
  return {
    from: ref(from),
    to: ref(to),
    hops: hops.map((h, i) => {
      const m = /^(\S+) (\S+) -> (\S+)$/.exec(h);
      if (!m) throw new Error(`bad hop in test table: ${h}`);
      const reaches = ref(m[3]!);
      // v2 §2.6: these fixtures' pods have no owner (podCount 1); hops without a Pod carry nulls.
      const pod = reaches.kind === "Pod" || m[2]!.startsWith("Pod/");
      // A hop into a Container vertex, or evaluated from one, names that container.
      const prev = i > 0 ? /-> (\S+)$/.exec(hops[i - 1]!)?.[1] : undefined;
      const inContainer = reaches.kind === "Container" ? reaches : prev?.startsWith("Container/") ? ref(prev) : undefined;
      const container = inContainer ? (inContainer.name ?? "").split("/")[1]! : null;
      return { technique: m[1], via: m[2], reaches, owner: null, podCount: pod ? 1 : null, container };
    }),
    trusted: from === "Group/system:masters",
  };
}

async function paths(fixture: string, args: readonly string[]) {
  const run = await runCli(["paths", "-f", path.join(DIR, `${fixture}.yaml`), ...args, "-o", "json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return withoutEvidence(JSON.parse(run.stdout) as { paths: { hops: Record<string, unknown>[] }[] });
}

/**
 * The tables above are written from v1's contract; v2 §2.6 `evidence` (pod-spec field references)
 * is checked here: only on hops whose via is a Pod, as `spec.` field paths, then left out.
 */
function withoutEvidence(answer: { paths: { hops: Record<string, unknown>[] }[] }) {
  for (const p of answer.paths) {
    for (const h of p.hops) {
      if (!("evidence" in h)) continue;
      expect(String(h.via)).toMatch(/^Pod\//);
      for (const f of h.evidence as string[]) expect(f).toMatch(/^(spec\.|Secret )/);
      delete h.evidence;
    }
  }
  return answer;
}

type Case = readonly [label: string, fixture: string, from: string, to: string, hops: readonly string[]];

// Positive: the exact shortest path, written from the spec.
const POSITIVE: readonly Case[] = [
  ["POD_CREATE_TOKEN_THEFT reaches an automount:false SA of the namespace, then its CRB", "pod-create-chain", "ServiceAccount/team/dev", "ClusterAdmin",
    ["POD_CREATE_TOKEN_THEFT RoleBinding/team/dev-pods -> ServiceAccount/team/admin-sa", "CLUSTER_ADMIN_EQUIVALENT ClusterRoleBinding/admin-sa -> ClusterAdmin"]],
  ["POD_CREATE_TOKEN_THEFT mounts a Secret of the namespace", "pod-create-chain", "ServiceAccount/team/dev", "Secret/team/db",
    ["POD_CREATE_TOKEN_THEFT RoleBinding/team/dev-pods -> Secret/team/db"]],
  ["canonical hop for an SA of the namespace is POD_CREATE_TOKEN_THEFT (§5)", "canonical-namespace-admin", "ServiceAccount/team/dev", "ServiceAccount/team/builder",
    ["POD_CREATE_TOKEN_THEFT RoleBinding/team/dev-admin -> ServiceAccount/team/builder"]],
  ["RB cluster-admin in a baseline namespace relabels its own namespace (§1.2 exception)", "canonical-namespace-admin", "ServiceAccount/team/dev", "Node/n1",
    ["NAMESPACE_LABEL_PSA_BYPASS RoleBinding/team/dev-admin -> Namespace/team", "PRIVILEGED_POD_NODE_ESCAPE RoleBinding/team/dev-admin -> Node/n1"]],
  ["WORKLOAD_CREATE: patch restricted to one existing Deployment yields every SA", "workload-patch-named", "ServiceAccount/team/dev", "ServiceAccount/team/builder",
    ["WORKLOAD_CREATE RoleBinding/team/dev-deploy -> ServiceAccount/team/builder"]],
  ["POD_EXEC restricted by resourceNames to web", "pod-access", "User/alice", "ServiceAccount/team/builder",
    ["POD_EXEC RoleBinding/team/alice-exec -> Pod/team/web", "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder"]],
  ["POD_EPHEMERAL_CONTAINER in a privileged namespace: privileged debug container → the pod's node, via the binding", "pod-access", "User/bob", "Node/n2",
    ["PRIVILEGED_POD_NODE_ESCAPE RoleBinding/priv/bob-debug -> Node/n2"]],
  ["POD_EPHEMERAL_CONTAINER then the pod's token", "pod-access", "User/bob", "ServiceAccount/priv/apisa",
    ["POD_EPHEMERAL_CONTAINER RoleBinding/priv/bob-debug -> Pod/priv/api", "POD_SA_TOKEN Pod/priv/api -> ServiceAccount/priv/apisa"]],
  ["POD_PATCH_IMAGE keeps the pod's own SA", "pod-access", "User/carol", "ServiceAccount/team/builder",
    ["POD_PATCH_IMAGE RoleBinding/team/carol-patch -> Container/team/web/app", "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder"]],
  ["--from Pod: POD_SA_TOKEN alone", "pod-access", "Pod/team/web", "ServiceAccount/team/builder",
    ["POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder"]],
  ["SECRET_READ_SA_TOKEN with get on a named valid token Secret", "secrets-and-tokens", "User/reader", "ServiceAccount/team/builder",
    ["SECRET_READ_SA_TOKEN RoleBinding/team/reader -> ServiceAccount/team/builder"]],
  ["SECRET_READ on a named Secret", "secrets-and-tokens", "User/reader", "Secret/team/db",
    ["SECRET_READ RoleBinding/team/reader -> Secret/team/db"]],
  ["SECRET_CREATE_SA_TOKEN: via is the binding granting create secrets, not the read-back one", "secrets-and-tokens", "User/minter", "ServiceAccount/team/old",
    ["SECRET_CREATE_SA_TOKEN RoleBinding/team/mint-create -> ServiceAccount/team/old"]],
  ["TOKEN_REQUEST for the named SA", "secrets-and-tokens", "User/tokener", "ServiceAccount/team/builder",
    ["TOKEN_REQUEST RoleBinding/team/tokener -> ServiceAccount/team/builder"]],
  ["IMPERSONATE user+group system:masters: via is the groups binding", "impersonate", "User/ivan", "ClusterAdmin",
    ["IMPERSONATE ClusterRoleBinding/imp-groups -> Group/system:masters", "CLUSTER_ADMIN_EQUIVALENT Group/system:masters -> ClusterAdmin"]],
  ["IMPERSONATE serviceaccounts through a RoleBinding", "impersonate", "User/sam", "ServiceAccount/team/builder",
    ["IMPERSONATE RoleBinding/team/sam-imp -> ServiceAccount/team/builder"]],
  ["ROLE_BIND of edit in a namespace: RoleGrant, then via ClusterRole/edit", "role-grants", "User/rita", "ServiceAccount/team/builder",
    ["ROLE_BIND RoleBinding/team/rita-bind -> RoleGrant/team/edit", "POD_CREATE_TOKEN_THEFT ClusterRole/edit -> ServiceAccount/team/builder"]],
  ["ROLE_BIND of cluster-admin by RoleBinding stays in the namespace", "role-grants", "User/rick", "ServiceAccount/team/builder",
    ["ROLE_BIND RoleBinding/team/rick-bind -> RoleGrant/team/cluster-admin", "POD_CREATE_TOKEN_THEFT ClusterRole/cluster-admin -> ServiceAccount/team/builder"]],
  ["ROLE_BIND CRB + bind cluster-admin: one hop, via the bind binding", "role-grants", "User/roger", "ClusterAdmin",
    ["ROLE_BIND ClusterRoleBinding/roger-bind -> ClusterAdmin"]],
  ["ROLE_ESCALATE of a bound Role: via the escalate binding, then via Role/ns/name", "role-grants", "User/rosa", "ServiceAccount/team/builder",
    ["ROLE_ESCALATE RoleBinding/team/rosa-esc -> RoleGrant/team/self-managed", "POD_CREATE_TOKEN_THEFT Role/team/self-managed -> ServiceAccount/team/builder"]],
  ["ROLE_ESCALATE of a CRB-bound ClusterRole: ClusterAdmin in one hop", "role-grants", "User/rex", "ClusterAdmin",
    ["ROLE_ESCALATE ClusterRoleBinding/rex-esc -> ClusterAdmin"]],
  ["CSR_APPROVE_SIGN: via the binding granting approve on signers", "cluster-techniques", "User/carl", "ClusterAdmin",
    ["CSR_APPROVE_SIGN ClusterRoleBinding/carl-approve -> User/alice", "CLUSTER_ADMIN_EQUIVALENT ClusterRoleBinding/alice-admin -> ClusterAdmin"]],
  ["CSR_APPROVE_SIGN mints any ServiceAccount, even one no pod uses", "cluster-techniques", "User/carl", "ServiceAccount/team/idle",
    ["CSR_APPROVE_SIGN ClusterRoleBinding/carl-approve -> ServiceAccount/team/idle"]],
  ["NODES_PROXY_EXEC on the permitted node's pods", "cluster-techniques", "User/nora", "ServiceAccount/team/builder",
    ["NODES_PROXY_EXEC ClusterRoleBinding/nora-proxy -> Pod/team/web", "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder"]],
  ["WEBHOOK_CONFIG_WRITE reaches the SA of a Deployment template", "cluster-techniques", "User/walt", "ServiceAccount/team/depsa",
    ["WEBHOOK_CONFIG_WRITE ClusterRoleBinding/walt-hook -> ServiceAccount/team/depsa"]],
  ["PV_HOSTPATH in a baseline namespace: via the PV binding", "cluster-techniques", "User/paul", "Node/n2",
    ["PV_HOSTPATH ClusterRoleBinding/paul-pv -> Node/n2"]],
  ["PRIVILEGED_POD_NODE_ESCAPE wins over HOSTPATH_ESCAPE on one pod (§5)", "escapes", "User/ex", "Node/n-priv",
    ["POD_EXEC RoleBinding/team/ex-exec -> Pod/team/p-priv", "PRIVILEGED_POD_NODE_ESCAPE Pod/team/p-priv -> Node/n-priv"]],
  ["HOSTPATH_ESCAPE: a runtime socket mounted read-only", "escapes", "User/ex", "Node/n-sock",
    ["POD_EXEC RoleBinding/team/ex-exec -> Pod/team/p-sock", "HOSTPATH_ESCAPE Pod/team/p-sock -> Node/n-sock"]],
  ["HOSTPATH_ESCAPE: a home .ssh directory read-only (trailing slash normalised)", "escapes", "User/ex", "Node/n-ssh",
    ["POD_EXEC RoleBinding/team/ex-exec -> Pod/team/p-ssh", "HOSTPATH_ESCAPE Pod/team/p-ssh -> Node/n-ssh"]],
  ["HOSTPID_ESCAPE with SYS_PTRACE and AppArmor Unconfined", "escapes", "User/ex", "Node/n-pid",
    ["POD_EXEC RoleBinding/team/ex-exec -> Pod/team/p-pid", "HOSTPID_ESCAPE Pod/team/p-pid -> Node/n-pid"]],
  ["capabilities ALL: CAP_SYS_MODULE_ESCAPE wins over CAP_SYS_ADMIN_ESCAPE", "escapes", "User/ex", "Node/n-all",
    ["POD_EXEC RoleBinding/team/ex-exec -> Pod/team/p-all", "CAP_SYS_MODULE_ESCAPE Pod/team/p-all -> Node/n-all"]],
  ["CAP_SYS_ADMIN_ESCAPE with the legacy AppArmor annotation", "escapes", "User/ex", "Node/n-sysad",
    ["POD_EXEC RoleBinding/team/ex-exec -> Pod/team/p-sysad", "CAP_SYS_ADMIN_ESCAPE Pod/team/p-sysad -> Node/n-sysad"]],
  ["NODE_TOKEN_HARVEST: via the Pod whose token is taken", "escapes", "User/ex", "ServiceAccount/kube-system/ctrl",
    ["POD_EXEC RoleBinding/team/ex-exec -> Pod/team/p-priv", "PRIVILEGED_POD_NODE_ESCAPE Pod/team/p-priv -> Node/n-priv", "NODE_TOKEN_HARVEST Pod/kube-system/ctrl-pod -> ServiceAccount/kube-system/ctrl"]],
  ["CONTROL_PLANE_NODE_TAKEOVER: via the Node", "escapes", "User/ex", "ClusterAdmin",
    ["POD_EXEC RoleBinding/team/ex-exec -> Pod/team/p-cp", "PRIVILEGED_POD_NODE_ESCAPE Pod/team/p-cp -> Node/cp", "CONTROL_PLANE_NODE_TAKEOVER Node/cp -> ClusterAdmin"]],
  ["--from Node: CONTROL_PLANE_NODE_TAKEOVER alone", "escapes", "Node/cp", "ClusterAdmin",
    ["CONTROL_PLANE_NODE_TAKEOVER Node/cp -> ClusterAdmin"]],
  ["CLUSTER_ADMIN_EQUIVALENT of a Group", "cluster-admin-equivalent", "Group/ops", "ClusterAdmin",
    ["CLUSTER_ADMIN_EQUIVALENT ClusterRoleBinding/ops-admin -> ClusterAdmin"]],
  ["CLUSTER_ADMIN_EQUIVALENT through an implicit SA group is one hop, not two", "cluster-admin-equivalent", "ServiceAccount/team/boss", "ClusterAdmin",
    ["CLUSTER_ADMIN_EQUIVALENT ClusterRoleBinding/sa-admin -> ClusterAdmin"]],
  ["system:masters: via the literal Group/system:masters", "cluster-admin-equivalent", "Group/system:masters", "ClusterAdmin",
    ["CLUSTER_ADMIN_EQUIVALENT Group/system:masters -> ClusterAdmin"]],
];

describe("audit: the CLI answers the spec's exact path", () => {
  it.each(POSITIVE)("%s", async (_label, fixture, from, to, hops) => {
    expect(await paths(fixture, ["--from", from, "--to", to])).toEqual({ paths: [pathJson(from, to, hops)] });
  });
});

// Traps: a careless analyzer invents these paths; the answer must be an empty list.
const TRAPS: readonly (readonly [label: string, fixture: string, from: string, to: string])[] = [
  ["a ClusterRole bound by a RoleBinding does not create pods in other namespaces", "pod-create-chain", "ServiceAccount/team/dev", "ServiceAccount/other/x"],
  ["RoleBinding to cluster-admin is not ClusterAdmin", "canonical-namespace-admin", "ServiceAccount/team/dev", "ClusterAdmin"],
  ["RoleBinding to cluster-admin does not reach SAs of other namespaces", "canonical-namespace-admin", "ServiceAccount/team/dev", "ServiceAccount/other/x"],
  ["patch jobs, core-group and extensions deployments reach nothing", "workload-patch-named", "ServiceAccount/team/dev", "ServiceAccount/ns2/y"],
  ["exec restricted to web does not reach db", "pod-access", "User/alice", "ServiceAccount/team/dbsa"],
  ["ephemeral containers never reach a node of another pod", "pod-access", "User/bob", "Node/n1"],
  ["patching an automount:false pod gives no token", "pod-access", "User/carol", "ServiceAccount/team/quiet"],
  ["ephemeral containers under baseline do not reach the node", "pod-access", "User/erin", "Node/n1"],
  ["an invalidated legacy token gives nothing to a reader", "secrets-and-tokens", "User/reader", "ServiceAccount/team/old"],
  ["resourceNames on secrets exclude other Secrets", "secrets-and-tokens", "User/reader", "Secret/team/other"],
  ["a uid-mismatched legacy token is not valid", "secrets-and-tokens", "User/lister", "ServiceAccount/team/uidsa"],
  ["create secrets without read-back mints nothing", "secrets-and-tokens", "User/nomint", "ServiceAccount/team/builder"],
  ["TOKEN_REQUEST restricted to builder does not reach old", "secrets-and-tokens", "User/tokener", "ServiceAccount/team/old"],
  ["impersonating groups only gains nothing", "impersonate", "User/gina", "ClusterAdmin"],
  ["impersonating serviceaccounts of team does not reach other", "impersonate", "User/sam", "ServiceAccount/other/x"],
  ["impersonating users named system:serviceaccount:… does not reach the SA", "impersonate", "User/uma", "ServiceAccount/other/x"],
  ["impersonating users through a RoleBinding gains nothing", "impersonate", "User/ursula", "ClusterAdmin"],
  ["ROLE_BIND of cluster-admin by RoleBinding is not ClusterAdmin", "role-grants", "User/rick", "ClusterAdmin"],
  ["escalate + patch of a role bound only to others is nothing", "role-grants", "User/olga", "ClusterAdmin"],
  ["a RoleGrant of edit in one namespace is not ClusterAdmin", "role-grants", "User/rita", "ClusterAdmin"],
  ["approve on another signer mints nothing", "cluster-techniques", "User/cody", "User/alice"],
  ["nodes/proxy restricted to n1 does not reach pods on n2", "cluster-techniques", "User/nora", "ServiceAccount/team/farsa"],
  ["nodes/proxy through a RoleBinding reaches nothing", "cluster-techniques", "User/nick", "ServiceAccount/team/builder"],
  ["a mutating webhook does not reach an SA no pod or template uses", "cluster-techniques", "User/walt", "ServiceAccount/team/idle"],
  ["validating webhooks are a finding only", "cluster-techniques", "User/vera", "ServiceAccount/team/builder"],
  ["PV create without pod and PVC creation is a finding only", "cluster-techniques", "User/pete", "Node/n1"],
  ["hostPath /etc read-only is not an escape", "escapes", "User/ex", "Node/n-etc"],
  ["hostPID + SYS_PTRACE under the runtime AppArmor profile is not an escape", "escapes", "User/ex", "Node/n-pid2"],
  ["SYS_ADMIN under the runtime AppArmor profile is not an escape", "escapes", "User/ex", "Node/n-sysad2"],
  ["a pod with automount false on a harvested node gives nothing", "escapes", "User/ex", "ServiceAccount/kube-system/quiet"],
  ["a worker-labelled node is not control plane", "escapes", "Node/n-worker", "ClusterAdmin"],
  ["RoleBinding to cluster-admin is not CLUSTER_ADMIN_EQUIVALENT", "cluster-admin-equivalent", "ServiceAccount/lonely/sam", "ClusterAdmin"],
  ["*/*/* restricted by resourceNames is not CLUSTER_ADMIN_EQUIVALENT", "cluster-admin-equivalent", "User/nemo", "ClusterAdmin"],
  ["a ClusterRoleBinding to a Role grants nothing", "cluster-admin-equivalent", "User/rolf", "ClusterAdmin"],
];

describe("audit: traps answer an empty list", () => {
  it.each(TRAPS)("%s", async (_label, fixture, from, to) => {
    expect(await paths(fixture, ["--from", from, "--to", to])).toEqual({ paths: [] });
  });
});

describe("audit: query options", () => {
  it("a vertex that is cluster-admin-equivalent has exactly one outgoing hop (§5): every path of boss is CLUSTER_ADMIN_EQUIVALENT", async () => {
    expect(await paths("cluster-admin-equivalent", ["--from", "ServiceAccount/team/boss"])).toEqual({
      paths: [pathJson("ServiceAccount/team/boss", "ClusterAdmin", ["CLUSTER_ADMIN_EQUIVALENT ClusterRoleBinding/sa-admin -> ClusterAdmin"])],
    });
  });
  it("--max-hops 1 drops the two-hop node escape, --max-hops 2 keeps it", async () => {
    const q = ["--from", "User/ex", "--to", "Node/n-sock"];
    expect(await paths("escapes", [...q, "--max-hops", "1"])).toEqual({ paths: [] });
    expect(await paths("escapes", [...q, "--max-hops", "2"])).toEqual({
      paths: [pathJson("User/ex", "Node/n-sock", ["POD_EXEC RoleBinding/team/ex-exec -> Pod/team/p-sock", "HOSTPATH_ESCAPE Pod/team/p-sock -> Node/n-sock"])],
    });
  });
  it("without --to, PV_HOSTPATH lists one path per node, each one hop", async () => {
    expect(await paths("cluster-techniques", ["--from", "User/paul"])).toEqual({
      paths: ["n1", "n2"].map((n) => pathJson("User/paul", `Node/${n}`, [`PV_HOSTPATH ClusterRoleBinding/paul-pv -> Node/${n}`])),
    });
  });
  it.each([["--to", "Role/team/x"], ["--from", "ServiceAccount/team"], ["--max-hops", "0"]])("bad input %s %s exits 2", async (flag, value) => {
    const run = await runCli(["paths", "-f", path.join(DIR, "escapes.yaml"), flag, value, "-o", "json"]);
    expect(run.code).toBe(2);
  });
});

describe("audit: findings", () => {
  async function findings(fixture: string, args: readonly string[] = []) {
    const run = await runCli(["findings", "-f", path.join(DIR, `${fixture}.yaml`), ...args, "-o", "json"]);
    expect(run.code).toBe(0);
    return (JSON.parse(run.stdout) as { findings: { id: string; rule: string; severity: string; objects: Ref[] }[] }).findings;
  }
  it("pod-spec escapes are findings after precedence; /etc read-only is HOSTPATH_MOUNT; hostPID alone is HOST_NAMESPACE_SHARING", async () => {
    const got = (await findings("escapes")).map((f) => `${f.rule} ${f.severity} ${f.objects.map((o) => `${o.kind}/${o.namespace}/${o.name}`).join(",")}`).sort();
    expect(got).toEqual([
      "CAP_SYS_ADMIN_ESCAPE High Pod/team/p-sysad",
      "CAP_SYS_MODULE_ESCAPE High Pod/team/p-all",
      "HOSTPATH_ESCAPE High Pod/team/p-sock",
      "HOSTPATH_ESCAPE High Pod/team/p-ssh",
      "HOSTPATH_MOUNT Low Pod/team/p-etc",
      "HOSTPID_ESCAPE High Pod/team/p-pid",
      "HOST_NAMESPACE_SHARING Medium Pod/team/p-pid",
      "HOST_NAMESPACE_SHARING Medium Pod/team/p-pid2",
      "PRIVILEGED_POD_NODE_ESCAPE High Pod/team/p-cp",
      "PRIVILEGED_POD_NODE_ESCAPE High Pod/team/p-priv",
    ]);
  });
  it("--severity LEVEL keeps that level and above", async () => {
    const all = await findings("escapes");
    const high = await findings("escapes", ["--severity", "High"]);
    expect(high.map((f) => f.id)).toEqual(all.filter((f) => f.severity === "High" || f.severity === "Critical").map((f) => f.id));
    expect(high.length).toBeGreaterThan(0);
    expect(high.length).toBeLessThan(all.length);
  });
  it("cluster-scoped finding objects carry namespace null; ids are stable across runs", async () => {
    const a = await findings("cluster-techniques");
    const b = await findings("cluster-techniques");
    expect(a.map((f) => f.id)).toEqual(b.map((f) => f.id));
    const pv = a.filter((f) => f.rule === "PV_HOSTPATH");
    expect(pv.map((f) => f.objects)).toEqual([[{ kind: "ClusterRoleBinding", name: "paul-pv", namespace: null }]]);
    const hook = a.filter((f) => f.rule === "WEBHOOK_CONFIG_WRITE");
    expect(hook.map((f) => f.objects)).toEqual([[{ kind: "ClusterRoleBinding", name: "vera-hook", namespace: null }]]);
  });
});
