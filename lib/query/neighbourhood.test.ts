import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDatabase } from "./test-support";
import { closeDatabase, hasEscalationVertices, type Database } from "@/lib/store";
import { GROUP_SHOWN, MAX_ELEMENTS, neighbourhood, parseExplorerRef, UnknownFocusError, type ExplorerRef, type NeighbourhoodQuery } from "./neighbourhood";

let db: Database;
let snapshot: number;

beforeAll(async () => {
  ({ db, snapshot } = await demoDatabase("nbh"));
}, 120_000);
afterAll(async () => closeDatabase(db));

const ref = (text: string): ExplorerRef => {
  const parsed = parseExplorerRef(text);
  if (!parsed) throw new Error(`bad ref ${text}`);
  return parsed;
};

describe("permission graph neighbourhood", () => {
  it("parses focus references, keeping slashes in user names and rejecting malformed ones", () => {
    expect(parseExplorerRef("User/system:serviceaccount/x")).toEqual({ kind: "User", namespace: "", name: "system:serviceaccount/x" });
    expect(parseExplorerRef("RoleBinding/ops/ci-deployer")).toEqual({ kind: "RoleBinding", namespace: "ops", name: "ci-deployer" });
    expect(parseExplorerRef("RoleBinding/ops")).toBeUndefined();
    expect(parseExplorerRef("Widget/x")).toBeUndefined();
  });

  it("draws subject → binding → role chains around a ServiceAccount", () => {
    const view = neighbourhood(db, snapshot, { focus: ref("ServiceAccount/ci/deployer"), depth: 2 });
    const ids = new Set(view.nodes.map((n) => n.id));
    expect(ids.has("RoleBinding/ops/ci-deployer")).toBe(true);
    expect(ids.has("ClusterRole/ci-deployer")).toBe(true);
    expect(view.edges).toContainEqual(expect.objectContaining({ source: "ServiceAccount/ci/deployer", target: "RoleBinding/ops/ci-deployer", relation: "binds" }));
    expect(view.edges).toContainEqual(expect.objectContaining({ source: "RoleBinding/ops/ci-deployer", target: "ClusterRole/ci-deployer", relation: "grants" }));
    expect(view.edges.some((e) => e.relation === "technique" && e.source === "ServiceAccount/ci/deployer")).toBe(true);
  });

  it("highlights the stored path to ClusterAdmin hop by hop", () => {
    const view = neighbourhood(db, snapshot, { focus: ref("ServiceAccount/ci/deployer"), depth: 1, pathTo: { kind: "ClusterAdmin", name: null, namespace: null } });
    expect(view.highlight[0]).toBe("ServiceAccount/ci/deployer");
    expect(view.highlight).toContain("ClusterAdmin");
    const edgeIds = new Set(view.edges.map((e) => e.id));
    expect(view.highlight.filter((id) => edgeIds.has(id)).length).toBeGreaterThanOrEqual(2);
  });

  it("shows aggregation sources of an aggregated ClusterRole", () => {
    const view = neighbourhood(db, snapshot, { focus: ref("ClusterRole/view"), depth: 1 });
    expect(view.edges).toContainEqual(expect.objectContaining({ source: "ClusterRole/view", target: "ClusterRole/monitoring-coreos-view", relation: "aggregates" }));
  });

  it("collapses a large relation into one vertex and opens it on request", () => {
    const view = neighbourhood(db, snapshot, { focus: ref("ClusterAdmin"), depth: 1 });
    const collapsed = view.nodes.filter((n) => n.kind === "Collapsed");
    const inbound = view.edges.filter((e) => e.target === "ClusterAdmin" && e.relation === "technique").length;
    if (collapsed.length > 0) {
      expect(inbound).toBe(GROUP_SHOWN);
      const key = collapsed[0]!.group!.key;
      const opened = neighbourhood(db, snapshot, { focus: ref("ClusterAdmin"), depth: 1, open: [key] });
      expect(opened.nodes.some((n) => n.kind === "Collapsed" && n.group?.key === key)).toBe(false);
      expect(opened.edges.filter((e) => e.target === "ClusterAdmin").length).toBe(inbound + collapsed[0]!.group!.hidden);
    } else {
      expect(inbound).toBeLessThanOrEqual(GROUP_SHOWN);
    }
  });

  it("never returns more elements than the limit, and says it cut the answer", () => {
    const view = neighbourhood(db, snapshot, { focus: ref("Namespace/kube-system"), depth: 3, limit: 25 });
    expect(view.nodes.length + view.edges.length).toBeLessThanOrEqual(25);
    expect(view.truncated).toBe(true);
    const full = neighbourhood(db, snapshot, { focus: ref("Namespace/kube-system"), depth: 3, limit: 1_000_000 });
    expect(full.limit).toBe(MAX_ELEMENTS);
  });

  it("filters neighbours by namespace and kind but always keeps the focus", () => {
    const view = neighbourhood(db, snapshot, { focus: ref("ClusterRole/edit"), depth: 2, filters: { namespace: "checkout" } });
    expect(view.nodes.every((n) => n.namespace === "" || n.namespace === "checkout")).toBe(true);
    const onlyRoles = neighbourhood(db, snapshot, { focus: ref("ServiceAccount/ci/deployer"), depth: 2, filters: { kinds: ["RoleBinding"] } });
    expect(onlyRoles.nodes.every((n) => n.kind === "RoleBinding" || n.kind === "Collapsed" || n.id === "ServiceAccount/ci/deployer")).toBe(true);
  });

  it("answers the same from the per-vertex rows as from the whole stored graph (snapshots analysed before the rows)", async () => {
    const { db: old, snapshot: oldSnapshot } = await demoDatabase("nbh-old");
    try {
      expect(hasEscalationVertices(old, oldSnapshot)).toBe(true);
      old.raw.prepare(`DELETE FROM EscalationVertex WHERE snapshotId = ?`).run(oldSnapshot);
      expect(hasEscalationVertices(old, oldSnapshot)).toBe(false);
      const toAdmin = { kind: "ClusterAdmin", name: null, namespace: null } as const;
      const queries: NeighbourhoodQuery[] = [
        { focus: ref("ClusterAdmin"), depth: 3 },
        { focus: ref("ServiceAccount/ci/deployer"), depth: 3, pathTo: toAdmin },
        { focus: ref("ClusterRole/view"), depth: 2 },
        { focus: ref("Namespace/kube-system"), depth: 2 },
        { focus: ref("ClusterAdmin"), depth: 1, open: ["ClusterAdmin|escalates-from"] },
      ];
      let techniqueEdges = 0;
      for (const query of queries) {
        const fromRows = neighbourhood(db, snapshot, query);
        expect(fromRows.analysed).toBe(true);
        techniqueEdges += fromRows.edges.filter((e) => e.relation === "technique").length;
        expect(neighbourhood(old, oldSnapshot, query)).toEqual(fromRows);
      }
      expect(techniqueEdges).toBeGreaterThan(20);
    } finally {
      await closeDatabase(old);
    }
  }, 120_000);

  it("refuses an object that is not in the snapshot", () => {
    expect(() => neighbourhood(db, snapshot, { focus: ref("ServiceAccount/ci/deployr"), depth: 1 })).toThrow(UnknownFocusError);
  });
});
