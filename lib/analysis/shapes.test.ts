import { describe, expect, it } from "vitest";
import { isTechniqueRelevant, SHAPES } from "./graph";
import { TECHNIQUES } from "./techniques";
import { WORKLOAD_RESOURCES } from "./techniques/common";

const RBAC = "rbac.authorization.k8s.io";
const key = (s: { verb: string; apiGroup?: string; resource: string; subresource?: string }) => `${s.verb} ${s.apiGroup ?? ""} ${s.resource}/${s.subresource ?? ""}`;

// The central table v1 kept by hand, before each technique declared its shapes.
const V1_TABLE = [
  { verb: "create", resource: "pods" }, { verb: "update", resource: "pods" }, { verb: "patch", resource: "pods" },
  { verb: "create", resource: "pods", subresource: "exec" }, { verb: "get", resource: "pods", subresource: "exec" },
  { verb: "update", resource: "pods", subresource: "ephemeralcontainers" }, { verb: "patch", resource: "pods", subresource: "ephemeralcontainers" },
  ...["get", "list", "watch", "create"].map((verb) => ({ verb, resource: "secrets" })),
  { verb: "create", resource: "serviceaccounts", subresource: "token" },
  ...["users", "groups", "serviceaccounts"].map((resource) => ({ verb: "impersonate", resource })),
  ...["create", "update", "patch"].flatMap((verb) => ["clusterrolebindings", "rolebindings", "clusterroles", "roles"].map((resource) => ({ verb, resource, apiGroup: RBAC }))),
  ...["bind", "escalate"].flatMap((verb) => ["clusterroles", "roles"].map((resource) => ({ verb, resource, apiGroup: RBAC }))),
  ...["create", "get", "list", "watch"].map((verb) => ({ verb, resource: "certificatesigningrequests", apiGroup: "certificates.k8s.io" })),
  ...["update", "patch"].map((verb) => ({ verb, resource: "certificatesigningrequests", subresource: "approval", apiGroup: "certificates.k8s.io" })),
  { verb: "approve", resource: "signers", apiGroup: "certificates.k8s.io" },
  { verb: "get", resource: "nodes", subresource: "proxy" }, { verb: "create", resource: "nodes", subresource: "proxy" },
  ...["create", "update", "patch"].flatMap((verb) => ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"].map((resource) => ({ verb, resource, apiGroup: "admissionregistration.k8s.io" }))),
  { verb: "create", resource: "persistentvolumes" }, { verb: "create", resource: "persistentvolumeclaims" },
  { verb: "update", resource: "namespaces" }, { verb: "patch", resource: "namespaces" },
  ...Object.values(WORKLOAD_RESOURCES).flatMap((d) => ["create", "update", "patch"].map((verb) => ({ verb, resource: d.resource, apiGroup: d.apiGroup }))),
];

describe("request shapes are derived from the techniques", () => {
  it("every principal technique declares its shapes, and together they cover v1's hand-kept table", () => {
    const derived = new Set(SHAPES.map(key));
    expect(V1_TABLE.map(key).filter((k) => !derived.has(k))).toEqual([]);
    for (const t of TECHNIQUES) if (t.on === "principal") expect(Array.isArray(t.shapes)).toBe(true);
  });
  it("covers what the table forgot: create namespaces (3.18 variant) and pods/attach (v2 §3.32)", () => {
    expect(isTechniqueRelevant({ verbs: ["create"], apiGroups: [""], resources: ["namespaces"] })).toBe(true);
    expect(isTechniqueRelevant({ verbs: ["create"], apiGroups: [""], resources: ["pods/attach"] })).toBe(true);
    expect(isTechniqueRelevant({ verbs: ["get"], apiGroups: [""], resources: ["configmaps"] })).toBe(false);
  });
});
