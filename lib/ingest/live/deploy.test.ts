import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { LIVE_RESOURCES } from "./resources";

const FILE = path.resolve(import.meta.dirname, "../../../deploy/rbac-atlas-reader.yaml");
interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}
interface Doc {
  kind: string;
  metadata: { name: string };
  rules?: Rule[];
  roleRef?: { name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
}
const docs = parseAllDocuments(fs.readFileSync(FILE, "utf8")).map((d) => d.toJS() as Doc);
const find = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);

/** group/resource pairs a role's rules grant with exactly the given verbs. */
function granted(rules: readonly Rule[]): string[] {
  return rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.map((res) => `${g}/${res}`))).sort();
}

describe("deploy/rbac-atlas-reader.yaml", () => {
  it("the bound reader role grants get/list on exactly the kinds the collector lists, Secrets excepted", () => {
    const role = find("ClusterRole", "rbac-atlas-reader");
    const rules = role?.rules ?? [];
    expect(granted(rules)).toEqual(LIVE_RESOURCES.filter((r) => r.resource !== "secrets").map((r) => `${r.group}/${r.resource}`).sort());
    for (const rule of rules) {
      expect(rule.verbs).toEqual(["get", "list"]);
      expect(rule.resourceNames).toBeUndefined();
      expect([...rule.apiGroups, ...rule.resources]).not.toContain("*");
    }
    expect(find("ClusterRoleBinding", "rbac-atlas-reader")).toMatchObject({
      roleRef: { name: "rbac-atlas-reader" },
      subjects: [{ kind: "ServiceAccount", name: "rbac-atlas-reader", namespace: "rbac-atlas" }],
    });
  });

  it("reading Secrets is a separate role that nothing in the file binds", () => {
    expect(granted(find("ClusterRole", "rbac-atlas-secrets-reader")?.rules ?? [])).toEqual(["/secrets"]);
    const bindings = docs.filter((d) => d.kind === "ClusterRoleBinding" || d.kind === "RoleBinding");
    expect(bindings.map((b) => b.roleRef?.name)).toEqual(["rbac-atlas-reader"]);
    expect(fs.readFileSync(FILE, "utf8")).toMatch(/metadata-only/);
  });
});
