import { describe, expect, it } from "vitest";
import { identityFor, parseServiceAccountUsername, serviceAccountUsername } from "@/lib/rbac/identity";

describe("identityFor (kubectl --as impersonation)", () => {
  it.each([
    ["plain user gets system:authenticated", "alice", [], ["system:authenticated"]],
    ["given groups are kept and system:authenticated appended", "alice", ["devs"], ["devs", "system:authenticated"]],
    ["system:authenticated is not duplicated", "alice", ["system:authenticated", "devs"], ["system:authenticated", "devs"]],
    ["explicit system:unauthenticated suppresses system:authenticated", "alice", ["system:unauthenticated"], ["system:unauthenticated"]],
    ["anonymous gets system:unauthenticated", "system:anonymous", [], ["system:unauthenticated"]],
    ["anonymous with groups gets system:unauthenticated too", "system:anonymous", ["x"], ["x", "system:unauthenticated"]],
    [
      "ServiceAccount without groups gets the SA groups",
      "system:serviceaccount:dev:ci",
      [],
      ["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"],
    ],
    ["ServiceAccount with groups keeps only those (plus authenticated)", "system:serviceaccount:dev:ci", ["g"], ["g", "system:authenticated"]],
    ["malformed SA username is a plain user", "system:serviceaccount:dev", [], ["system:authenticated"]],
    ["SA username with an invalid namespace is a plain user", "system:serviceaccount:Dev:ci", [], ["system:authenticated"]],
  ] as const)("%s", (_name, user, groups, want) => {
    expect(identityFor(user, groups)).toEqual({ user, groups: want });
  });

  it("exactGroups uses exactly the groups given", () => {
    expect(identityFor("system:serviceaccount:dev:ci", [], { exactGroups: true })).toEqual({ user: "system:serviceaccount:dev:ci", groups: [] });
    expect(identityFor("system:anonymous", ["a"], { exactGroups: true }).groups).toEqual(["a"]);
  });
});

describe("ServiceAccount usernames", () => {
  it.each([
    ["system:serviceaccount:dev:ci", { namespace: "dev", name: "ci" }],
    ["system:serviceaccount:kube-system:generic-garbage-collector", { namespace: "kube-system", name: "generic-garbage-collector" }],
    ["system:serviceaccount:dev:a.b", { namespace: "dev", name: "a.b" }],
    ["system:serviceaccount:dev", undefined],
    ["system:serviceaccount:dev:ci:x", undefined],
    ["system:serviceaccount::ci", undefined],
    ["system:serviceaccount:dev:", undefined],
    ["system:serviceaccount:a.b:ci", undefined], // namespace must be a DNS label
    ["system:serviceaccounts:dev", undefined],
    ["alice", undefined],
  ])("parse %s", (user, want) => {
    expect(parseServiceAccountUsername(user)).toEqual(want);
  });

  it("round-trips", () => {
    expect(serviceAccountUsername("dev", "ci")).toBe("system:serviceaccount:dev:ci");
    expect(parseServiceAccountUsername(serviceAccountUsername("dev", "ci"))).toEqual({ namespace: "dev", name: "ci" });
  });
});
