import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDatabase } from "./test-support";
import { closeDatabase, type Database } from "@/lib/store";
import { escalationToEverything, principalOfUser, subjectRisk } from "./effective-access";

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
});
