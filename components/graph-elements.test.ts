import { describe, expect, it } from "vitest";
import type { EscalationPath } from "@/lib/analysis/paths";
import type { VertexRef } from "@/lib/analysis/refs";
import { pathGraphElements } from "./graph-elements";

const sa = (namespace: string, name: string): VertexRef => ({ kind: "ServiceAccount", name, namespace });
const ADMIN: VertexRef = { kind: "ClusterAdmin", name: null, namespace: null };
const janitor = sa("ops", "cluster-janitor");
const viaJanitor = (from: VertexRef): EscalationPath => ({
  from,
  to: ADMIN,
  hops: [
    { technique: "POD_CREATE_TOKEN_THEFT", via: "RoleBinding/ops/x", reaches: janitor },
    { technique: "CLUSTER_ADMIN_EQUIVALENT", via: "ClusterRoleBinding/cluster-janitor", reaches: ADMIN },
  ],
});

describe("path graph elements", () => {
  it("shares vertices and hops between paths and marks the starts", () => {
    const g = pathGraphElements([viaJanitor(sa("ci", "deployer")), viaJanitor(sa("ci", "builder"))]);
    expect(g.nodes.map((n) => [n.id, n.label, n.start])).toEqual([
      ["ServiceAccount/ci/deployer", "SA ci/deployer", true],
      ["ServiceAccount/ops/cluster-janitor", "SA ops/cluster-janitor", false],
      ["ClusterAdmin", "ClusterAdmin", false],
      ["ServiceAccount/ci/builder", "SA ci/builder", true],
    ]);
    expect(g.edges.map((e) => `${e.source} ${e.label} ${e.target}`)).toEqual([
      "ServiceAccount/ci/deployer POD_CREATE_TOKEN_THEFT ServiceAccount/ops/cluster-janitor",
      "ServiceAccount/ops/cluster-janitor CLUSTER_ADMIN_EQUIVALENT ClusterAdmin",
      "ServiceAccount/ci/builder POD_CREATE_TOKEN_THEFT ServiceAccount/ops/cluster-janitor",
    ]);
    expect(g.truncated).toBe(false);
    expect(g.nodes.map((n) => n.level)).toEqual([0, 1, 2, 0]);
  });

  it("places a vertex at its longest chain, so a start that another start reaches moves right", () => {
    const direct: EscalationPath = { from: janitor, to: ADMIN, hops: [{ technique: "CLUSTER_ADMIN_EQUIVALENT", via: "ClusterRoleBinding/cluster-janitor", reaches: ADMIN }] };
    const g = pathGraphElements([direct, viaJanitor(sa("ci", "deployer"))]);
    expect(Object.fromEntries(g.nodes.map((n) => [n.id, n.level]))).toEqual({
      "ServiceAccount/ops/cluster-janitor": 1,
      ClusterAdmin: 2,
      "ServiceAccount/ci/deployer": 0,
    });
  });

  it("terminates on a cycle", () => {
    const a = sa("x", "a");
    const b = sa("x", "b");
    const loop: EscalationPath[] = [
      { from: a, to: b, hops: [{ technique: "TOKEN_REQUEST", via: "RoleBinding/x/r", reaches: b }] },
      { from: b, to: a, hops: [{ technique: "TOKEN_REQUEST", via: "RoleBinding/x/r", reaches: a }] },
    ];
    const g = pathGraphElements(loop);
    expect(g.nodes.every((n) => n.level >= 0 && n.level < 2)).toBe(true);
  });

  it("keeps whole paths only when the vertex budget runs out, and says so", () => {
    const g = pathGraphElements([viaJanitor(sa("ci", "a")), viaJanitor(sa("ci", "b")), viaJanitor(sa("ci", "c"))], 4);
    expect(g.nodes.map((n) => n.id)).toEqual(["ServiceAccount/ci/a", "ServiceAccount/ops/cluster-janitor", "ClusterAdmin", "ServiceAccount/ci/b"]);
    expect(g.edges.every((e) => g.nodes.some((n) => n.id === e.source) && g.nodes.some((n) => n.id === e.target))).toBe(true);
    expect(g.truncated).toBe(true);
  });
});
