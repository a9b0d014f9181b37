/**
 * Engine-level ports of Kubernetes' tables that the CLI tests do not reach directly:
 * identity building as the impersonation filter does it
 * (staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation_test.go) and appliesTo
 * (pkg/registry/rbac/validation/rule_test.go) on subjects the apiserver would not store.
 */
import { describe, expect, it } from "vitest";
import { identityFor } from "@/lib/rbac/identity";
import type { Subject } from "@/lib/rbac/objects";
import { subjectMatches } from "@/lib/rbac/visit";

describe("identityFor, as the impersonation filter builds the user", () => {
  it.each<[string, string, string[], string[]]>([
    ["a user without groups gets system:authenticated", "tester", [], ["system:authenticated"]],
    ["given groups are kept and system:authenticated added", "tester", ["some-group"], ["some-group", "system:authenticated"]],
    ["system:authenticated is not added twice", "tester", ["system:authenticated"], ["system:authenticated"]],
    ["system:unauthenticated given: system:authenticated not added", "tester", ["system:unauthenticated"], ["system:unauthenticated"]],
    ["anonymous gets system:unauthenticated", "system:anonymous", [], ["system:unauthenticated"]],
    ["anonymous with system:authenticated keeps it and gets system:unauthenticated", "system:anonymous", ["system:authenticated"], ["system:authenticated", "system:unauthenticated"]],
    ["a service account gets its fixed groups", "system:serviceaccount:foo:default", [], ["system:serviceaccounts", "system:serviceaccounts:foo", "system:authenticated"]],
    ["a service account with groups keeps only those", "system:serviceaccount:foo:default", ["extra"], ["extra", "system:authenticated"]],
    ["an invalid namespace makes it a plain user", "system:serviceaccount:Foo:default", [], ["system:authenticated"]],
    ["an extra segment makes it a plain user", "system:serviceaccount:foo:default:x", [], ["system:authenticated"]],
    ["a dotted SA name is valid (DNS subdomain)", "system:serviceaccount:foo:a.b", [], ["system:serviceaccounts", "system:serviceaccounts:foo", "system:authenticated"]],
  ])("%s", (_name, user, groups, expected) => {
    expect(identityFor(user, groups).groups).toEqual(expected);
  });

  it("exact groups are taken as given", () => {
    expect(identityFor("system:serviceaccount:foo:default", [], { exactGroups: true }).groups).toEqual([]);
  });
});

describe("appliesTo on single subjects", () => {
  const id = (user: string, ...groups: string[]) => identityFor(user, groups, { exactGroups: true });
  it.each<[string, Subject, string, ReturnType<typeof id>, boolean]>([
    ["a ServiceAccount without namespace in a RoleBinding uses the binding's namespace", { kind: "ServiceAccount", name: "sa" }, "ns1", id("system:serviceaccount:ns1:sa"), true],
    ["...and not another namespace", { kind: "ServiceAccount", name: "sa" }, "ns1", id("system:serviceaccount:ns2:sa"), false],
    ["a ServiceAccount without namespace in a ClusterRoleBinding matches nobody", { kind: "ServiceAccount", name: "sa" }, "", id("system:serviceaccount::sa"), false],
    ["a ServiceAccount subject's own namespace wins over the binding's", { kind: "ServiceAccount", name: "sa", namespace: "ns2" }, "ns1", id("system:serviceaccount:ns2:sa"), true],
    ["a ServiceAccount subject does not match the SA groups", { kind: "ServiceAccount", name: "sa", namespace: "ns1" }, "", id("x", "system:serviceaccounts:ns1"), false],
    ["User * matches only the user named *", { kind: "User", name: "*" }, "", id("*"), true],
    ["Group * matches only the group named *", { kind: "Group", name: "*" }, "", id("u", "g"), false],
    ["an empty group name matches the empty group", { kind: "Group", name: "" }, "", id("u", ""), true],
  ])("%s", (_name, subject, bindingNamespace, identity, expected) => {
    expect(subjectMatches(identity, subject, bindingNamespace) !== undefined).toBe(expected);
  });
});
