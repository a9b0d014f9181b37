import { describe, expect, it } from "vitest";
import { compilePolicy, resourceRequest, whoCan } from "@/lib/rbac";
import type { ClusterRoleBinding } from "@/lib/rbac/objects";
import { grantingBindings, sortWhoCanSubjects } from "./who-can-order";

const readSecrets = { kind: "ClusterRole" as const, metadata: { name: "read-secrets" }, rules: [{ verbs: ["get"], apiGroups: [""], resources: ["secrets"] }] };
const binding = (name: string, subjects: ClusterRoleBinding["subjects"]): ClusterRoleBinding => ({
  kind: "ClusterRoleBinding",
  metadata: { name },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "read-secrets" },
  subjects,
});
const answer = whoCan(
  compilePolicy({
    roles: [],
    roleBindings: [],
    clusterRoles: [readSecrets],
    clusterRoleBindings: [
      binding("one", [{ kind: "User", name: "zoe" }, { kind: "ServiceAccount", name: "bot", namespace: "a" }]),
      binding("two", [{ kind: "User", name: "zoe" }, { kind: "Group", name: "ops" }]),
      binding("three", [{ kind: "User", name: "zoe" }, { kind: "User", name: "adam" }]),
    ],
  }),
  resourceRequest({ verb: "get", resource: "secrets", namespace: "a" }),
);

describe("who-can subjects sorted by a page column", () => {
  it("keeps the engine's order without a sort or with an unknown column", () => {
    expect(sortWhoCanSubjects(answer.subjects, undefined)).toBe(answer.subjects);
    expect(sortWhoCanSubjects(answer.subjects, { column: "nope", direction: "desc" })).toBe(answer.subjects);
  });

  it("sorts by name both ways and by the number of granting bindings", () => {
    const names = (sort: Parameters<typeof sortWhoCanSubjects>[1]) => sortWhoCanSubjects(answer.subjects, sort).map((s) => s.name);
    expect(names({ column: "name", direction: "asc" })).toEqual(["adam", "bot", "ops", "zoe"]);
    expect(names({ column: "name", direction: "desc" })).toEqual(["zoe", "ops", "bot", "adam"]);
    const most = sortWhoCanSubjects(answer.subjects, { column: "bindings", direction: "desc" })[0];
    expect(most?.name).toBe("zoe");
    expect(most && grantingBindings(most)).toBe(3);
  });
});
