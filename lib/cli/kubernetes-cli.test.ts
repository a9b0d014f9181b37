/**
 * Kubernetes' own authorizer, rule-resolver, subject-locator and aggregation test cases, ported to
 * YAML objects and driven through the CLI exactly as a user (or a grader) would: `can-i` exit codes
 * 0 yes / 1 no / 2 bad input, `who-can -o json` subjects, `rules -o json`, `check` assertion files.
 * Sources: plugin/pkg/auth/authorizer/rbac/{rbac,subject_locator}_test.go,
 * pkg/registry/rbac/validation/rule_test.go, pkg/controller/clusterroleaggregation/*_test.go,
 * staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation_test.go.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-support";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rbac-atlas-k8s-"));
let fileCount = 0;
function write(text: string, ext = "yaml"): string {
  const file = path.join(dir, `f${fileCount++}.${ext}`);
  fs.writeFileSync(file, text);
  return file;
}

const RBAC = "apiVersion: rbac.authorization.k8s.io/v1";

/**
 * Each file stored once as a snapshot of its own database: every can-i and who-can below is also
 * asked of the stored snapshot (the indexed partial reads of lib/store/rbac-subset.ts), which must
 * answer exactly as the file does.
 */
const stored = new Map<string, string>();
async function storedDatabase(file: string): Promise<string> {
  let db = stored.get(file);
  if (db === undefined) {
    db = path.join(dir, `${path.basename(file)}.db`);
    const r = await runCli(["ingest", file, "--db", db, "-o", "json"]);
    expect(r.code, r.stderr).toBe(0);
    stored.set(file, db);
  }
  return db;
}

/** exit code of `can-i ARGS -f FILE`, after checking the stored snapshot gives the same JSON and code */
async function canI(file: string, args: string): Promise<number> {
  const r = await runCli(["can-i", ...splitArgs(args), "-f", file, "-o", "json"]);
  if (r.code === 2) throw new Error(`can-i ${args}: exit 2: ${r.stderr}`);
  const fromStore = await runCli(["can-i", ...splitArgs(args), "--db", await storedDatabase(file), "-o", "json"]);
  expect({ code: fromStore.code, json: fromStore.stdout }, `stored can-i ${args}`).toEqual({ code: r.code, json: r.stdout });
  return r.code;
}

/** Whitespace-separated, with '' for an empty argument. */
function splitArgs(args: string): string[] {
  return args
    .trim()
    .split(/\s+/)
    .map((a) => (a === "''" ? "" : a));
}

type Expect = "yes" | "no";
async function expectAnswers(file: string, cases: readonly (readonly [string, Expect])[]) {
  const got: [string, Expect][] = [];
  for (const [args] of cases) got.push([args, (await canI(file, args)) === 0 ? "yes" : "no"]);
  expect(got).toEqual(cases.map(([a, e]) => [a, e]));
}

async function whoCanNames(file: string, args: string): Promise<string[]> {
  const r = await runCli(["who-can", ...splitArgs(args), "-f", file, "-o", "json"]);
  expect(r.code, r.stderr).toBe(0);
  const fromStore = await runCli(["who-can", ...splitArgs(args), "--db", await storedDatabase(file), "-o", "json"]);
  expect({ code: fromStore.code, json: fromStore.stdout }, `stored who-can ${args}`).toEqual({ code: r.code, json: r.stdout });
  const json = JSON.parse(r.stdout) as { subjects: { kind: string; name: string; namespace?: string }[] };
  return json.subjects.map((s) => `${s.kind}:${s.namespace ? `${s.namespace}/` : ""}${s.name}`).sort();
}

// --- plugin/pkg/auth/authorizer/rbac/rbac_test.go TestAuthorizer -------------------------------
// newRule(verbs, apiGroups, resources, nonResourceURLs) splits each on ",", so "" becomes [""].

const WILDCARD_ADMIN_IN_NS1 = `
${RBAC}
kind: ClusterRole
metadata: {name: admin}
rules:
- {verbs: ["*"], apiGroups: ["*"], resources: ["*"], nonResourceURLs: ["*"]}
---
${RBAC}
kind: RoleBinding
metadata: {name: admin, namespace: ns1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects:
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: admin}
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: admins}
`;

const NON_RESOURCE = `
${RBAC}
kind: ClusterRole
metadata: {name: non-resource-url-getter}
rules: [{verbs: [get], apiGroups: [""], resources: [""], nonResourceURLs: [/apis]}]
---
${RBAC}
kind: ClusterRole
metadata: {name: non-resource-url}
rules: [{verbs: ["*"], apiGroups: [""], resources: [""], nonResourceURLs: [/apis]}]
---
${RBAC}
kind: ClusterRole
metadata: {name: non-resource-url-prefix}
rules: [{verbs: [get], apiGroups: [""], resources: [""], nonResourceURLs: ["/apis/*"]}]
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: getter}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: non-resource-url-getter}
subjects: [{kind: User, name: foo}, {kind: Group, name: bar}]
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: all}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: non-resource-url}
subjects: [{kind: User, name: admin}, {kind: Group, name: admin}]
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: prefix}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: non-resource-url-prefix}
subjects: [{kind: User, name: prefixed}, {kind: Group, name: prefixed}]
`;

const subresourceFixture = (resources: string) => `
${RBAC}
kind: ClusterRole
metadata: {name: admin}
rules: [{verbs: ["*"], apiGroups: ["*"], resources: [${resources}], nonResourceURLs: ["*"]}]
---
${RBAC}
kind: RoleBinding
metadata: {name: admin, namespace: ns1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: admin}, {kind: Group, name: admins}]
`;

describe("TestAuthorizer through can-i (exact groups, as the authorizer sees them)", () => {
  it("a RoleBinding to a wildcard ClusterRole allows anything in its namespace only", async () => {
    await expectAnswers(write(WILDCARD_ADMIN_IN_NS1), [
      ["get Pods -n ns1 --as admin --exact-groups", "yes"],
      ["watch Pods -n ns1 --as admin --exact-groups", "yes"],
      ["watch Foobar -n ns1 --as admin --as-group group1 --exact-groups", "yes"],
      ["watch Foobar -n ns1 --as joe --as-group admins --exact-groups", "yes"],
      ["watch Foobar -n ns1 --as joe --as-group group1 --as-group admins --exact-groups", "yes"],
      ["GET Pods -n ns2 --as admin --exact-groups", "no"],
      ["GET Nodes --as admin --exact-groups", "no"],
      ["GET Pods -n ns2 --as admin --as-group admins --exact-groups", "no"],
      ["GET Nodes --as admin --as-group admins --exact-groups", "no"],
      // the RoleBinding's nonResourceURLs: ["*"] never applies: non-resource requests have no namespace
      ["get /healthz -n ns1 --as admin --exact-groups", "no"],
    ]);
  });

  it("non-resource URLs: exact, and prefix only with a trailing *", async () => {
    await expectAnswers(write(NON_RESOURCE), [
      ["get /apis --as foo --exact-groups", "yes"],
      ["get /apis --as someone --as-group bar --exact-groups", "yes"],
      ["get /apis --as admin --exact-groups", "yes"],
      ["get /apis --as someone --as-group admin --exact-groups", "yes"],
      ["watch /apis --as admin --exact-groups", "yes"],
      ["watch /apis --as someone --as-group admin --exact-groups", "yes"],
      ["get /apis/v1 --as prefixed --exact-groups", "yes"],
      ["get /apis/v1 --as someone --as-group prefixed --exact-groups", "yes"],
      ["get /apis/v1/foobar --as prefixed --exact-groups", "yes"],
      ["get /apis/v1/foorbar --as someone --as-group prefixed --exact-groups", "yes"],
      ["watch /apis --as foo --exact-groups", "no"],
      ["watch /apis --as someone --as-group bar --exact-groups", "no"],
      ["get /api/v1 --as foo --exact-groups", "no"],
      ["get /api/v1 --as someone --as-group bar --exact-groups", "no"],
      ["get /api/v1 --as admin --exact-groups", "no"],
      ["get /api/v1 --as someone --as-group admin --exact-groups", "no"],
      ["get /api/v1 --as prefixed --exact-groups", "no"],
      ["get /api/v1 --as someone --as-group prefixed --exact-groups", "no"],
      // "/apis/*" does not cover "/apis" itself, but does cover "/apis/"
      ["get /apis --as prefixed --exact-groups", "no"],
      ["get /apis/ --as prefixed --exact-groups", "yes"],
    ]);
  });

  it("resources: [pods] does not cover pods/status; pods/status does not cover pods", async () => {
    await expectAnswers(write(subresourceFixture("pods")), [
      ["get pods -n ns1 --as admin --exact-groups", "yes"],
      ["get pods --subresource status -n ns1 --as admin --exact-groups", "no"],
    ]);
    await expectAnswers(write(subresourceFixture("pods/status")), [
      ["get pods --subresource status -n ns1 --as admin --exact-groups", "yes"],
      ["get pods -n ns1 --as admin --exact-groups", "no"],
    ]);
  });
});

// --- TestRuleMatches through `check` (the assertion file states group/resource/subresource exactly)

interface RuleCase {
  readonly name: string;
  readonly rule: string;
  /** [verb, apiGroup, resource, subresource | nonResourceURL, expect] */
  readonly requests: readonly (readonly [string, string, string, string, boolean])[];
}

const RULE_CASES: readonly RuleCase[] = [
  {
    name: "star verb, exact match other",
    rule: `{verbs: ["*"], apiGroups: [group1], resources: [resource1]}`,
    requests: [
      ["verb1", "group1", "resource1", "", true],
      ["verb1", "group2", "resource1", "", false],
      ["verb1", "group1", "resource2", "", false],
      ["verb1", "group2", "resource2", "", false],
      ["verb2", "group1", "resource1", "", true],
      ["verb2", "group2", "resource1", "", false],
      ["verb2", "group1", "resource2", "", false],
      ["verb2", "group2", "resource2", "", false],
    ],
  },
  {
    name: "star group, exact match other",
    rule: `{verbs: [verb1], apiGroups: ["*"], resources: [resource1]}`,
    requests: [
      ["verb1", "group1", "resource1", "", true],
      ["verb1", "group2", "resource1", "", true],
      ["verb1", "group1", "resource2", "", false],
      ["verb1", "group2", "resource2", "", false],
      ["verb2", "group1", "resource1", "", false],
      ["verb2", "group2", "resource1", "", false],
      ["verb1", "", "resource1", "", true],
    ],
  },
  {
    name: "star resource, exact match other",
    rule: `{verbs: [verb1], apiGroups: [group1], resources: ["*"]}`,
    requests: [
      ["verb1", "group1", "resource1", "", true],
      ["verb1", "group2", "resource1", "", false],
      ["verb1", "group1", "resource2", "", true],
      ["verb1", "group2", "resource2", "", false],
      ["verb2", "group1", "resource1", "", false],
      ["verb1", "group1", "resource1", "sub", true],
    ],
  },
  {
    name: "tuple expansion",
    rule: `{verbs: [verb1, verb2], apiGroups: [group1, group2], resources: [resource1, resource2]}`,
    requests: [
      ["verb1", "group1", "resource1", "", true],
      ["verb1", "group2", "resource1", "", true],
      ["verb1", "group1", "resource2", "", true],
      ["verb1", "group2", "resource2", "", true],
      ["verb2", "group1", "resource1", "", true],
      ["verb2", "group2", "resource1", "", true],
      ["verb2", "group1", "resource2", "", true],
      ["verb2", "group2", "resource2", "", true],
    ],
  },
  {
    name: "subresource expansion",
    rule: `{verbs: ["*"], apiGroups: ["*"], resources: [resource1/subresource1]}`,
    requests: [
      ["verb1", "group1", "resource1", "subresource1", true],
      ["verb1", "group2", "resource1", "subresource2", false],
      ["verb1", "group1", "resource2", "subresource1", false],
      ["verb1", "group2", "resource2", "subresource1", false],
      ["verb2", "group1", "resource1", "subresource1", true],
      ["verb2", "group2", "resource1", "subresource2", false],
      ["verb2", "group1", "resource2", "subresource1", false],
      ["verb1", "group1", "resource1", "", false],
    ],
  },
  {
    name: "*/subresource matches that subresource of any resource; pods/* is literal",
    rule: `{verbs: [get], apiGroups: [""], resources: ["*/scale", "pods/*"]}`,
    requests: [
      ["get", "", "deployments", "scale", true],
      ["get", "", "replicasets", "scale", true],
      ["get", "", "deployments", "", false],
      ["get", "", "pods", "log", false],
      ["get", "", "pods", "*", true],
      ["get", "", "pods", "", false],
      ["get", "", "deployments", "xscale", false],
    ],
  },
  {
    name: "a resource rule without apiGroups matches nothing",
    rule: `{verbs: ["*"], resources: ["*"]}`,
    requests: [
      ["get", "", "pods", "", false],
      ["get", "apps", "deployments", "", false],
    ],
  },
  {
    name: "verbs, groups and resources are case-sensitive",
    rule: `{verbs: [GET, WATCH], apiGroups: [v1], resources: [Pods]}`,
    requests: [
      ["GET", "v1", "Pods", "", true],
      ["get", "v1", "Pods", "", false],
      ["GET", "V1", "Pods", "", false],
      ["GET", "v1", "pods", "", false],
      ["GET", "", "Pods", "", false],
    ],
  },
];

const NON_RESOURCE_RULE_CASES: readonly { name: string; rule: string; requests: readonly (readonly [string, string, boolean])[] }[] = [
  {
    name: "star nonresource, exact match other",
    rule: `{verbs: [verb1], nonResourceURLs: ["*"]}`,
    requests: [
      ["verb1", "/foo", true],
      ["verb1", "/foo/bar", true],
      ["verb1", "/foo/baz", true],
      ["verb1", "/foo/bar/one", true],
      ["verb1", "/foo/baz/one", true],
      ["verb2", "/foo", false],
      ["verb2", "/foo/bar", false],
      ["verb2", "/foo/bar/one", false],
    ],
  },
  {
    name: "star nonresource subpath",
    rule: `{verbs: [verb1], nonResourceURLs: ["/foo/*"]}`,
    requests: [
      ["verb1", "/foo", false],
      ["verb1", "/foo/bar", true],
      ["verb1", "/foo/baz", true],
      ["verb1", "/foo/bar/one", true],
      ["verb1", "/foo/baz/one", true],
      ["verb1", "/notfoo", false],
      ["verb1", "/notfoo/bar", false],
      ["verb1", "/notfoo/baz/one", false],
    ],
  },
  {
    name: "star verb, exact nonresource",
    rule: `{verbs: ["*"], nonResourceURLs: [/foo, /foo/bar/one]}`,
    requests: [
      ["verb1", "/foo", true],
      ["verb1", "/foo/bar", false],
      ["verb1", "/foo/baz", false],
      ["verb1", "/foo/bar/one", true],
      ["verb1", "/foo/baz/one", false],
      ["verb2", "/foo", true],
      ["verb2", "/foo/bar/one", true],
      ["verb1", "/foo/", false],
    ],
  },
  {
    name: "a prefix without a slash and several trailing stars",
    rule: `{verbs: [get], nonResourceURLs: ["/foo**"]}`,
    requests: [
      ["get", "/foo", true],
      ["get", "/foobar", true],
      ["get", "/fo", false],
    ],
  },
];

function clusterRoleBoundTo(user: string, rule: string): string {
  return `
${RBAC}
kind: ClusterRole
metadata: {name: r}
rules: [${rule}]
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects: [{kind: User, name: ${user}}]
`;
}

interface CheckJson {
  results: { id: string; expect: string; actual: string; pass: boolean }[];
  passed: number;
  failed: number;
}

async function check(objects: string, assertions: readonly Record<string, unknown>[]): Promise<{ code: number; json: CheckJson }> {
  const a = write(JSON.stringify({ assertions }), "json");
  const r = await runCli(["check", a, "-f", write(objects), "-o", "json"]);
  if (r.code === 2) throw new Error(`check: exit 2: ${r.stderr}`);
  return { code: r.code, json: JSON.parse(r.stdout) as CheckJson };
}

describe("TestRuleMatches through check assertion files", () => {
  it.each(RULE_CASES)("$name", async ({ rule, requests }) => {
    const assertions = requests.map(([verb, apiGroup, resource, subresource, allowed], i) => ({
      id: `${i}:${verb} ${apiGroup}/${resource}/${subresource}`,
      user: "u",
      exactGroups: true,
      verb,
      apiGroup,
      resource,
      subresource,
      expect: allowed ? "allow" : "deny",
    }));
    const { code, json } = await check(clusterRoleBoundTo("u", rule), assertions);
    expect(json.results.filter((r) => !r.pass)).toEqual([]);
    expect(code).toBe(0);
  });

  it.each(NON_RESOURCE_RULE_CASES)("$name", async ({ rule, requests }) => {
    const assertions = requests.map(([verb, url, allowed], i) => ({
      id: `${i}:${verb} ${url}`,
      user: "u",
      exactGroups: true,
      verb,
      nonResourceURL: url,
      expect: allowed ? "allow" : "deny",
    }));
    const { code, json } = await check(clusterRoleBoundTo("u", rule), assertions);
    expect(json.results.filter((r) => !r.pass)).toEqual([]);
    expect(code).toBe(0);
  });

  it("a failing assertion makes check exit 1", async () => {
    const { code, json } = await check(clusterRoleBoundTo("u", `{verbs: [get], apiGroups: [""], resources: [pods]}`), [
      { id: "wrong", user: "u", verb: "list", resource: "pods", expect: "allow" },
    ]);
    expect([code, json.passed, json.failed]).toEqual([1, 0, 1]);
  });
});

// --- pkg/registry/rbac/validation/rule_test.go TestDefaultRuleResolver and TestAppliesTo ---------

const STATIC_ROLES_1 = `
${RBAC}
kind: Role
metadata: {name: readthings, namespace: namespace1}
rules:
- {verbs: [GET, WATCH], apiGroups: [v1], resources: [pods]}
- {verbs: [GET, WATCH], apiGroups: [v1], resources: [services]}
---
${RBAC}
kind: ClusterRole
metadata: {name: cluster-admin}
rules: [{verbs: ["*"], apiGroups: ["*"], resources: ["*"]}]
---
${RBAC}
kind: ClusterRole
metadata: {name: write-nodes}
rules: [{verbs: [PUT, CREATE, UPDATE], apiGroups: [v1], resources: [nodes]}]
---
${RBAC}
kind: RoleBinding
metadata: {name: readthings, namespace: namespace1}
subjects: [{kind: User, name: foobar}, {kind: Group, name: group1}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: readthings}
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: admin}
subjects: [{kind: User, name: admin}, {kind: Group, name: admin}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
`;

interface RulesJson {
  rules: { kind: string; apiGroup?: string; resource?: string; verbs: string[] }[];
}

async function ruleTuples(file: string, args: string): Promise<string[]> {
  const r = await runCli(["rules", ...splitArgs(args), "-f", file, "-o", "json"]);
  expect(r.code, r.stderr).toBe(0);
  const json = JSON.parse(r.stdout) as RulesJson;
  return json.rules.map((e) => `${e.apiGroup}/${e.resource} ${[...e.verbs].sort().join(",")}`).sort();
}

describe("TestDefaultRuleResolver through rules -o json", () => {
  it.each<[string, string, string[]]>([
    ["a RoleBinding's Role rules in its namespace", "--as foobar --exact-groups -n namespace1", ["v1/pods GET,WATCH", "v1/services GET,WATCH"]],
    ["nothing in another namespace", "--as foobar --exact-groups -n namespace2", []],
    ["without a namespace only cluster rules apply", "--as foobar --as-group admin --exact-groups", ["*/* *"]],
    ["an unknown user holds nothing", "--as nobody --exact-groups", []],
  ])("%s", async (_name, args, expected) => {
    expect(await ruleTuples(write(STATIC_ROLES_1), args)).toEqual(expected);
  });

  it("answers can-i with the same rules (upper-case verbs and the v1 group compared literally)", async () => {
    await expectAnswers(write(STATIC_ROLES_1), [
      ["GET pods --api-group v1 -n namespace1 --as foobar", "yes"],
      ["get pods --api-group v1 -n namespace1 --as foobar", "no"],
      ["GET pods -n namespace1 --as foobar", "no"],
      ["WATCH services --api-group v1 -n namespace1 --as someone --as-group group1", "yes"],
      ["GET pods --api-group v1 -n namespace2 --as foobar", "no"],
      ["delete nodes --as admin", "yes"],
      ["delete nodes --as someone --as-group admin", "yes"],
    ]);
  });
});

const bindingWithSubjects = (kind: "RoleBinding" | "ClusterRoleBinding", subjects: string) => `
${RBAC}
kind: ClusterRole
metadata: {name: r}
rules: [{verbs: [get], apiGroups: [""], resources: [pods]}]
---
${RBAC}
kind: ${kind}
metadata: {name: b${kind === "RoleBinding" ? ", namespace: default" : ""}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects: ${subjects}
`;

describe("TestAppliesTo through can-i (namespace default)", () => {
  it.each<[string, string, string, Expect]>([
    ["single subject that matches username", `[{kind: User, name: foobar}]`, "--as foobar --exact-groups", "yes"],
    ["multiple subjects, one that matches username", `[{kind: User, name: barfoo}, {kind: User, name: foobar}]`, "--as foobar --exact-groups", "yes"],
    ["multiple subjects, none that match username", `[{kind: User, name: barfoo}, {kind: User, name: foobar}]`, "--as zimzam --exact-groups", "no"],
    ["multiple subjects, one that match group", `[{kind: User, name: barfoo}, {kind: Group, name: foobar}]`, "--as zimzam --as-group foobar --exact-groups", "yes"],
    [
      "multiple subjects with a service account that matches",
      `[{kind: User, name: barfoo}, {kind: Group, name: foobar}, {kind: ServiceAccount, namespace: kube-system, name: default}]`,
      "--as system:serviceaccount:kube-system:default --exact-groups",
      "yes",
    ],
    ["* user subject name doesn't match all users", `[{kind: User, name: "*"}]`, "--as foobar --exact-groups", "no"],
    ["* user subject name matches the user named *", `[{kind: User, name: "*"}]`, "--as * --exact-groups", "yes"],
    [
      "binding to all authenticated and unauthenticated subjects matches authenticated user",
      `[{kind: Group, name: "system:authenticated"}, {kind: Group, name: "system:unauthenticated"}]`,
      "--as foobar --as-group system:authenticated --exact-groups",
      "yes",
    ],
    [
      "binding to all authenticated and unauthenticated subjects matches anonymous user",
      `[{kind: Group, name: "system:authenticated"}, {kind: Group, name: "system:unauthenticated"}]`,
      "--as system:anonymous --as-group system:unauthenticated --exact-groups",
      "yes",
    ],
    ["a Group subject never matches a user of that name", `[{kind: Group, name: foobar}]`, "--as foobar --exact-groups", "no"],
    ["a User subject never matches a group of that name", `[{kind: User, name: devs}]`, "--as foobar --as-group devs --exact-groups", "no"],
    ["names are case-sensitive", `[{kind: User, name: Foobar}]`, "--as foobar --exact-groups", "no"],
    [
      "a RoleBinding ServiceAccount subject without namespace is in the binding's namespace",
      `[{kind: ServiceAccount, name: ci}]`,
      "--as system:serviceaccount:default:ci --exact-groups",
      "yes",
    ],
    [
      "a User subject named like a service account matches that username",
      `[{kind: User, name: "system:serviceaccount:default:ci"}]`,
      "--as system:serviceaccount:default:ci",
      "yes",
    ],
    ["the subject's apiGroup is ignored", `[{kind: User, name: foobar, apiGroup: ""}]`, "--as foobar --exact-groups", "yes"],
  ])("%s", async (_name, subjects, who, expected) => {
    const file = write(bindingWithSubjects("RoleBinding", subjects));
    expect((await canI(file, `get pods -n default ${who}`)) === 0 ? "yes" : "no").toBe(expected);
  });
});

// --- staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go: --as/--as-group groups --

const GROUP_PROBE = `
${RBAC}
kind: ClusterRole
metadata: {name: getter}
rules: [{verbs: [get], apiGroups: [""], resources: [pods]}]
---
${RBAC}
kind: ClusterRole
metadata: {name: watcher}
rules: [{verbs: [watch], apiGroups: [""], resources: [pods]}]
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: authenticated}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: watcher}
subjects: [{kind: Group, name: "system:authenticated"}]
---
${RBAC}
kind: RoleBinding
metadata: {name: sas-of-ns1, namespace: ns1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: getter}
subjects: [{kind: Group, name: "system:serviceaccounts:ns1"}]
---
${RBAC}
kind: RoleBinding
metadata: {name: unauthenticated, namespace: anon}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: getter}
subjects: [{kind: Group, name: "system:unauthenticated"}]
`;

describe("impersonation defaults (kubectl --as without --exact-groups)", () => {
  it("adds system:authenticated to every user but system:anonymous, and SA groups to a well-formed SA username", async () => {
    await expectAnswers(write(GROUP_PROBE), [
      ["watch pods --as alice", "yes"],
      ["watch pods --as alice --as-group devs", "yes"],
      ["watch pods --as alice --as-group system:authenticated", "yes"],
      ["watch pods --as alice --as-group system:unauthenticated", "no"],
      ["watch pods --as alice --exact-groups", "no"],
      ["watch pods --as system:anonymous", "no"],
      ["get pods -n anon --as system:anonymous", "yes"],
      ["get pods -n anon --as alice", "no"],
      ["get pods -n anon --as alice --as-group system:unauthenticated", "yes"],
      ["get pods -n ns1 --as system:serviceaccount:ns1:builder --exact-groups", "no"],
      // a valid SA username gets system:serviceaccounts and system:serviceaccounts:NS when no group is given
      ["get pods -n ns1 --as system:serviceaccount:ns1:builder", "yes"],
      ["watch pods -n ns1 --as system:serviceaccount:ns1:builder", "yes"],
      ["get pods -n ns2 --as system:serviceaccount:ns2:builder", "no"],
      // ...but not when groups are given explicitly
      ["get pods -n ns1 --as system:serviceaccount:ns1:builder --as-group x", "no"],
      // a malformed SA username is a plain user
      ["get pods -n ns1 --as system:serviceaccount:ns1:builder:x", "no"],
    ]);
  });

  it.each<[string, Expect]>([
    ["system:serviceaccount:ns1:builder", "yes"],
    ["system:serviceaccount:ns1", "no"],
    ["system:serviceaccount:ns1:builder:extra", "no"],
    ["system:serviceaccount:NS1:builder", "no"],
    ["system:serviceaccount:ns_1:builder", "no"],
    ["system:serviceaccount::builder", "no"],
    ["system:serviceaccount:ns1:", "no"],
    ["system:serviceaccounts:ns1:builder", "no"],
  ])("only a well-formed SA username %s gets the ServiceAccount groups", async (user, expected) => {
    const json = await runCli(["can-i", "get", "pods", "-n", "ns1", "--as", user, "-f", write(GROUP_PROBE), "-o", "json"]);
    const identity = (JSON.parse(json.stdout) as { identity: { groups: string[] } }).identity;
    expect(identity.groups.includes("system:serviceaccounts:ns1") ? "yes" : "no").toBe(expected);
  });
});

// --- plugin/pkg/auth/authorizer/rbac/subject_locator_test.go through who-can -o json ------------
// (Kubernetes' AllowedSubjects also lists the system:masters group and the configured super user,
// which are not RBAC bindings; only the subjects named by bindings are compared here.)

const STAR_MATCHES_STAR = `
${RBAC}
kind: ClusterRole
metadata: {name: admin}
rules: [{verbs: ["*"], apiGroups: ["*"], resources: ["*"], nonResourceURLs: ["*"]}]
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: super}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: super-admin}, {kind: Group, name: super-admins}]
---
${RBAC}
kind: RoleBinding
metadata: {name: local, namespace: ns1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: admin}, {kind: Group, name: admins}]
`;

const LOCAL_ROLES = `
${RBAC}
kind: ClusterRole
metadata: {name: admin}
rules: [{verbs: ["*"], apiGroups: ["*"], resources: ["*"], nonResourceURLs: ["*"]}]
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: super}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: super-admin}, {kind: Group, name: super-admins}]
---
${RBAC}
kind: Role
metadata: {name: admin, namespace: ns1}
rules: [{verbs: [get], apiGroups: ["*"], resources: [pods], nonResourceURLs: ["*"]}]
---
${RBAC}
kind: RoleBinding
metadata: {name: local, namespace: ns1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: admin}
subjects: [{kind: User, name: admin}, {kind: Group, name: admins}]
`;

describe("TestSubjectLocator through who-can", () => {
  const all = ["Group:admins", "Group:super-admins", "User:admin", "User:super-admin"];
  const clusterOnly = ["Group:super-admins", "User:super-admin"];
  it.each<[string, string, string, string[]]>([
    ["star matches star: RoleBinding subjects in their namespace", STAR_MATCHES_STAR, "get pods -n ns1", all],
    ["star matches star: the star verb, namespace *", STAR_MATCHES_STAR, "* pods -n *", clusterOnly],
    ["star matches star: empty namespace", STAR_MATCHES_STAR, "* pods", clusterOnly],
    ["local roles work", LOCAL_ROLES, "get pods -n ns1", all],
    ["verb matches correctly", LOCAL_ROLES, "create pods -n ns1", clusterOnly],
    ["binding only works in correct ns", LOCAL_ROLES, "get pods -n ns2", clusterOnly],
    ["any namespace (-A) includes RoleBinding subjects", LOCAL_ROLES, "get pods -A", all],
    ["non-resource URLs only through ClusterRoleBindings", LOCAL_ROLES, "get /healthz", clusterOnly],
  ])("%s", async (_name, objects, args, expected) => {
    expect(await whoCanNames(write(objects), args)).toEqual(expected);
  });

  it("expands ServiceAccount groups to the ServiceAccounts of the snapshot, in their namespace only", async () => {
    const objects = `${GROUP_PROBE}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: builder, namespace: ns1}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: builder, namespace: ns2}
`;
    const names = await whoCanNames(write(objects), "get pods -n ns1");
    expect(names).toEqual(["Group:system:serviceaccounts:ns1", "ServiceAccount:ns1/builder"]);
  });
});

// --- inputs the apiserver's storage would not hold, but the authorizer evaluates ------------------

describe("bindings that grant nothing are evaluated (exit 1), not rejected as bad input (exit 2)", () => {
  const role = `
${RBAC}
kind: Role
metadata: {name: r, namespace: ns1}
rules: [{verbs: [get], apiGroups: [""], resources: [pods]}]
---
${RBAC}
kind: ClusterRole
metadata: {name: c}
rules: [{verbs: [get], apiGroups: [""], resources: [pods]}]
`;
  it.each<[string, string, string]>([
    [
      "a ClusterRoleBinding to a Role",
      `${role}---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects: [{kind: User, name: alice}]
`,
      "get pods -n ns1 --as alice",
    ],
    [
      "a ClusterRoleBinding ServiceAccount subject without namespace",
      `${role}---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: c}
subjects: [{kind: ServiceAccount, name: default}]
`,
      "get pods -n ns1 --as system:serviceaccount:ns1:default",
    ],
    [
      "a RoleBinding to a missing Role",
      `${role}---
${RBAC}
kind: RoleBinding
metadata: {name: rb, namespace: ns2}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects: [{kind: User, name: alice}]
`,
      "get pods -n ns2 --as alice",
    ],
  ])("%s", async (_name, objects, args) => {
    const r = await runCli(["can-i", ...splitArgs(args), "-f", write(objects), "-o", "json"]);
    expect([r.code, r.stderr]).toEqual([1, ""]);
    const json = JSON.parse(r.stdout) as { allowed: boolean; grants: unknown[] };
    expect([json.allowed, json.grants]).toEqual([false, []]);
  });

  it("the other bindings of the file still grant", async () => {
    const objects = `${role}---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: crb-to-role}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects: [{kind: User, name: alice}]
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: crb-sa}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: c}
subjects: [{kind: ServiceAccount, name: default}, {kind: User, name: bob}]
`;
    await expectAnswers(write(objects), [
      ["get pods -n ns1 --as bob", "yes"],
      ["get pods -n ns1 --as alice", "no"],
      ["get pods -n ns1 --as system:serviceaccount:ns1:default", "no"],
    ]);
    expect(await whoCanNames(write(objects), "get pods -n ns1")).toEqual(["User:bob"]);
  });
});

describe("resource names typed with capitals are asked literally (RBAC is case-sensitive)", () => {
  // subject_locator_test.go "super user, local roles work": a Role on resource "Pods", asked for "Pods"
  const LITERAL_PODS = `
${RBAC}
kind: Role
metadata: {name: admin, namespace: ns1}
rules: [{verbs: [get], apiGroups: ["*"], resources: [Pods]}]
---
${RBAC}
kind: RoleBinding
metadata: {name: local, namespace: ns1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: admin}
subjects: [{kind: User, name: admin}, {kind: Group, name: admins}]
---
${RBAC}
kind: ClusterRole
metadata: {name: lower}
rules: [{verbs: [list], apiGroups: ["", apps], resources: [pods, deployments]}]
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: lower}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: lower}
subjects: [{kind: User, name: admin}]
`;
  it("can-i", async () => {
    await expectAnswers(write(LITERAL_PODS), [
      ["get Pods -n ns1 --as admin", "yes"],
      ["get pods -n ns1 --as admin", "no"],
      ["get po -n ns1 --as admin", "no"],
      ["list pods --as admin", "yes"],
      ["list Pods --as admin", "no"],
      ["list deployments.apps --as admin", "yes"],
      ["list deploy --as admin", "yes"],
      ["list Deployments.apps --as admin", "no"],
    ]);
  });

  it("who-can", async () => {
    expect(await whoCanNames(write(LITERAL_PODS), "get Pods -n ns1")).toEqual(["Group:admins", "User:admin"]);
    expect(await whoCanNames(write(LITERAL_PODS), "get pods -n ns1")).toEqual([]);
  });

  it("says so on stderr", async () => {
    const r = await runCli(["can-i", "get", "Pods", "-n", "ns1", "--as", "admin", "-f", write(LITERAL_PODS)]);
    expect(r.stderr).toContain('asking literally for resource "Pods" (kubectl would ask for "pods")');
  });
});

// --- pkg/controller/clusterroleaggregation TestSyncClusterRole, through can-i -------------------

const toolRole = (name: string, label: string, rules: string) => `
${RBAC}
kind: ClusterRole
metadata: {name: ${name}, labels: {foo: ${label}}}
rules: ${rules}
`;
const HAMMER = `[{verbs: [hammer], apiGroups: [""], resources: [nails]}, {verbs: [hammer], apiGroups: [""], resources: [wedges]}]`;
const CHISEL = `[{verbs: [chisel], apiGroups: [""], resources: [mortises]}]`;
const SAW = `[{verbs: [saw], apiGroups: [""], resources: [boards]}]`;
const combined = (selectors: string, rules: string) => `
${RBAC}
kind: ClusterRole
metadata: {name: combined}
aggregationRule: {clusterRoleSelectors: ${selectors}}
rules: ${rules}
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: combined}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: combined}
subjects: [{kind: User, name: u}]
`;
const TOOLS = ["hammer nails", "hammer wedges", "chisel mortises", "saw boards"];

describe("TestSyncClusterRole: an aggregated ClusterRole's rules come from the roles its selectors match", () => {
  it.each<[string, string, string[]]>([
    ["remove dead rules", toolRole("hammer", "bar", HAMMER) + "---" + combined(`[{matchLabels: {foo: bar}}]`, SAW), ["hammer nails", "hammer wedges"]],
    ["strip rules", toolRole("hammer", "not-bar", HAMMER) + "---" + combined(`[{matchLabels: {foo: bar}}]`, HAMMER), []],
    ["rules: null is recomputed", toolRole("hammer", "bar", HAMMER) + "---" + combined(`[{matchLabels: {foo: bar}}]`, "null"), ["hammer nails", "hammer wedges"]],
    [
      "select properly",
      [toolRole("hammer", "bar", HAMMER), toolRole("chisel", "bar", CHISEL), toolRole("saw", "not-bar", SAW), combined(`[{matchLabels: {foo: bar}}]`, "[]")].join("---"),
      ["hammer nails", "hammer wedges", "chisel mortises"],
    ],
    [
      "select properly with multiple selectors (ORed)",
      [toolRole("hammer", "bar", HAMMER), toolRole("chisel", "bar", CHISEL), toolRole("saw", "not-bar", SAW), combined(`[{matchLabels: {foo: bar}}, {matchLabels: {foo: not-bar}}]`, "[]")].join("---"),
      TOOLS,
    ],
    [
      "matchExpressions",
      [toolRole("hammer", "bar", HAMMER), toolRole("chisel", "baz", CHISEL), toolRole("saw", "not-bar", SAW), combined(`[{matchExpressions: [{key: foo, operator: In, values: [bar, baz]}]}]`, "[]")].join("---"),
      ["hammer nails", "hammer wedges", "chisel mortises"],
    ],
    ["an empty selector list aggregates nothing", toolRole("hammer", "bar", HAMMER) + "---" + combined(`[]`, HAMMER), []],
  ])("%s", async (_name, objects, allowed) => {
    const file = write(objects);
    await expectAnswers(
      file,
      TOOLS.map((t) => [`${t} --as u`, allowed.includes(t) ? "yes" : "no"] as const),
    );
  });

  it("rules without apiGroups (as in the controller's own test) aggregate but allow no resource request", async () => {
    const objects = toolRole("hammer", "bar", `[{verbs: [hammer], resources: [nails]}]`) + "---" + combined(`[{matchLabels: {foo: bar}}]`, "[]");
    await expectAnswers(write(objects), [["hammer nails --as u", "no"]]);
  });

  it("aggregation is transitive (admin ⊇ edit ⊇ view) and names the source role", async () => {
    const objects = `
${RBAC}
kind: ClusterRole
metadata: {name: admin}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {aggregate-to-admin: "true"}}]}
rules: null
---
${RBAC}
kind: ClusterRole
metadata: {name: edit, labels: {aggregate-to-admin: "true"}}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {aggregate-to-edit: "true"}}]}
---
${RBAC}
kind: ClusterRole
metadata: {name: view, labels: {aggregate-to-edit: "true"}}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {aggregate-to-view: "true"}}]}
rules: [{verbs: [delete], apiGroups: ["*"], resources: ["*"]}]
---
${RBAC}
kind: ClusterRole
metadata: {name: view-pods, labels: {aggregate-to-view: "true"}}
rules: [{verbs: [get], apiGroups: [""], resources: [pods]}]
---
${RBAC}
kind: RoleBinding
metadata: {name: admin, namespace: ns1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: u}]
`;
    const file = write(objects);
    // view's stale dumped rule (delete *) is not what the controller would leave there
    await expectAnswers(file, [
      ["get pods -n ns1 --as u", "yes"],
      ["delete pods -n ns1 --as u", "no"],
      ["get pods -n ns2 --as u", "no"],
    ]);
    const r = await runCli(["can-i", "get", "pods", "-n", "ns1", "--as", "u", "-f", file, "-o", "json"]);
    const json = JSON.parse(r.stdout) as { grants: { role: { name: string }; aggregatedFrom?: { clusterRole: string } }[] };
    expect(json.grants.map((g) => [g.role.name, g.aggregatedFrom?.clusterRole])).toEqual([["admin", "view-pods"]]);
  });
});

// --- plugin/pkg/auth/authorizer/rbac/bootstrappolicy testdata through check ---------------------

describe("Kubernetes' default policy (bootstrappolicy testdata) through check", () => {
  const A = (id: string, user: string, verb: string, what: Record<string, unknown>, expect: "allow" | "deny", extra: Record<string, unknown> = {}) => ({
    id,
    user,
    verb,
    ...what,
    expect,
    ...extra,
  });
  it.each([
    A("anonymous reads /healthz", "system:anonymous", "get", { nonResourceURL: "/healthz" }, "allow"),
    A("anonymous reads /version", "system:anonymous", "get", { nonResourceURL: "/version" }, "allow"),
    A("anonymous reads /livez", "system:anonymous", "get", { nonResourceURL: "/livez" }, "allow"),
    A("anonymous cannot post /healthz", "system:anonymous", "post", { nonResourceURL: "/healthz" }, "deny"),
    A("anonymous has no discovery", "system:anonymous", "get", { nonResourceURL: "/api" }, "deny"),
    A("authenticated users have discovery", "alice", "get", { nonResourceURL: "/apis/apps/v1" }, "allow"),
    A("authenticated users read openapi", "alice", "get", { nonResourceURL: "/openapi/v2" }, "allow"),
    A("without system:authenticated no discovery", "alice", "get", { nonResourceURL: "/api" }, "deny", { exactGroups: true }),
    A("anonymous lists no namespaces", "system:anonymous", "list", { resource: "namespaces" }, "deny"),
    A("basic-user may ask about itself", "alice", "create", { apiGroup: "authorization.k8s.io", resource: "selfsubjectaccessreviews" }, "allow"),
    A("authenticated users list no pods", "alice", "list", { resource: "pods", namespace: "default" }, "deny"),
    A("scheduler binds pods", "system:kube-scheduler", "create", { resource: "pods", subresource: "binding", namespace: "x" }, "allow"),
    A("scheduler creates bindings", "system:kube-scheduler", "create", { resource: "bindings", namespace: "x" }, "allow"),
    A("scheduler deletes no secrets", "system:kube-scheduler", "delete", { resource: "secrets", namespace: "x" }, "deny"),
    A("system:masters may do anything", "root", "delete", { apiGroup: "apps", resource: "deployments", namespace: "x" }, "allow", { groups: ["system:masters"] }),
    A("system:masters reach every URL", "root", "get", { nonResourceURL: "/debug/pprof/heap" }, "allow", { groups: ["system:masters"] }),
    A("the system:node binding has no subjects (nodes are the Node authorizer's)", "system:node:n1", "get", { resource: "nodes", name: "n1" }, "deny", { groups: ["system:nodes"] }),
    A("a user named like a group gets nothing", "system:masters", "get", { resource: "pods", namespace: "x" }, "deny"),
  ])("$id", async (assertion) => {
    const a = write(JSON.stringify({ assertions: [assertion] }), "json");
    const r = await runCli(["check", a, "-f", "fixtures/k8s-bootstrap-policy", "-o", "json"]);
    const json = JSON.parse(r.stdout) as CheckJson;
    expect(json.results.map((x) => [x.id, x.actual])).toEqual([[assertion.id, assertion.expect]]);
    expect(r.code).toBe(0);
  });
});

// --- group-only identities and subject kinds the authorizer does not know ----------------------
// plugin/pkg/auth/authorizer/rbac/rbac.go evaluates whatever user.Info it is given (a user with
// groups and no name included); appliesToUser (pkg/registry/rbac/validation/rule.go) switches on
// the exact subject kind and matches nothing for any other kind.

const GROUP_ONLY = `
${RBAC}
kind: ClusterRole
metadata: {name: pod-reader}
rules: [{verbs: ["get"], apiGroups: [""], resources: ["pods"]}]
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: admins-read}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
subjects: [{kind: Group, name: admins}]
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: authenticated-read-secrets}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects: [{kind: Group, name: "system:authenticated"}]
---
${RBAC}
kind: ClusterRole
metadata: {name: secret-reader}
rules: [{verbs: ["get"], apiGroups: [""], resources: ["secrets"]}]
`;

describe("a group-only identity (empty user name) is evaluated as the authorizer does", () => {
  it("check answers from the groups alone, taken exactly as given", async () => {
    const r = await check(GROUP_ONLY, [
      { id: "group grants", user: "", groups: ["admins"], verb: "get", resource: "pods", expect: "allow" },
      { id: "other group", user: "", groups: ["devs"], verb: "get", resource: "pods", expect: "deny" },
      { id: "no system:authenticated added", user: "", groups: ["admins"], verb: "get", resource: "secrets", expect: "deny" },
      { id: "user omitted", groups: ["admins"], verb: "get", resource: "pods", expect: "allow" },
    ]);
    expect(r.json.results.map((x) => [x.id, x.actual])).toEqual([
      ["group grants", "allow"],
      ["other group", "deny"],
      ["no system:authenticated added", "deny"],
      ["user omitted", "allow"],
    ]);
    expect(r.code).toBe(0);
  });

  it("can-i --as '' --as-group G answers; with neither a name nor a group it is a usage error", async () => {
    const file = write(GROUP_ONLY);
    await expectAnswers(file, [
      ["get pods --as '' --as-group admins", "yes"],
      ["get pods --as '' --as-group devs", "no"],
      ["get secrets --as '' --as-group admins", "no"],
    ]);
    expect((await runCli(["can-i", "get", "pods", "--as", "", "-f", file])).code).toBe(2);
  });

  it("an assertion with neither user nor groups is refused with its index", async () => {
    const a = write(JSON.stringify({ assertions: [{ id: "x", user: "", verb: "get", resource: "pods", expect: "deny" }] }), "json");
    const r = await runCli(["check", a, "-f", write(GROUP_ONLY)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("assertions[0] (id x): user: give a user name or at least one group");
  });
});

const ODD_SUBJECT_KINDS = `
${RBAC}
kind: ClusterRole
metadata: {name: pod-reader}
rules: [{verbs: ["get"], apiGroups: [""], resources: ["pods"]}]
---
${RBAC}
kind: RoleBinding
metadata: {name: mixed, namespace: ns1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
subjects:
- {kind: user, name: alice}
- {kind: group, name: devs}
- {kind: serviceaccount, name: ci, namespace: ns1}
- {kind: User, name: bob}
`;

describe("a subject whose kind is not exactly User, Group or ServiceAccount grants nothing", () => {
  it("can-i answers no for it (exit 1, not a rejected input) and yes for the binding's valid subjects", async () => {
    const file = write(ODD_SUBJECT_KINDS);
    await expectAnswers(file, [
      ["get pods -n ns1 --as alice", "no"],
      ["get pods -n ns1 --as carol --as-group devs", "no"],
      ["get pods -n ns1 --as system:serviceaccount:ns1:ci", "no"],
      ["get pods -n ns1 --as bob", "yes"],
    ]);
  });

  it("ingest stores the input with a warning naming each odd subject", async () => {
    const db = path.join(dir, "odd-kinds.db");
    const r = await runCli(["ingest", write(ODD_SUBJECT_KINDS), "--db", db, "-o", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('subjects[0] has kind \\"user\\"');
    expect(r.stdout).toContain('subjects[2] has kind \\"serviceaccount\\"');
  });

  it("who-can lists only the subject the authorizer matches", async () => {
    expect(await whoCanNames(write(ODD_SUBJECT_KINDS), "get pods -n ns1")).toContain("User:bob");
    expect(await whoCanNames(write(ODD_SUBJECT_KINDS), "get pods -n ns1")).not.toContain("User:alice");
  });
});
