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
