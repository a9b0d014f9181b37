import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDatabase } from "./test-support";
import { closeDatabase, type Database } from "@/lib/store";
import { principalIdentity } from "@/lib/analysis/context";
import { escalationToEverything, principalOfUser, subjectIdentity, subjectRisk } from "./effective-access";

let db: Database;
let snapshot: number;

beforeAll(async () => {
  ({ db, snapshot } = await demoDatabase("ea"));
}, 120_000);
afterAll(async () => closeDatabase(db));

describe("effective access", () => {
  it("reads ServiceAccount user names as ServiceAccount principals, anything else as a User", () => {
    expect(principalOfUser("system:serviceaccount:ci:deployer")).toEqual({ kind: "ServiceAccount", namespace: "ci", name: "deployer" });
    expect(principalOfUser("alice@example.com")).toEqual({ kind: "User", namespace: null, name: "alice@example.com" });
    expect(principalOfUser("system:serviceaccount:bad")).toEqual({ kind: "User", namespace: null, name: "system:serviceaccount:bad" });
  });

  it("finds that ci/deployer, denied secrets by RBAC, becomes cluster admin through a path", () => {
    const p = escalationToEverything(db, snapshot, principalOfUser("system:serviceaccount:ci:deployer"));
    expect(p?.to.kind).toBe("ClusterAdmin");
    expect(p?.hops.length).toBeGreaterThanOrEqual(1);
  });

  it("rates deployer at ClusterAdmin with its paths, and a subject with no path at None", () => {
    const deployer = subjectRisk(db, snapshot, { kind: "ServiceAccount", namespace: "ci", name: "deployer" });
    expect(deployer.level).toBe("ClusterAdmin");
    expect(deployer.paths.some((p) => p.to.kind === "ClusterAdmin")).toBe(true);
    expect(subjectRisk(db, snapshot, { kind: "User", namespace: null, name: "nobody@example.com" })).toEqual({ level: "None", paths: [] });
  });

  it("gives a subject the identity the analysis gives it: a Group is a member also in system:authenticated", () => {
    const group = { kind: "Group", namespace: null, name: "developers" } as const;
    const identity = subjectIdentity(db, snapshot, group);
    expect(identity).toEqual(principalIdentity(group));
    expect(identity.groups).toEqual(expect.arrayContaining(["developers", "system:authenticated"]));
  });

  it("gives the kubelet of a known node system:nodes, and an unknown node's name none", () => {
    expect(subjectIdentity(db, snapshot, { kind: "User", namespace: null, name: "system:node:worker-1" }).groups).toContain("system:nodes");
    expect(subjectIdentity(db, snapshot, { kind: "User", namespace: null, name: "system:node:no-such-node" }).groups).not.toContain("system:nodes");
  });
});
