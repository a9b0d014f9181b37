/**
 * §3.16 WEBHOOK_CONFIG_WRITE with update/patch: an existing configuration must be writable (and named by
 * resourceNames, if any); a snapshot holding no configuration of that kind most likely left the kind
 * out, so an unrestricted update/patch rule counts.
 */
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { analyzeCluster, findPaths, formatVertexRef, parseVertexRef, type VertexRef } from "@/lib/analysis";
import { clusterFromDocs } from "./test-support";

const ref = (s: string): VertexRef => {
  const p = parseVertexRef(s);
  if (!p.success) throw new Error(p.error);
  return p.data;
};

function cluster(rule: string, withConfig: boolean): string {
  return `
apiVersion: v1
kind: ServiceAccount
metadata: { name: attacker, namespace: a }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: app, namespace: b }
---
apiVersion: v1
kind: Pod
metadata: { name: app-1, namespace: b }
spec: { serviceAccountName: app, containers: [{ name: c, image: x }] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: webhook-writer }
rules: [${rule}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: attacker-webhooks }
subjects: [{ kind: ServiceAccount, name: attacker, namespace: a }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: webhook-writer }
${
  withConfig
    ? `---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: { name: existing-hook }
webhooks: []`
    : ""
}`;
}

function hops(yamlText: string): string[] {
  const docs = parseAllDocuments(yamlText).map((d) => d.toJS() as Record<string, unknown>);
  const analysis = analyzeCluster(clusterFromDocs(docs));
  return (findPaths(analysis, ref("ServiceAccount/a/attacker"), ref("ServiceAccount/b/app"))[0]?.hops ?? []).map(
    (h) => `${h.technique} ${h.via} -> ${formatVertexRef(h.reaches)}`,
  );
}

const PATCH = `{ apiGroups: ["admissionregistration.k8s.io"], resources: ["mutatingwebhookconfigurations"], verbs: ["patch"] }`;
const PATCH_NAMED = (name: string) =>
  `{ apiGroups: ["admissionregistration.k8s.io"], resources: ["mutatingwebhookconfigurations"], verbs: ["patch"], resourceNames: ["${name}"] }`;
const EXPECTED = ["WEBHOOK_CONFIG_WRITE ClusterRoleBinding/attacker-webhooks -> ServiceAccount/b/app"];

describe("WEBHOOK_CONFIG_WRITE through update/patch", () => {
  it.each([
    ["unrestricted patch, an existing configuration", PATCH, true, EXPECTED],
    ["unrestricted patch, no configuration in the snapshot (the kind was not dumped)", PATCH, false, EXPECTED],
    ["patch restricted to the existing configuration", PATCH_NAMED("existing-hook"), true, EXPECTED],
    ["patch restricted to a configuration that does not exist", PATCH_NAMED("other-hook"), true, []],
    ["patch restricted to a name, no configuration in the snapshot", PATCH_NAMED("other-hook"), false, []],
  ])("%s", (_name, rule, withConfig, expected) => {
    expect(hops(cluster(rule, withConfig))).toEqual(expected);
  });
});
