import { describe, expect, it } from "vitest";
import { causeKey, causeObject, describeCause, isInherentlyUncuttable, podFieldPath, type Cause } from "./cause";

const rb: Cause = { type: "binding", binding: { kind: "RoleBinding", name: "dev", namespace: "team" } };
const subject: Cause = { type: "bindingSubject", binding: { kind: "ClusterRoleBinding", name: "system:controller:x", namespace: null }, subjectIndex: 2 };
const pod: Cause = { type: "podField", namespace: "team", pod: "web", field: { kind: "spec", path: "volumes[host].hostPath" } };

describe("causes are typed values with one canonical key", () => {
  it("spells each kind of cause once (the fix set's `cause` reference and `uncuttable` entries)", () => {
    expect(causeKey(rb)).toBe("RoleBinding/team/dev");
    expect(causeKey(subject)).toBe("ClusterRoleBinding/system:controller:x#subjects[2]");
    expect(causeKey({ type: "grantedRole", role: { kind: "ClusterRole", name: "edit", namespace: null } })).toBe("ClusterRole/edit");
    expect(causeKey({ type: "podField", namespace: "team", pod: "web", field: { kind: "secret", secret: "tok" } })).toBe("Pod/team/web#secret:tok");
    expect(causeKey({ type: "node", node: "cp" })).toBe("Node/cp");
    expect(causeKey({ type: "systemMasters" })).toBe("Group/system:masters");
  });

  it("keeps a User-like name with a slash intact: nothing is split back out of a key", () => {
    const odd: Cause = { type: "podField", namespace: "a", pod: "b", field: { kind: "secret", secret: "x/y" } };
    expect(causeObject(odd)).toEqual({ kind: "Pod", name: "b", namespace: "a" });
    expect(describeCause(odd)).toBe("Secret x/y of Pod a/b");
  });

  it("renders pod fields as spec field references (hop evidence)", () => {
    expect(podFieldPath({ kind: "spec", path: "volumes[host].hostPath" })).toBe("spec.volumes[host].hostPath.path");
    expect(podFieldPath({ kind: "spec", path: "containers[app].securityContext.privileged" })).toBe("spec.containers[app].securityContext.privileged");
    expect(podFieldPath({ kind: "automount" })).toBe("spec.automountServiceAccountToken");
  });

  it("says in words what each cause is (pages, CLI text)", () => {
    expect(describeCause(rb)).toBe("RoleBinding team/dev");
    expect(describeCause(subject)).toBe("subject #2 of ClusterRoleBinding system:controller:x");
    expect(describeCause(pod)).toBe("spec.volumes[host].hostPath.path of Pod team/web");
  });

  it("knows v1's uncuttable causes by type: system:masters, a node, a self-granted role — never a binding or pod field", () => {
    expect(isInherentlyUncuttable({ type: "systemMasters" })).toBe(true);
    expect(isInherentlyUncuttable({ type: "node", node: "n" })).toBe(true);
    expect(isInherentlyUncuttable({ type: "grantedRole", role: { kind: "Role", name: "r", namespace: "ns" } })).toBe(true);
    expect([rb, subject, pod].some(isInherentlyUncuttable)).toBe(false);
  });
});
