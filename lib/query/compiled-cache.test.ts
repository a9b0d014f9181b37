import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDatabase } from "./test-support";
import { closeDatabase, type Database } from "@/lib/store";
import { whoCan, type AccessRequest } from "@/lib/rbac";
import { clusterRoleRules, compiledSnapshot, whoCanAnswer } from "./compiled-cache";
import { sortWhoCanSubjects } from "./who-can-order";

let db: Database;
let snapshot: number;

beforeAll(async () => {
  ({ db, snapshot } = await demoDatabase("cc"));
}, 120_000);
afterAll(async () => closeDatabase(db));

const secrets: AccessRequest = { kind: "resource", verb: "get", apiGroup: "", resource: "secrets", subresource: "", name: "", namespace: "" };

describe("kept who-can answers", () => {
  it("answer exactly what whoCan answers, in the order asked for, whether computed or kept", () => {
    const compiled = compiledSnapshot(db, snapshot);
    const fresh = whoCan(compiled.policy, secrets, { allNamespaces: true, serviceAccounts: compiled.serviceAccounts });
    expect(fresh.subjects.length).toBeGreaterThan(1);
    for (const sort of [undefined, { column: "bindings", direction: "desc" } as const, { column: "name", direction: "asc" } as const]) {
      const expected = { ...fresh, subjects: sortWhoCanSubjects(fresh.subjects, sort) };
      expect(whoCanAnswer(compiled, secrets, true, sort)).toEqual(expected);
      expect(whoCanAnswer(compiled, secrets, true, sort)).toEqual(expected);
    }
    const scoped = whoCan(compiled.policy, { ...secrets, namespace: "payments" }, { allNamespaces: false, serviceAccounts: compiled.serviceAccounts });
    expect(whoCanAnswer(compiled, { ...secrets, namespace: "payments" }, false, undefined)).toEqual(scoped);
  });
});

describe("ClusterRole rules for the graph explorer", () => {
  it("are the compiled policy's, aggregation included, though compiled from the ClusterRoles alone", () => {
    const full = compiledSnapshot(db, snapshot).policy.clusterRoleRules;
    // the cache answers from the full policy when it holds one; compare against a fresh roles-only compile
    const rolesOnly = clusterRoleRulesUncached();
    expect(rolesOnly).not.toBe(full);
    expect([...full.values()].flat().some((rule) => rule.aggregatedFrom !== undefined)).toBe(true);
    expect([...rolesOnly.keys()].sort()).toEqual([...full.keys()].sort());
    for (const [name, rules] of full) expect(rolesOnly.get(name)).toEqual(rules);
  });
});

function clusterRoleRulesUncached() {
  // a second handle key: the roles-only path is taken when no full compile is cached under it
  return clusterRoleRules({ ...db, cacheKey: `${db.cacheKey}-roles-only` } as Database, snapshot);
}
