import { describe, expect, it } from "vitest";
import { formatIssue, parseSources, toClusterObjects, type IngestIssue, type ParseResult } from "@/lib/ingest";

function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`expected success, got:\n${result.issues.map(formatIssue).join("\n")}`);
  return result;
}
function issuesOf(result: ParseResult): readonly IngestIssue[] {
  if (result.ok) throw new Error("expected issues, got success");
  return result.issues;
}
const one = (content: string, path = "in.yaml") => parseSources([{ path, content }]);

const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: dev}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list]
`;

describe("parseSources accepts what kubectl and people produce", () => {
  it.each([
    ["a single YAML object", role, { Role: 1 }],
    ["multi-document YAML with empty documents", `---\n${role}---\n---\n# only a comment\n---\nkind: Namespace\napiVersion: v1\nmetadata: {name: dev}\n`, { Role: 1, Namespace: 1 }],
    [
      "kind: List with items",
      `apiVersion: v1\nkind: List\nmetadata: {}\nitems:\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata: {name: a, namespace: dev}\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: dev}\n`,
      { ServiceAccount: 1, Namespace: 1 },
    ],
    [
      "a typed List whose items carry no kind",
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleList\nitems:\n- metadata: {name: a}\n  rules: null\n- metadata: {name: b}\n`,
      { ClusterRole: 2 },
    ],
    ["a List with items: null", `apiVersion: v1\nkind: List\nitems: null\n`, {}],
    ["a top-level YAML sequence of objects", `- kind: Namespace\n  metadata: {name: a}\n- kind: Namespace\n  metadata: {name: b}\n`, { Namespace: 2 }],
  ])("%s", (_name, content, expected) => {
    const r = ok(one(content));
    for (const [kind, n] of Object.entries(expected)) expect(r.summary.counts[kind]).toBe(n);
    expect(r.objects).toHaveLength(Object.values(expected).reduce((a, b) => a + b, 0));
  });

  it("gives items of a typed List their kind back in the manifest", () => {
    const r = ok(one(`apiVersion: v1\nkind: NodeList\nitems:\n- metadata: {name: n1}\n`));
    expect(r.objects[0]?.manifest).toEqual({ kind: "Node", metadata: { name: "n1" } });
  });

  it("parses JSON with JSON.parse, including a concatenated stream of values", () => {
    const a = { apiVersion: "v1", kind: "Namespace", metadata: { name: "a" } };
    const list = { apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "b" } }] };
    const r = ok(one(`${JSON.stringify(a, null, 2)}\n${JSON.stringify(list)}\n`, "dump.json"));
    expect(r.objects.map((o) => [o.object.metadata.name, o.origin.documentIndex, o.origin.itemIndex])).toEqual([
      ["a", 1, undefined],
      ["b", 2, 0],
    ]);
  });

  it("parses a top-level JSON array like a List's items", () => {
    const r = ok(one(JSON.stringify([{ kind: "Namespace", metadata: { name: "a" } }, { kind: "Node", metadata: { name: "n1" } }]), "x.json"));
    expect(r.objects.map((o) => [o.kind, o.origin.itemIndex])).toEqual([
      ["Namespace", 0],
      ["Node", 1],
    ]);
  });

  it("reads flow-style YAML that starts with a brace", () => {
    const r = ok(one(`{kind: Namespace, metadata: {name: a}}\n---\nkind: Namespace\nmetadata: {name: b}\n`));
    expect(r.objects.map((o) => o.object.metadata.name)).toEqual(["a", "b"]);
  });

  it("resolves YAML merge keys like kubectl does", () => {
    const r = ok(one(`kind: Role\nmetadata: {name: r, namespace: dev}\nrules:\n- &base {apiGroups: [""], resources: [pods], verbs: [get]}\n- <<: *base\n  verbs: [list]\n`));
    const obj = r.objects[0];
    expect(obj?.kind === "Role" && obj.object.rules[1]).toEqual({ apiGroups: [""], resources: ["pods"], verbs: ["list"] });
  });

  it("strips a UTF-8 byte-order mark", () => {
    ok(one(`\uFEFF${role}`));
  });

  it("counts unknown kinds as skipped, not errors, next to valid documents", () => {
    const r = ok(
      one(`${role}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: dev}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: d, namespace: dev}\n---\napiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: x}\n`),
    );
    expect(r.summary.counts.Role).toBe(1);
    expect(r.summary.skipped).toEqual([
      { kind: "ConfigMap", count: 2 },
      { kind: "CronTab", count: 1 },
    ]);
  });

  it("skips a CRD that reuses a kept kind name under another API group", () => {
    const r = ok(one(`apiVersion: example.com/v1\nkind: Role\nmetadata: {name: r, namespace: dev}\nrules: [{verbs: ["*"], apiGroups: ["*"], resources: ["*"]}]\n`));
    expect(r.objects).toHaveLength(0);
    expect(r.summary.skipped).toEqual([{ kind: "Role (example.com/v1)", count: 1 }]);
  });

  it("keeps the last of duplicate objects and warns", () => {
    const r = ok(one(`${role}---\n${role.replace("[get, list]", "[watch]")}`));
    expect(r.objects).toHaveLength(1);
    const obj = r.objects[0];
    expect(obj?.kind === "Role" && obj.object.rules[0]?.verbs).toEqual(["watch"]);
    expect(r.summary.warnings).toEqual([expect.stringMatching(/duplicate Role dev\/reader: in\.yaml document 2 replaces in\.yaml document 1/)]);
  });

  it("puts a namespaced object without a namespace in default, with a warning", () => {
    const r = ok(one(`kind: ServiceAccount\napiVersion: v1\nmetadata: {name: bot}\n`));
    expect(r.objects[0]?.object.metadata.namespace).toBe("default");
    expect(r.summary.warnings).toEqual([expect.stringContaining('ServiceAccount bot has no namespace; using "default"')]);
  });

  it("records size, hash of the input in order, and counts for every kept kind", () => {
    const a = { path: "a.yaml", content: role };
    const b = { path: "b.yaml", content: "kind: Namespace\nmetadata: {name: x}\n" };
    const ab = ok(parseSources([a, b])).summary;
    const ba = ok(parseSources([b, a])).summary;
    expect(ab.bytes).toBe(Buffer.byteLength(role) + Buffer.byteLength(b.content));
    expect(ab.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ab.sha256).not.toBe(ba.sha256);
    expect(ab.counts.Pod).toBe(0);
    expect(Object.keys(ab.counts)).toHaveLength(19);
  });

  it("groups objects by kind for the engine", () => {
    const r = ok(one(`${role}---\nkind: Deployment\napiVersion: apps/v1\nmetadata: {name: d, namespace: dev}\nspec:\n  template:\n    spec:\n      containers: [{name: c}]\n`));
    const cluster = toClusterObjects(r.objects);
    expect(cluster.roles.map((x) => x.metadata.name)).toEqual(["reader"]);
    expect(cluster.workloads.map((x) => x.kind)).toEqual(["Deployment"]);
    expect(cluster.pods).toEqual([]);
  });
});

describe("parseSources rejects bad input, naming file, document, object and field", () => {
  it.each<[string, string, Partial<IngestIssue>]>([
    ["malformed YAML", `kind: Role\nmetadata: {name: r\n`, { code: "YAML_SYNTAX", file: "in.yaml", documentIndex: 1 }],
    ["a document that is not a Kubernetes object", `${role}---\nfoo: bar\n`, { code: "NOT_AN_OBJECT", documentIndex: 2 }],
    ["a scalar document", `just a string\n`, { code: "NOT_AN_OBJECT", documentIndex: 1 }],
    ["an object without metadata.name", `kind: Role\nmetadata: {namespace: dev}\n`, { code: "NOT_AN_OBJECT", objectRef: "Role dev/(no name)" }],
    [
      "rules given as a string",
      `kind: ClusterRole\nmetadata: {name: edit}\nrules: "get pods"\n`,
      { code: "WRONG_TYPE", objectRef: "ClusterRole edit", path: "rules", message: "expected a list, got a string" },
    ],
    [
      "verbs given as a string",
      role.replace("verbs: [get, list]", "verbs: get"),
      { code: "WRONG_TYPE", objectRef: "Role dev/reader", path: "rules[0].verbs", message: "expected a list of strings, got a string" },
    ],
    ["a rule without verbs", role.replace("  verbs: [get, list]\n", ""), { code: "MISSING_FIELD", path: "rules[0].verbs" }],
    ["an empty file", "", { code: "EMPTY_INPUT", file: "in.yaml" }],
    ["a file of only comments and separators", "# nothing\n---\n---\n", { code: "EMPTY_INPUT" }],
    ["an item of a List that is not an object", `kind: List\nitems:\n- 42\n`, { code: "NOT_AN_OBJECT", documentIndex: 1, itemIndex: 0 }],
    ["a List whose items is not a list", `kind: List\nitems: {a: 1}\n`, { code: "WRONG_TYPE", path: "items" }],
  ])("%s", (_name, content, expected) => {
    const issues = issuesOf(one(content));
    expect(issues[0]).toMatchObject(expected);
  });

  it("formats an issue for humans", () => {
    const issues = issuesOf(
      one(`apiVersion: v1\nkind: List\nitems:\n- kind: Namespace\n  metadata: {name: ok}\n- kind: ClusterRole\n  metadata: {name: edit}\n  rules: [{verbs: get}]\n`, "demo.yaml"),
    );
    expect(issues.map(formatIssue)).toEqual(["demo.yaml, document 1, items[1] (ClusterRole edit): rules[0].verbs: expected a list of strings, got a string"]);
  });

  it("fails the whole input when one document fails, collecting every issue", () => {
    const r = parseSources([
      { path: "good.yaml", content: role },
      { path: "bad.yaml", content: `kind: Role\nmetadata: {name: a, namespace: x}\nrules: 1\n---\nkind: Role\nmetadata: {name: b, namespace: x}\nrules: [{verbs: [1]}]\n` },
    ]);
    expect(issuesOf(r).map((i) => [i.file, i.documentIndex, i.path])).toEqual([
      ["bad.yaml", 1, "rules"],
      ["bad.yaml", 2, "rules[0].verbs[0]"],
    ]);
  });

  it("stops after 50 issues", () => {
    const doc = `kind: Role\nmetadata: {name: a, namespace: x}\nrules: 1\n`;
    const issues = issuesOf(one(Array.from({ length: 80 }, () => doc).join("---\n")));
    expect(issues).toHaveLength(51);
    expect(issues.at(-1)?.code).toBe("TOO_MANY_ISSUES");
  });

  it("refuses a YAML alias bomb", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
      "kind: ConfigMap",
      "metadata: {name: lol}",
    ].join("\n");
    expect(issuesOf(one(bomb))[0]).toMatchObject({ code: "ALIAS_LIMIT", file: "in.yaml", documentIndex: 1 });
  });

  it("refuses input over the size limit before parsing", () => {
    const issues = issuesOf(parseSources([{ path: "a.yaml", content: role }, { path: "big.yaml", content: "not: [valid" }], { maxBytes: role.length + 5 }));
    expect(issues).toEqual([expect.objectContaining({ code: "TOO_LARGE", file: "big.yaml" })]);
  });

  it("refuses an empty list of files", () => {
    expect(issuesOf(parseSources([]))[0]?.code).toBe("EMPTY_INPUT");
  });

  it("reports a broken JSON file with a line and column, without quoting its text", () => {
    const issues = issuesOf(one(`{"kind": "Secret",\n "data": {"k": "hunter2secret"}`, "x.json"));
    expect(issues[0]).toMatchObject({ code: "YAML_SYNTAX", file: "x.json", documentIndex: 1 });
    expect(issues[0]?.message).toMatch(/^line \d+, column \d+: /);
    expect(JSON.stringify(issues)).not.toContain("hunter2secret");
  });
});

describe("a JSON List is read an item at a time, with the same result as a whole parse", () => {
  const items = [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "a", namespace: "ns" } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "ns" }, data: { k: "v" } },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "r", namespace: "ns" }, rules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }] },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "a", namespace: "ns", labels: { second: "yes" } } },
  ];
  const list = { apiVersion: "v1", kind: "List", metadata: { resourceVersion: "" }, items };

  it("keeps, skips and de-duplicates items exactly as a stream of JSON values does", () => {
    const streamed = ok(one(JSON.stringify(list, null, 2), "dump.json"));
    // A concatenation of two values is never read item by item: the reference result.
    const whole = ok(one(`${JSON.stringify(list)}\n${JSON.stringify({ apiVersion: "v1", kind: "List", items: [] })}`, "dump.json"));
    expect(streamed.objects).toEqual(whole.objects);
    expect(streamed.summary.counts).toEqual(whole.summary.counts);
    expect(streamed.summary.skipped).toEqual([{ kind: "ConfigMap", count: 1 }]);
    expect(streamed.summary.warnings).toEqual(whole.summary.warnings);
    expect(streamed.summary.warnings).toHaveLength(1);
    expect(streamed.objects.map((o) => [o.kind, o.origin.itemIndex])).toEqual([
      ["ServiceAccount", 3],
      ["Role", 2],
    ]);
  });

  it("gives typed-List items their kind", () => {
    const typed = { apiVersion: "v1", kind: "ServiceAccountList", items: [{ metadata: { name: "x", namespace: "ns" } }] };
    expect(ok(one(JSON.stringify(typed), "sa.json")).objects[0]?.kind).toBe("ServiceAccount");
  });

  it("reports an item that is not JSON the way the whole-file parse does, keeping nothing from the items before it", () => {
    const text = JSON.stringify(list).replace('"rules":[', '"rules":[,');
    const issues = issuesOf(one(text, "broken.json"));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.file === "broken.json")).toBe(true);
  });

  it("refuses a List nested in a List, an item that is not an object, and an empty List like before", () => {
    const nested = { kind: "List", items: [{ kind: "List", items: [] }] };
    expect(issuesOf(one(JSON.stringify(nested), "n.json")).map((i) => i.code)).toEqual(["NOT_AN_OBJECT"]);
    expect(issuesOf(one(JSON.stringify({ kind: "List", items: [1] }), "s.json")).length).toBe(1);
    expect(issuesOf(one(JSON.stringify({ kind: "List", items: [] }), "e.json")).map((i) => i.code)).toEqual(["EMPTY_INPUT"]);
  });
});

describe("warnings of a JSON List read an item at a time", () => {
  it("counts the warnings left out past the cap exactly", () => {
    const items = Array.from({ length: 130 }, () => ({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "same", namespace: "ns" } }));
    const warnings = ok(one(JSON.stringify({ apiVersion: "v1", kind: "List", items }), "dups.json")).summary.warnings;
    expect(warnings).toHaveLength(101);
    expect(warnings[100]).toBe("… and 29 more warnings");
  });
});

describe("a long JSON List", () => {
  it("keeps every item, in order, with its own index, across parse batches", () => {
    const items = Array.from({ length: 2503 }, (_, i) => ({ apiVersion: "v1", kind: i % 2 ? "ServiceAccount" : "ConfigMap", metadata: { name: `o-${i}`, namespace: "ns" } }));
    const parsed = ok(one(JSON.stringify({ apiVersion: "v1", kind: "List", items }, null, 1), "long.json"));
    expect(parsed.objects).toHaveLength(1251);
    expect(parsed.summary.skipped).toEqual([{ kind: "ConfigMap", count: 1252 }]);
    expect(parsed.objects.at(-1)?.origin.itemIndex).toBe(2501);
    expect(parsed.objects.at(-1)?.object.metadata.name).toBe("o-2501");
  });
});
