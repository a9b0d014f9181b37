import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { canI, compilePolicy, describeGrant, identityFor, resourceRequest } from "@/lib/rbac";
import { newClusterRole, newRole, newRoleBinding, newRule } from "@/lib/rbac/testing";
import type { ClusterRole } from "@/lib/rbac/objects";
import { GrantSentence } from "./proof-chain";

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'");

const aggregated: ClusterRole = {
  kind: "ClusterRole",
  metadata: { name: "edit" },
  aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "to-edit": "true" } }] },
  rules: [],
};
const policy = compilePolicy({
  roles: [newRole("dev", "reader", newRule("get", "core", "pods", ""))],
  clusterRoles: [aggregated, { ...newClusterRole("widgets", newRule("create", "example.com", "widgets", "")), metadata: { name: "widgets", labels: { "to-edit": "true" } } }],
  roleBindings: [newRoleBinding("dev", "Role", "reader", "User:alice@example.com"), newRoleBinding("dev", "ClusterRole", "edit", "Group:system:serviceaccounts:dev")],
  clusterRoleBindings: [],
});

describe("a grant rendered as a sentence with links", () => {
  it.each([
    ["a direct User grant", identityFor("alice@example.com"), resourceRequest({ verb: "get", resource: "pods", namespace: "dev" })],
    ["an aggregated rule via a ServiceAccount group", identityFor("system:serviceaccount:dev:ci"), resourceRequest({ verb: "create", apiGroup: "example.com", resource: "widgets", namespace: "dev" })],
  ])("reads exactly like describeGrant for %s, and links binding, role and subject", (_name, identity, request) => {
    const decision = canI(policy, identity, request);
    expect(decision.allowed).toBe(true);
    for (const grant of decision.grants) {
      const html = renderToStaticMarkup(createElement(GrantSentence, { snapshot: 7, grant }));
      // pages and the CLI text both number rules from 1 (people count so); only JSON's ruleIndex is 0-based
      expect(text(html)).toBe(describeGrant(grant));
      expect(html).toContain(`href="/snapshots/7/bindings/RoleBinding/dev/`);
      expect(html).toContain(`href="/snapshots/7/roles/`);
    }
  });

  it("links the source ClusterRole of an aggregated rule and the subject page", () => {
    const decision = canI(policy, identityFor("system:serviceaccount:dev:ci"), resourceRequest({ verb: "create", apiGroup: "example.com", resource: "widgets", namespace: "dev" }));
    const html = renderToStaticMarkup(createElement(GrantSentence, { snapshot: 7, grant: decision.grants[0]! }));
    expect(html).toContain('href="/snapshots/7/roles/ClusterRole/widgets"');
    expect(html).toContain('href="/snapshots/7/subjects/Group/system%3Aserviceaccounts%3Adev"');
    expect(text(html)).toContain("via group system:serviceaccounts:dev");
  });
});
