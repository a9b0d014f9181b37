import { describe, expect, it } from "vitest";
import { normalizeObject, type ParsedObject } from "@/lib/ingest";

const origin = { file: "t.yaml", documentIndex: 1 };

function value(raw: unknown): ParsedObject {
  const r = normalizeObject(raw, origin);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  if ("skipped" in r) throw new Error(`skipped ${r.skipped}`);
  return r.value;
}
function issues(raw: unknown) {
  const r = normalizeObject(raw, origin);
  if (r.ok) throw new Error("expected issues");
  return r.issues.map((i) => ({ code: i.code, path: i.path }));
}

const rb = (extra: Record<string, unknown>) => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "RoleBinding",
  metadata: { name: "b", namespace: "dev" },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
  ...extra,
});
const crb = (extra: Record<string, unknown>) => ({ ...rb(extra), kind: "ClusterRoleBinding", metadata: { name: "b" } });

describe("normalizeObject follows the API server's decoding of RBAC objects", () => {
  it.each<[string, unknown, unknown]>([
    ["rules: null is no rules", { kind: "ClusterRole", metadata: { name: "admin" }, rules: null }, []],
    ["missing rules is no rules", { kind: "Role", metadata: { name: "r", namespace: "a" } }, []],
    [
      "null optional rule fields are absent, empty lists are kept",
      { kind: "Role", metadata: { name: "r", namespace: "a" }, rules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: null, nonResourceURLs: [] }] },
      [{ verbs: ["get"], apiGroups: [""], resources: ["pods"], nonResourceURLs: [] }],
    ],
  ])("%s", (_name, raw, rules) => {
    const v = value(raw);
    expect(v.kind === "Role" || v.kind === "ClusterRole" ? v.object.rules : undefined).toEqual(rules);
  });

  it("keeps a ClusterRole's aggregation rule and selectors", () => {
    const v = value({
      kind: "ClusterRole",
      metadata: { name: "monitoring" },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "example.com/aggregate-to-monitoring": "true" } }, { matchExpressions: [{ key: "tier", operator: "In", values: ["a"] }] }] },
      rules: null,
    });
    expect(v.kind === "ClusterRole" && v.object.aggregationRule).toEqual({
      clusterRoleSelectors: [{ matchLabels: { "example.com/aggregate-to-monitoring": "true" } }, { matchExpressions: [{ key: "tier", operator: "In", values: ["a"] }] }],
    });
  });

  it("resolves a RoleBinding's ServiceAccount subject without namespace in the binding's namespace", () => {
    const v = value(rb({ subjects: [{ kind: "ServiceAccount", name: "ci" }, { kind: "ServiceAccount", name: "x", namespace: "other" }, { kind: "User", name: "alice" }] }));
    expect(v.kind === "RoleBinding" && v.object.subjects).toEqual([
      { kind: "ServiceAccount", name: "ci", namespace: "dev" },
      { kind: "ServiceAccount", name: "x", namespace: "other" },
      { kind: "User", name: "alice" },
    ]);
  });

  it("keeps a RoleBinding's reference to a ClusterRole as a ClusterRole", () => {
    const v = value(rb({ subjects: null }));
    expect(v.kind === "RoleBinding" && v.object).toMatchObject({ subjects: [], roleRef: { kind: "ClusterRole", name: "edit" }, metadata: { namespace: "dev" } });
  });

  it("defaults roleRef.apiGroup like the v1 defaulter", () => {
    const v = value(rb({ roleRef: { kind: "Role", name: "r" } }));
    expect(v.kind === "RoleBinding" && v.object.roleRef).toEqual({ kind: "Role", name: "r", apiGroup: "rbac.authorization.k8s.io" });
  });

  it("drops metadata.namespace of cluster-scoped objects, with a warning", () => {
    const r = normalizeObject({ ...crb({}), metadata: { name: "b", namespace: "dev" } }, origin);
    expect(r.ok && "value" in r && r.value.object.metadata).toEqual({ name: "b" });
    expect(r.ok && "value" in r && r.warnings).toEqual([expect.stringContaining("cluster-scoped")]);
  });

  it.each<[string, unknown, { code: string; path?: string }[]]>([
    ["a binding without roleRef", { ...rb({}), roleRef: undefined }, [{ code: "MISSING_FIELD", path: "roleRef" }]],
    ["a subject kind that is not a string", rb({ subjects: [{ kind: 5, name: "x" }] }), [{ code: "WRONG_TYPE", path: "subjects[0].kind" }]],
    ["a subject without name", rb({ subjects: [{ kind: "User" }] }), [{ code: "MISSING_FIELD", path: "subjects[0].name" }]],
    ["a bad selector operator", { kind: "ClusterRole", metadata: { name: "c" }, aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: "k", operator: "in" }] }] } }, [{ code: "INVALID_VALUE", path: "aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator" }]],
    ["a non-string label value", { kind: "Namespace", metadata: { name: "n", labels: { a: true } } }, [{ code: "WRONG_TYPE", path: "metadata.labels.a" }]],
    ["a string where a boolean belongs", { kind: "Pod", metadata: { name: "p", namespace: "a" }, spec: { containers: [{ name: "c", securityContext: { privileged: "true" } }] } }, [{ code: "WRONG_TYPE", path: "spec.containers[0].securityContext.privileged" }]],
    ["containers that are not a list", { kind: "Pod", metadata: { name: "p", namespace: "a" }, spec: { containers: "nginx" } }, [{ code: "WRONG_TYPE", path: "spec.containers" }]],
  ])("rejects %s", (_name, raw, expected) => {
    expect(issues(raw)).toEqual(expected);
  });

  it.each<[string, unknown, Record<string, unknown>]>([
    ["a pod without spec: the default ServiceAccount, no containers", { kind: "Pod", metadata: { name: "p", namespace: "a" } }, { spec: { containers: [] } }],
    ["a pod without containers", { kind: "Pod", metadata: { name: "p", namespace: "a" }, spec: { serviceAccountName: "x", nodeName: "n1" } }, { spec: { containers: [], serviceAccountName: "x", nodeName: "n1" } }],
    ["a CronJob without a job template", { kind: "CronJob", apiVersion: "batch/v1", metadata: { name: "c", namespace: "a" }, spec: { schedule: "* * * * *" } }, { template: { spec: { containers: [] } } }],
    ["a Deployment whose template has no containers", { kind: "Deployment", apiVersion: "apps/v1", metadata: { name: "d", namespace: "a" }, spec: { template: { spec: { serviceAccountName: "x" } } } }, { template: { spec: { containers: [], serviceAccountName: "x" } } }],
  ])("reads a minimal manifest: %s", (_name, raw, object) => {
    const r = normalizeObject(raw, origin);
    expect(r.ok && "value" in r && r.value.object).toMatchObject(object);
  });

  it.each<[string, unknown, Record<string, unknown>, string]>([
    ["a ClusterRoleBinding to a Role", crb({ roleRef: { kind: "Role", name: "r" } }), { roleRef: { kind: "Role", name: "r" } }, "grants nothing"],
    [
      "a ClusterRoleBinding ServiceAccount subject without namespace",
      crb({ subjects: [{ kind: "ServiceAccount", name: "x" }] }),
      { subjects: [{ kind: "ServiceAccount", name: "x" }] },
      "matches nobody",
    ],
    [
      "a subject of lower-case kind (Kubernetes' appliesToUser compares kinds exactly)",
      rb({ subjects: [{ kind: "user", name: "alice" }, { kind: "Group", name: "g" }] }),
      { subjects: [{ kind: "Group", name: "g" }] },
      'subjects[0] has kind "user"',
    ],
    ["a subject without a kind", rb({ subjects: [{ name: "alice" }] }), { subjects: [] }, "subjects[0] has no kind"],
  ])("keeps %s (the authorizer evaluates it as granting nothing), with a warning", (_name, raw, object, warning) => {
    const r = normalizeObject(raw, origin);
    expect(r.ok && "value" in r && r.value.object).toMatchObject(object);
    expect(r.ok && "value" in r && r.warnings).toEqual([expect.stringContaining(warning)]);
  });

  it("skips unknown kinds and kept kind names from other API groups", () => {
    expect(normalizeObject({ kind: "ConfigMap", metadata: { name: "c" } }, origin)).toEqual({ ok: true, skipped: "ConfigMap" });
    expect(normalizeObject({ apiVersion: "example.com/v1", kind: "Pod", metadata: { name: "c" } }, origin)).toEqual({ ok: true, skipped: "Pod (example.com/v1)" });
  });

  it("accepts Date timestamps from a live client", () => {
    const v = value({ kind: "Namespace", metadata: { name: "n", creationTimestamp: new Date("2024-01-02T03:04:05Z") } });
    expect(v.object.metadata.creationTimestamp).toBe("2024-01-02T03:04:05.000Z");
  });
});

describe("normalizeObject reduces pods and workloads to what the analysis reads", () => {
  const podSpec = {
    serviceAccountName: "ci",
    automountServiceAccountToken: true,
    nodeName: "worker-1",
    hostPID: true,
    containers: [
      {
        name: "app",
        image: "nginx",
        env: [{ name: "PLAIN", value: "not-kept" }, { name: "PW", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }],
        envFrom: [{ secretRef: { name: "all" } }, { configMapRef: { name: "cm" } }],
        securityContext: { privileged: true, capabilities: { add: ["SYS_ADMIN"] } },
        volumeMounts: [{ name: "root", mountPath: "/host" }],
        ports: [{ containerPort: 80, hostPort: 8080 }],
      },
    ],
    volumes: [
      { name: "root", hostPath: { path: "/", type: "Directory" } },
      { name: "tok", projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 3607 } }, { configMap: { name: "kube-root-ca.crt" } }] } },
    ],
  };

  it("keeps a pod's security-relevant spec, phase and controlling owner", () => {
    const v = value({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "ci", ownerReferences: [{ kind: "Node", name: "x" }, { kind: "ReplicaSet", name: "web-5d9", controller: true }] },
      spec: podSpec,
      status: { phase: "Running", podIP: "10.0.0.1" },
    });
    expect(v.object).toEqual({
      kind: "Pod",
      metadata: { name: "p", namespace: "ci" },
      spec: {
        serviceAccountName: "ci",
        automountServiceAccountToken: true,
        nodeName: "worker-1",
        hostPID: true,
        containers: [
          {
            name: "app",
            image: "nginx",
            env: [{ name: "PLAIN" }, { name: "PW", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }],
            envFrom: [{ secretRef: { name: "all" } }, {}],
            securityContext: { privileged: true, capabilities: { add: ["SYS_ADMIN"] } },
            volumeMounts: [{ name: "root", mountPath: "/host" }],
            ports: [{ containerPort: 80, hostPort: 8080 }],
          },
        ],
        volumes: [
          { name: "root", hostPath: { path: "/", type: "Directory" } },
          { name: "tok", projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 3607 } }, {}] } },
        ],
      },
      status: { phase: "Running" },
      owner: { kind: "ReplicaSet", name: "web-5d9" },
    });
  });

  it.each<[string, Record<string, unknown>, number | undefined]>([
    ["Deployment", { replicas: 3, template: { metadata: { labels: { app: "w" } }, spec: podSpec } }, 3],
    ["DaemonSet", { template: { spec: podSpec } }, undefined],
    ["CronJob", { jobTemplate: { spec: { template: { spec: podSpec } } } }, undefined],
  ])("takes the pod template of a %s", (kind, spec, replicas) => {
    const v = value({ kind, metadata: { name: "w", namespace: "a" }, spec });
    if (v.kind === "Pod" || !("template" in v.object)) throw new Error("not a workload");
    expect(v.object.template.spec.serviceAccountName).toBe("ci");
    expect(v.object.template.spec.volumes?.[0]?.hostPath?.path).toBe("/");
    expect(v.object.replicas).toBe(replicas);
  });
});
