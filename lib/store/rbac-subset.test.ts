import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { freshTestDatabase, testBackend } from "@/lib/store/test-support";
import { generateCluster } from "@/lib/gen/generate";
import { importFiles } from "@/lib/pipeline/import-snapshot";
import { decisionJson, whoCanJson } from "@/lib/query/present";
import { whoCanReadingServiceAccounts } from "@/lib/query/stored-rbac";
import { accessMatrix, canI, compilePolicy, identityFor, listRules, subjectsConcerning, requestNamespace, whoCan, type AccessRequest, type CompiledPolicy } from "@/lib/rbac";
import { resourceRequest } from "@/lib/rbac/request";
import { closeDatabase, openDatabase, type Database } from "@/lib/store";
import { loadClusterObjects, RBAC_KINDS } from "./cluster";
import { listServiceAccountsIn, loadBindingsConcerning, loadNamespacePolicy, type ConcerningOptions } from "./rbac-subset";

/** Look-alike and edge-case subjects beside the generated cluster: what a partial read could miss. */
const TRAPS = [
  { apiVersion: "v1", kind: "Namespace", metadata: { name: "traps" } },
  { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot", namespace: "traps" } },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "reader", namespace: "traps" }, rules: [{ apiGroups: [""], resources: ["pods", "secrets"], verbs: ["get", "list"] }] },
  ...[
    ["spelling", [{ kind: "User", name: " Alice " }]],
    ["other-kind", [{ kind: "ServiceAccount", name: "alice", namespace: "traps" }]],
    ["group-case", [{ kind: "Group", name: "Ops-Team" }]],
    ["sa-group", [{ kind: "Group", name: "system:serviceaccounts:traps" }]],
    ["robot-elsewhere", [{ kind: "ServiceAccount", name: "robot", namespace: "other" }]],
    ["odd-sa", [{ kind: "ServiceAccount", name: "Not_A_DNS_Name", namespace: "traps" }]],
    ["missing-role", [{ kind: "User", name: "alice" }], "absent"],
    ["sa-empty-namespace", [{ kind: "ServiceAccount", name: "robot", namespace: "" }]],
  ].map(([name, subjects, role]) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name, namespace: "traps" },
    subjects,
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role ?? "reader" },
  })),
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "robot-from-afar", namespace: "ns-0001" },
    subjects: [{ kind: "ServiceAccount", name: "robot", namespace: "traps" }, { kind: "User", name: "ALICE" }],
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: "everyone-sa-view" },
    subjects: [{ kind: "Group", name: "system:serviceaccounts" }, { kind: "ServiceAccount", name: "robot" }],
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
  },
];

const REQUESTS: AccessRequest[] = [
  ...["traps", "ns-0001", "ns-0002", "kube-system", ""].flatMap((namespace) => [
    resourceRequest({ verb: "get", resource: "pods", namespace }),
    resourceRequest({ verb: "list", resource: "secrets", namespace }),
    resourceRequest({ verb: "create", resource: "deployments", apiGroup: "apps", namespace }),
    resourceRequest({ verb: "create", resource: "pods", subresource: "exec", namespace, name: "web-1" }),
    resourceRequest({ verb: "update", resource: "configmaps", namespace, name: "leader-lock" }),
  ]),
  resourceRequest({ verb: "list", resource: "nodes" }),
  resourceRequest({ verb: "escalate", resource: "clusterroles", apiGroup: "rbac.authorization.k8s.io" }),
  { kind: "nonResource", verb: "get", path: "/healthz" },
  { kind: "nonResource", verb: "get", path: "/metrics" },
];

/** The hand-written backfill of the migration that added BindingSubject.objectId, as this test's backend runs it. */
function backfillSql(): string {
  const dir = testBackend() === "postgresql" ? path.join("prisma", "postgresql", "migrations") : path.join("prisma", "migrations");
  const sql = fs.readFileSync(path.join(dir, "20261203160000_binding_subject_object_ids", "migration.sql"), "utf8");
  const statement = /^UPDATE "BindingSubject" SET "objectId"[\s\S]*?\);$/m.exec(sql)?.[0];
  if (!statement) throw new Error("no backfill statement in the migration");
  return statement;
}

let db: Database;
let snapshotId: number;
let full: CompiledPolicy;

beforeAll(async () => {
  db = openDatabase(freshTestDatabase("subset"));
  const items = [...generateCluster("s", 7), ...TRAPS];
  const result = await importFiles(db, [{ path: "cluster.json", content: JSON.stringify({ apiVersion: "v1", kind: "List", items }) }], { name: "subset", source: "files" });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  snapshotId = result.snapshot.id;
  full = compilePolicy(loadClusterObjects(db, snapshotId, RBAC_KINDS));
});

afterAll(async () => {
  await closeDatabase(db);
});

/** Every subject the snapshot names, as the identity that would ask, plus look-alikes and strangers. */
function identities() {
  const subjects = db.raw.prepare(`SELECT DISTINCT kind, name, namespace FROM BindingSubject WHERE snapshotId = ?`).all(snapshotId) as { kind: string; name: string; namespace: string }[];
  const out = [
    identityFor("alice"),
    identityFor("ALICE"),
    identityFor("bob", ["ops-team"]),
    identityFor("system:serviceaccount:traps:robot"),
    identityFor("system:serviceaccount:traps:Not_A_DNS_Name"),
    identityFor("system:anonymous"),
    identityFor("nobody-at-all"),
  ];
  // A spread of at most 60 of them (every kind), to keep the comparison quick.
  const step = Math.max(1, Math.ceil(subjects.length / 60));
  for (const s of subjects.filter((_, i) => i % step === 0)) {
    if (s.kind === "User") out.push(identityFor(s.name));
    else if (s.kind === "Group") out.push(identityFor("someone", [s.name]));
    else if (s.namespace) out.push(identityFor(`system:serviceaccount:${s.namespace}:${s.name}`));
  }
  return out;
}

describe("reading only the RBAC a question can touch", () => {
  it("can-i, rules and matrix from the bindings concerning the identity equal them over the whole snapshot (decision, proof, near misses)", () => {
    const all = identities();
    expect(all.length).toBeGreaterThan(40);
    let compared = 0;
    let allowed = 0;
    for (const identity of all) {
      const subjects = subjectsConcerning(identity);
      const cache = new Map<string, CompiledPolicy>();
      const policy = (options: ConcerningOptions) => {
        const key = JSON.stringify(options);
        let compiled = cache.get(key);
        if (!compiled) {
          const cluster = loadBindingsConcerning(db, snapshotId, subjects, options);
          expect(cluster).toBeDefined();
          cache.set(key, (compiled = compilePolicy(cluster!)));
        }
        return compiled;
      };
      for (const request of REQUESTS) {
        const namespace = requestNamespace(request);
        const label = `${identity.user} ${JSON.stringify(request)}`;
        const expected = decisionJson(canI(full, identity, request));
        // What can-i reads first: the request's scope. Exact when allowed; a denial is still a denial.
        const first = decisionJson(canI(policy({ scope: namespace, lookalikesIn: namespace }), identity, request));
        if (expected.allowed) expect(first, label).toEqual(expected);
        else expect(first.allowed, label).toBe(false);
        // What it reads after a denial: every binding applying to the identity, look-alikes in scope.
        expect(decisionJson(canI(policy({ lookalikesIn: namespace }), identity, request)), label).toEqual(expected);
        compared++;
        if (expected.allowed) allowed++;
      }
      for (const namespace of ["traps", "ns-0001", ""]) {
        const scoped = policy({ scope: namespace });
        expect(listRules(scoped, identity, namespace), `rules ${identity.user} ${namespace}`).toEqual(listRules(full, identity, namespace));
        expect(accessMatrix(scoped, identity, namespace), `matrix ${identity.user} ${namespace}`).toEqual(accessMatrix(full, identity, namespace));
      }
    }
    // Both answers occur, so the comparison is not between two empty results.
    expect(allowed).toBeGreaterThan(20);
    expect(compared - allowed).toBeGreaterThan(20);
  });

  it("who-can from one namespace's policy, reading ServiceAccounts only as groups need them, equals who-can over the whole snapshot", () => {
    const serviceAccounts = listServiceAccountsIn(db, snapshotId);
    let subjects = 0;
    for (const request of REQUESTS) {
      const namespace = request.kind === "resource" ? request.namespace : "";
      const expected = whoCanJson(whoCan(full, request, { serviceAccounts }));
      const partial = compilePolicy(loadNamespacePolicy(db, snapshotId, namespace));
      const actual = whoCanJson(whoCanReadingServiceAccounts(partial, request, (ns) => listServiceAccountsIn(db, snapshotId, ns)));
      expect(actual, JSON.stringify(request)).toEqual(expected);
      subjects += expected.subjects.length;
    }
    expect(subjects).toBeGreaterThan(50);
  });

  it("every stored subject row carries its binding's KubeObject id", () => {
    const rows = db.raw
      .prepare(
        `SELECT s.bindingKind AS bindingKind, s.bindingNamespace AS bindingNamespace, s.bindingName AS bindingName, o.kind AS kind, o.namespace AS namespace, o.name AS name
         FROM BindingSubject s LEFT JOIN KubeObject o ON o.id = s.objectId WHERE s.snapshotId = ?`,
      )
      .all(snapshotId) as { bindingKind: string; bindingNamespace: string; bindingName: string; kind: string | null; namespace: string | null; name: string | null }[];
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) expect([row.kind, row.namespace, row.name]).toEqual([row.bindingKind, row.bindingNamespace, row.bindingName]);
  });

  it("a snapshot stored without binding object ids (an older version) reads the same bindings by name", () => {
    const optionSets: ConcerningOptions[] = [{}, { scope: "traps", lookalikesIn: "traps" }, { lookalikesIn: "" }, { scope: "ns-0001" }, { lookalikesIn: "ns-0001" }];
    // The identities once: their order comes from an unordered query, which rewritten rows (PostgreSQL) can change.
    const asking = identities();
    const read = () => asking.flatMap((identity) => optionSets.map((options) => loadBindingsConcerning(db, snapshotId, subjectsConcerning(identity), options)));
    const byId = read();
    const kept = db.raw.prepare(`SELECT id, objectId FROM BindingSubject WHERE snapshotId = ? ORDER BY id`).all(snapshotId) as { id: number; objectId: number }[];
    db.raw.prepare(`UPDATE BindingSubject SET objectId = NULL WHERE snapshotId = ?`).run(snapshotId);
    try {
      const byName = read();
      expect(byName).toEqual(byId);
      // Not two empty reads: bindings and roles came back.
      expect(byId.reduce((n, cluster) => n + (cluster?.roleBindings.length ?? 0) + (cluster?.clusterRoleBindings.length ?? 0), 0)).toBeGreaterThan(100);
    } finally {
      // The migration's backfill (this backend's) gives every row its id back.
      db.raw.exec(backfillSql());
    }
    expect(db.raw.prepare(`SELECT id, objectId FROM BindingSubject WHERE snapshotId = ? ORDER BY id`).all(snapshotId)).toEqual(kept);
  });

  it("a snapshot stored before subjects had loose names is read whole (undefined: the caller falls back)", () => {
    db.raw.prepare(`UPDATE BindingSubject SET looseName = NULL WHERE snapshotId = ? AND id = (SELECT min(id) FROM BindingSubject WHERE snapshotId = ?)`).run(snapshotId, snapshotId);
    expect(loadBindingsConcerning(db, snapshotId, subjectsConcerning(identityFor("alice")))).toBeUndefined();
  });
});
