import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, parseSources, toClusterObjects } from "@/lib/ingest";

const root = path.resolve(import.meta.dirname, "../..");
function load(dir: string) {
  return readdirSync(path.join(root, dir))
    .filter((n) => n.endsWith(".yaml"))
    .sort()
    .map((n) => ({ path: `${dir}/${n}`, content: readFileSync(path.join(root, dir, n), "utf8") }));
}

const result = parseSources([...load("fixtures/k8s-bootstrap-policy"), ...load("demo")]);
if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
const cluster = toClusterObjects(result.objects);
const find = <T extends { metadata: { name: string; namespace?: string } }>(list: readonly T[], ns: string | undefined, name: string): T | undefined =>
  list.find((o) => o.metadata.name === name && o.metadata.namespace === ns);

describe("the bundled demo cluster", () => {
  it("ingests with the bootstrap policy, without warnings, listing skipped kinds", () => {
    expect(result.summary.warnings).toEqual([]);
    expect(result.summary.skipped.map((s) => s.kind)).toEqual(["ConfigMap", "Service"]);
    expect(cluster.nodes.map((n) => n.metadata.name)).toEqual(["control-plane-1", "worker-1", "worker-2"]);
    expect(find(cluster.nodes, undefined, "control-plane-1")?.metadata.labels).toHaveProperty(["node-role.kubernetes.io/control-plane"]);
  });

  it("has a default ServiceAccount with a binding and pods running as it", () => {
    expect(find(cluster.roleBindings, "checkout", "default-edit")?.subjects).toEqual([{ kind: "ServiceAccount", name: "default", namespace: "checkout" }]);
    const cartPods = cluster.pods.filter((p) => p.metadata.namespace === "checkout" && p.metadata.name.startsWith("cart-"));
    expect(cartPods).toHaveLength(2);
    for (const p of cartPods) expect([p.spec.serviceAccountName, p.spec.automountServiceAccountToken]).toEqual(["default", undefined]);
  });

  it("lets ci/deployer create pods in ops, where a ServiceAccount is cluster-admin", () => {
    expect(find(cluster.roleBindings, "ops", "ci-deployer")).toMatchObject({ roleRef: { kind: "ClusterRole", name: "ci-deployer" }, subjects: [{ kind: "ServiceAccount", name: "deployer", namespace: "ci" }] });
    expect(find(cluster.clusterRoles, undefined, "ci-deployer")?.rules.some((r) => r.resources?.includes("pods") && r.verbs.includes("create"))).toBe(true);
    expect(find(cluster.clusterRoleBindings, undefined, "cluster-janitor")).toMatchObject({ roleRef: { name: "cluster-admin" }, subjects: [{ name: "cluster-janitor", namespace: "ops" }] });
  });

  it("has a wildcard role, an unauthenticated binding, a binding to a missing role and a privileged hostPath pod", () => {
    expect(find(cluster.roles, "data", "etl-admin")?.rules).toEqual([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]);
    expect(find(cluster.roleBindings, "data", "etl-runner-admin")?.subjects).toEqual([{ kind: "ServiceAccount", name: "etl-runner", namespace: "data" }]);
    expect(find(cluster.clusterRoleBindings, undefined, "public-status-page")?.subjects[0]?.name).toBe("system:unauthenticated");
    const auditor = find(cluster.roleBindings, "payments", "payments-auditor");
    expect(auditor?.roleRef).toMatchObject({ kind: "Role", name: "auditor" });
    expect(find(cluster.roles, "payments", "auditor")).toBeUndefined();
    const debug = find(cluster.pods, "platform", "node-debugger-worker-2");
    expect(debug?.spec.nodeName).toBe("worker-2");
    expect(debug?.spec.containers[0]?.securityContext?.privileged).toBe(true);
    expect(debug?.spec.volumes?.[0]?.hostPath?.path).toBe("/");
  });

  it("keeps the cluster-admin RoleBinding trap namespaced", () => {
    expect(find(cluster.roleBindings, "data", "dana-cluster-admin")?.roleRef.name).toBe("cluster-admin");
    expect(cluster.clusterRoleBindings.some((b) => b.subjects.some((s) => s.name === "dana@example.com"))).toBe(false);
  });

  it("keeps Secrets' key names and drops their values", () => {
    expect(find(cluster.secrets, "ci", "deployer-token")).toMatchObject({ type: "kubernetes.io/service-account-token" });
    expect(find(cluster.secrets, "payments", "stripe-api-key")?.dataKeys).toEqual(["api-key"]);
    expect(find(cluster.secrets, "monitoring", "grafana-admin")?.dataKeys).toEqual(["password"]);
    const json = JSON.stringify(result);
    expect(json).not.toContain("c2tfbGl2ZV9kZW1vX25vdF9hX3JlYWxfa2V5XzQyNDI=");
    expect(json).not.toContain("demo-grafana-admin-pw-0f3c");
  });
});
