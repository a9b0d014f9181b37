import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshTestDatabase } from "@/lib/store/test-support";
import type { ClusterRole, Role, RoleBinding } from "@/lib/rbac/objects";
import type { ServiceAccount } from "@/lib/cluster/objects";
import { closeDatabase, openDatabase, writeSnapshot, type Database, type StoredObject } from "./index";
import { PAGE_SIZE, pageBindings, pageRoles, pageSubjects } from "./pages";

let db: Database;
let id: number;
const origin = { file: "x.yaml", documentIndex: 1 };

beforeAll(() => {
  db = openDatabase(freshTestDatabase("pages"));
  const objects: StoredObject[] = [];
  for (let i = 0; i < 250; i++) {
    const ns = i % 2 === 0 ? "even" : "odd";
    const binding: RoleBinding = {
      kind: "RoleBinding",
      metadata: { name: `binding-${String(i).padStart(3, "0")}`, namespace: ns },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "ServiceAccount", name: `sa-${i % 10}`, namespace: ns }],
    };
    objects.push({ kind: "RoleBinding", object: binding, manifest: {}, origin });
  }
  const sa: ServiceAccount = { kind: "ServiceAccount", metadata: { name: "lonely", namespace: "even" } };
  objects.push({ kind: "ServiceAccount", object: sa, manifest: {}, origin });
  id = writeSnapshot(db, { name: "p", source: "files", sha256: "", inputBytes: 0, counts: {}, skipped: [], warnings: [], origin: {}, objects });
});
afterAll(async () => closeDatabase(db));

let roleSnapshot: number;
beforeAll(() => {
  const rules = [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }];
  const objects: StoredObject[] = [
    { kind: "ClusterRole", object: { kind: "ClusterRole", metadata: { name: "view" }, rules } as ClusterRole, manifest: {}, origin },
    { kind: "Role", object: { kind: "Role", metadata: { name: "view", namespace: "even" }, rules } as Role, manifest: {}, origin },
    { kind: "Role", object: { kind: "Role", metadata: { name: "view", namespace: "odd" }, rules } as Role, manifest: {}, origin },
    ...(
      [
        ["a", "even", "ClusterRole"],
        ["b", "odd", "ClusterRole"],
        ["c", "even", "Role"],
      ] as const
    ).map(([name, namespace, roleKind]): StoredObject => {
      const binding: RoleBinding = {
        kind: "RoleBinding",
        metadata: { name, namespace },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: roleKind, name: "view" },
        subjects: [{ kind: "User", name: "u" }],
      };
      return { kind: "RoleBinding", object: binding, manifest: {}, origin };
    }),
  ];
  roleSnapshot = writeSnapshot(db, { name: "r", source: "files", sha256: "", inputBytes: 0, counts: {}, skipped: [], warnings: [], origin: {}, objects });
});

describe("paged lists", () => {
  it("pages bindings in SQL with totals, and clamps pages past the end", () => {
    const first = pageBindings(db, id, {});
    expect([first.total, first.pages, first.items.length]).toEqual([250, 3, PAGE_SIZE]);
    const last = pageBindings(db, id, { page: 99 });
    expect([last.page, last.items.length]).toEqual([3, 50]);
    expect(last.items.at(-1)).toMatchObject({ name: "binding-249", namespace: "odd", subjectCount: 1 });
  });

  it("filters by a case-insensitive name substring and by namespace", () => {
    expect(pageBindings(db, id, { q: "BINDING-24" }).total).toBe(10); // binding-240 … binding-249
    expect(pageBindings(db, id, { namespace: "even" }).total).toBe(125);
    expect(pageBindings(db, id, { namespace: "" }).total).toBe(0);
  });

  it("lists each subject once with its binding count, ServiceAccount objects included", () => {
    const subjects = pageSubjects(db, id, { namespace: "even" });
    // sa-0, sa-2, ..., sa-8 named by even bindings (25 each), plus the unbound "lonely".
    expect(subjects.total).toBe(6);
    expect(subjects.items.find((s) => s.name === "sa-0")).toEqual({ kind: "ServiceAccount", namespace: "even", name: "sa-0", bindingCount: 25, exists: false });
    expect(subjects.items.find((s) => s.name === "lonely")).toEqual({ kind: "ServiceAccount", namespace: "even", name: "lonely", bindingCount: 0, exists: true });
  });

  it("sorts on the server by a known column in either direction, keeping the default order for ties", () => {
    const byCount = pageSubjects(db, id, { sort: { column: "bindings", direction: "desc" } });
    const counts = byCount.items.map((s) => s.bindingCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(byCount.items.at(-1)).toMatchObject({ name: "lonely", bindingCount: 0 });
    const descending = pageBindings(db, id, { sort: { column: "name", direction: "desc" } });
    expect(descending.items[0]?.name).toBe("binding-249");
    const lastPage = pageBindings(db, id, { sort: { column: "name", direction: "desc" }, page: 3 });
    expect(lastPage.items.at(-1)?.name).toBe("binding-000");
  });

  it("pages roles with the bindings naming each (a Role's only in its namespace)", () => {
    const roles = pageRoles(db, roleSnapshot, { sort: { column: "bindings", direction: "desc" } });
    expect(roles.items.map((r) => [r.kind, r.namespace, r.name, r.bindingCount])).toEqual([
      ["ClusterRole", "", "view", 2],
      ["Role", "even", "view", 1],
      ["Role", "odd", "view", 0],
    ]);
  });

  it("ignores sort columns it does not know instead of putting them in SQL", () => {
    const plain = pageBindings(db, id, {}).items.map((b) => b.name);
    expect(pageBindings(db, id, { sort: { column: "name; DROP TABLE RbacBinding", direction: "asc" } }).items.map((b) => b.name)).toEqual(plain);
  });
});

describe("lists of snapshots stored before the list summaries", () => {
  it("gives the same subjects and bindings, in every order, from the rows as from the summaries written at ingest", () => {
    const objects: StoredObject[] = [];
    for (let i = 0; i < 30; i++) {
      const subjects: RoleBinding["subjects"] = [
        { kind: "User", name: `user-${i % 4}` },
        { kind: "Group", name: `group-${i % 3}` },
        ...Array.from({ length: i % 5 }, (_, k) => ({ kind: "ServiceAccount" as const, name: `sa-${k}` })),
      ];
      const binding: RoleBinding = {
        kind: "RoleBinding",
        metadata: { name: `b-${i}`, namespace: `ns-${i % 3}` },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
        subjects,
      };
      objects.push({ kind: "RoleBinding", object: binding, manifest: {}, origin });
    }
    const sa: ServiceAccount = { kind: "ServiceAccount", metadata: { name: "sa-1", namespace: "ns-1" } };
    objects.push({ kind: "ServiceAccount", object: sa, manifest: {}, origin });
    const snapshot = (name: string) => writeSnapshot(db, { name, source: "files", sha256: "", inputBytes: 0, counts: {}, skipped: [], warnings: [], origin: {}, objects });
    const current = snapshot("with summaries");
    const old = snapshot("as stored before them");
    db.raw.prepare(`DELETE FROM SubjectSummary WHERE snapshotId = ?`).run(old);
    db.raw.prepare(`UPDATE RbacBinding SET subjectCount = NULL WHERE snapshotId = ?`).run(old);
    expect((db.raw.prepare(`SELECT COUNT(*) AS n FROM SubjectSummary WHERE snapshotId = ?`).get(current) as { n: number }).n).toBeGreaterThan(0);

    const queries = [
      {},
      { page: 2 },
      { namespace: "ns-1" },
      { q: "SA" },
      ...["kind", "namespace", "name", "bindings", "subjects"].flatMap((column) => (["asc", "desc"] as const).map((direction) => ({ sort: { column, direction } }))),
    ];
    for (const query of queries) {
      expect(pageSubjects(db, old, query)).toEqual(pageSubjects(db, current, query));
      expect(pageBindings(db, old, query)).toEqual(pageBindings(db, current, query));
    }
    const users = pageSubjects(db, current, {}).items.slice(0, 5).map((s) => `${s.kind}/${s.name}`);
    expect(users).toEqual(["User/user-0", "User/user-1", "User/user-2", "User/user-3", "Group/group-0"]);
    expect(pageBindings(db, current, { sort: { column: "subjects", direction: "desc" } }).items[0]).toMatchObject({ namespace: "ns-0", name: "b-24", subjectCount: 6 });
  });
});
