/**
 * v2 addendum (ESCALATION_TECHNIQUES_V2.md) through the CLI contract: one scenario per new
 * technique and per changed reading (§9), each with traps a careless analyzer would fall into.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "@/lib/cli/test-support";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/escalation/v2");
const DEV = "ServiceAccount/team/dev";

interface HopJson {
  technique: string;
  via: string;
  reaches: { kind: string; name: string | null; namespace: string | null };
  owner: { kind: string; name: string; namespace: string } | null;
  podCount: number | null;
  container: string | null;
}
interface PathJson {
  from: { kind: string; name: string | null; namespace: string | null };
  hops: HopJson[];
  trusted: boolean;
}

const refText = (r: HopJson["reaches"]) => (r.kind === "ClusterAdmin" ? "ClusterAdmin" : r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`);

async function cli(args: readonly string[]): Promise<unknown> {
  const run = await runCli([...args, "-o", "json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as unknown;
}

async function hops(fixture: string, from: string, to: string): Promise<string[] | undefined> {
  const out = (await cli(["paths", "-f", path.join(DIR, `${fixture}.yaml`), "--from", from, "--to", to])) as { paths: PathJson[] };
  return out.paths[0]?.hops.map((h) => `${h.technique} ${h.via} -> ${refText(h.reaches)}${h.container ? ` [${h.container}]` : ""}`);
}

const RB = "RoleBinding/team/dev-access";

describe("v2 techniques: the shortest path, hop by hop", () => {
  it.each<[string, string, string, string[]]>([
    ["node-authorizer", "NODE_AUTHZ_TOKEN_REQUEST: root on n1 → kubelet identity → token of a bound pod's SA (not mounted, so no harvest)", "ServiceAccount/team/builder", [
      `POD_EXEC ${RB} -> Pod/team/web`, "PRIVILEGED_POD_NODE_ESCAPE Pod/team/web -> Node/n1", "NODE_IDENTITY_ASSUME Node/n1 -> User/system:node:n1", "NODE_AUTHZ_TOKEN_REQUEST Pod/team/api -> ServiceAccount/team/builder"]],
    ["node-authorizer", "NODE_AUTHZ_SECRET_READ: a Secret a bound pod references", "Secret/team/db-pass", [
      `POD_EXEC ${RB} -> Pod/team/web`, "PRIVILEGED_POD_NODE_ESCAPE Pod/team/web -> Node/n1", "NODE_IDENTITY_ASSUME Node/n1 -> User/system:node:n1", "NODE_AUTHZ_SECRET_READ Pod/team/api -> Secret/team/db-pass"]],
    ["HOSTPATH_READ", "read-only /var/lib/kubelet/pods leaks the tokens of the node's pods", "ServiceAccount/team/builder", [
      `POD_EXEC ${RB} -> Pod/team/reader`, "HOSTPATH_READ Pod/team/reader -> ServiceAccount/team/builder [app]"]],
    ["HOSTPATH_READ", "read-only /var/lib/kubelet leaks the kubelet's identity", "User/system:node:n2", [
      `POD_EXEC ${RB} -> Pod/team/kubelet-reader`, "HOSTPATH_READ Pod/team/kubelet-reader -> User/system:node:n2 [app]"]],
    ["VAR_LOG_SYMLINK", "root + writable /var/log + get pods/log → the node", "Node/n1", [
      `POD_EXEC ${RB} -> Pod/team/logger`, "VAR_LOG_SYMLINK Pod/team/logger -> Node/n1 [app]"]],
    ["POD_ATTACH", "attach to a container with stdin → its token", "ServiceAccount/team/builder", [
      `POD_ATTACH ${RB} -> Container/team/web/app [app]`, "POD_SA_TOKEN Pod/team/web -> ServiceAccount/team/builder [app]"]],
    ["SHARE_PS_NAMESPACE", "a sibling's legacy token through /proc", "ServiceAccount/team/builder", [
      `POD_ATTACH ${RB} -> Container/team/shared/shell [shell]`, "SHARE_PS_NAMESPACE Pod/team/shared -> ServiceAccount/team/builder [app]"]],
  ])("%s: %s", async (fixture, _label, to, expected) => {
    expect(await hops(fixture, DEV, to)).toEqual(expected);
  });
});

describe("v2 traps: no path", () => {
  it.each<[string, string, string]>([
    ["node-authorizer", "a Secret referenced only by a pod on another node", "Secret/team/other-pass"],
    ["node-authorizer", "a Secret referenced only by a mirror pod", "Secret/team/mirror-pass"],
    ["HOSTPATH_READ", "a read-only kubelet mount is no node escape", "Node/n1"],
    ["VAR_LOG_SYMLINK", "the same mount in a non-root container", "Node/n2"],
    ["VAR_LOG_SYMLINK", "an SA holding only pods/* (not pods/log)", "Node/n3"],
    ["POD_ATTACH", "a container without stdin", "ServiceAccount/team/quiet"],
    ["SHARE_PS_NAMESPACE", "a sibling running as another uid", "ServiceAccount/team/other"],
    ["container-traps", "an init-only privileged container is not reachable by exec", "Node/n1"],
    ["container-traps", "init-only token and a masked token path give exec no identity", "ServiceAccount/team/builder"],
  ])("%s: %s", async (fixture, _label, to) => {
    expect(await hops(fixture, DEV, to)).toBeUndefined();
  });
});

describe("v2 §1.8: node principals", () => {
  it("are starts, trusted, and reach what the Node authorizer grants them", async () => {
    const out = (await cli(["paths", "-f", path.join(DIR, "node-authorizer.yaml"), "--from", "User/system:node:n1", "--to", "ServiceAccount/team/builder"])) as { paths: PathJson[] };
    expect(out.paths).toHaveLength(1);
    expect(out.paths[0]?.trusted).toBe(true);
    expect(out.paths[0]?.hops.map((h) => h.technique)).toEqual(["NODE_AUTHZ_TOKEN_REQUEST"]);
  });
  it("with the Node authorizer's grants, the kubelet of n2 reads nothing of n1", async () => {
    expect(await hops("node-authorizer", "User/system:node:n2", "Secret/team/db-pass")).toBeUndefined();
  });
});

interface FixJson {
  affectedStarts: number;
  possible: boolean;
  trustedStarts: { kind: string; name: string; namespace: string | null }[];
  uncuttable: string[];
  fixes: { cause: string; kind: string; field: string | null }[];
}
interface FindingJson {
  rule: string;
  objects: { kind: string; name: string; namespace: string | null }[];
  trusted: boolean;
  owner: { kind: string; name: string; namespace: string | null } | null;
  podCount: number | null;
  pods?: { name: string }[];
}

const TRUST = path.join(DIR, "trust.yaml");

describe("v2 §1.11/§2.8: trusted control plane and protected causes", () => {
  it("never deletes a default binding: removes the extra subject instead; trusted controllers are reported, not cut", async () => {
    const fx = (await cli(["fixes", "-f", TRUST])) as FixJson;
    expect(fx.possible).toBe(true);
    expect(fx.affectedStarts).toBe(2);
    expect(fx.trustedStarts).toEqual([{ kind: "ServiceAccount", name: "deployment-controller", namespace: "kube-system" }]);
    expect(fx.fixes.map((f) => [f.cause, f.kind, f.field])).toEqual([
      ["ClusterRoleBinding/system:controller:copycat", "binding", null],
      ["ClusterRoleBinding/system:controller:deployment-controller#subjects[1]", "binding", "subjects[1]"],
    ]);
  });

  it("a copied system: binding is not default: its subject's path is untrusted; the extra subject of a real default is a MODIFIED_DEFAULT_BINDING", async () => {
    const out = (await cli(["paths", "-f", TRUST, "--to", "ClusterAdmin"])) as { paths: PathJson[] };
    const trusted = Object.fromEntries(out.paths.map((p) => [`${p.from.namespace}/${p.from.name}`, p.trusted]));
    expect(trusted["team/copycat"]).toBe(false);
    expect(trusted["team/intruder"]).toBe(false);
    expect(trusted["kube-system/deployment-controller"]).toBe(true);
    const fd = (await cli(["findings", "-f", TRUST, "--rule", "MODIFIED_DEFAULT_BINDING"])) as { findings: FindingJson[] };
    expect(fd.findings.map((f) => [f.objects[0]?.name, f.trusted])).toEqual([["system:controller:deployment-controller", false]]);
  });

  it("a trust file adds principals: the intruder leaves the sources", async () => {
    const fx = (await cli(["fixes", "-f", TRUST, "--trust", path.join(DIR, "trust-add.trust.yaml")])) as FixJson;
    expect(fx.affectedStarts).toBe(1);
    expect(fx.trustedStarts.map((s) => s.name).sort()).toEqual(["deployment-controller", "intruder"]);
    expect(fx.fixes.map((f) => f.cause)).toEqual(["ClusterRoleBinding/system:controller:copycat"]);
  });

  it("protected causes are never proposed; a source cut off only by them makes the fix set impossible", async () => {
    const fx = (await cli(["fixes", "-f", TRUST, "--trust", path.join(DIR, "trust-protect.trust.yaml")])) as FixJson;
    expect(fx.possible).toBe(false);
    expect(fx.uncuttable).toEqual(expect.arrayContaining(["ClusterRoleBinding/admin1", "ClusterRoleBinding/system:controller:copycat"]));
    expect(fx.fixes.map((f) => f.cause)).not.toContain("ClusterRoleBinding/admin1");
    expect(fx.fixes.map((f) => f.cause)).not.toContain("ClusterRoleBinding/system:controller:copycat");
  });

  it("a trust file that trusts a broad group is bad input (exit 2, names the file)", async () => {
    const run = await runCli(["paths", "-f", TRUST, "--trust", path.join(DIR, "trust-broad.trust.yaml"), "-o", "json"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("trust-broad.trust.yaml");
  });
});

describe("v2 §1.12/§2.7: one finding per workload", () => {
  it("folds Deployment → ReplicaSet → Pod, CronJob → absent Job → Pod; a pod without owner stands alone", async () => {
    const fd = (await cli(["findings", "-f", path.join(DIR, "grouping.yaml")])) as { findings: FindingJson[] };
    const rows = fd.findings.map((f) => [f.rule, `${f.objects[0]?.kind}/${f.objects[0]?.name}`, f.owner ? `${f.owner.kind}/${f.owner.name}` : null, f.podCount, (f.pods ?? []).map((p) => p.name)]);
    expect(rows).toEqual(expect.arrayContaining([
      ["PRIVILEGED_POD_NODE_ESCAPE", "Deployment/web", "Deployment/web", 2, ["web-7d9-a", "web-7d9-b"]],
      ["PRIVILEGED_POD_NODE_ESCAPE", "Pod/solo", null, 1, []],
      ["PRIVILEGED_POD_NODE_ESCAPE", "ReplicaSet/gone-5f5", "ReplicaSet/gone-5f5", 1, ["gone-5f5-z"]],
      ["HOST_NAMESPACE_SHARING", "CronJob/nightly", "CronJob/nightly", 1, ["nightly-28000000-x1"]],
    ]));
    expect(rows.filter((r) => r[0] === "PRIVILEGED_POD_NODE_ESCAPE")).toHaveLength(3);
  });
});

describe("v2 §1.13 settings through --setting", () => {
  const file = (f: string) => path.join(DIR, `${f}.yaml`);
  const first = async (args: readonly string[]) => ((await cli(["paths", ...args])) as { paths: PathJson[] }).paths[0]?.hops.map((h) => `${h.technique} ${h.via} -> ${refText(h.reaches)}`);

  it("hostPathWrite=any: a writable hostPath outside KubeHound's safe list escapes; listed (default) does not", async () => {
    const q = ["-f", file("host-path-write"), "--from", DEV, "--to", "Node/n1"];
    expect(await first(q)).toBeUndefined();
    expect(await first([...q, "--setting", "hostPathWrite=any"])).toEqual([`POD_EXEC RoleBinding/team/dev-access -> Pod/team/cache`, "HOSTPATH_ESCAPE Pod/team/cache -> Node/n1"]);
  });

  it("hostPathWrite=any keeps KubeHound's safe write paths safe (/var/run/datadog-agent ≡ /run/datadog-agent)", async () => {
    expect(await first(["-f", file("host-path-write"), "--from", DEV, "--to", "Node/n2", "--setting", "hostPathWrite=any"])).toBeUndefined();
  });

  it("nodeAudienceRestriction=off: the kubelet gets the SA of a bound pod that references no API audience", async () => {
    const q = ["-f", file("node-authorizer"), "--from", "User/system:node:n1", "--to", "ServiceAccount/team/default"];
    expect(await first(q)).toBeUndefined();
    expect(await first([...q, "--setting", "nodeAudienceRestriction=off"])).toEqual(["NODE_AUTHZ_TOKEN_REQUEST Pod/team/web -> ServiceAccount/team/default"]);
  });

  it("nodeAuthorizer=off: the kubelet holds RBAC only (no Node-authorizer Secret reads)", async () => {
    const q = ["-f", file("node-authorizer"), "--from", "User/system:node:n1", "--to", "Secret/team/db-pass"];
    expect(await first(q)).toEqual(["NODE_AUTHZ_SECRET_READ Pod/team/api -> Secret/team/db-pass"]);
    expect(await first([...q, "--setting", "nodeAuthorizer=off"])).toBeUndefined();
  });

  it("an unknown setting or value is a usage error (exit 2) naming the known ones", async () => {
    for (const bad of ["hostPathWrite=some", "nodeAuthoriser=off", "ephemeralSecretRefs=maybe"]) {
      const run = await runCli(["paths", "-f", file("host-path-write"), "--setting", bad, "-o", "json"]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/setting/);
    }
  });
});

