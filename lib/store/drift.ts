/**
 * Set differences between two snapshots, in SQL (both live in the same tables, keyed by
 * snapshotId): objects by kind/namespace/name and content hash, subject grants, stored paths, findings.
 */
import type { Database_ } from "./client";
import type { RawDatabase } from "./raw-client";

interface Key {
  kind: string;
  namespace: string;
  name: string;
}

export interface DriftRows {
  readonly objects: { added: Key[]; removed: Key[]; changed: Key[] };
  readonly grants: { side: "from" | "to"; kind: string; namespace: string; name: string; grant: string }[];
  readonly paths: { appeared: { from: string; to: string }[]; disappeared: { from: string; to: string }[] };
  readonly findings: { new: { id: string; rule: string; severity: string }[]; fixed: { id: string; rule: string; severity: string }[] };
}

export function diffRows(db: Database_, from: number, to: number): DriftRows {
  const q = <T>(sql: string, ...args: unknown[]) => db.raw.prepare(sql).all(...args) as T[];
  const onlyIn = (a: number, b: number) =>
    q<Key>(
      `SELECT kind, namespace, name FROM KubeObject x WHERE snapshotId = ? AND NOT EXISTS (SELECT 1 FROM KubeObject y WHERE y.snapshotId = ? AND y.kind = x.kind AND y.namespace = x.namespace AND y.name = x.name) ORDER BY kind, namespace, name`,
      a,
      b,
    );
  // Objects are compared by content hash: the hashed rows of one side the other lacks, among the
  // keys both have (set differences over one index). Rows stored before hashes were written (NULL)
  // are compared by their JSON.
  const hashed = `SELECT kind, namespace, name, contentHash FROM KubeObject WHERE snapshotId = ? AND contentHash IS NOT NULL`;
  const changed = q<Key>(
    `SELECT kind, namespace, name FROM (${hashed} EXCEPT ${hashed}) d
       WHERE EXISTS (SELECT 1 FROM KubeObject y WHERE y.snapshotId = ? AND y.kind = d.kind AND y.namespace = d.namespace AND y.name = d.name AND y.contentHash IS NOT NULL)
     ORDER BY 1, 2, 3`,
    to,
    from,
    from,
  );
  const unhashed = (id: number) => db.raw.prepare(`SELECT 1 AS "one" FROM KubeObject WHERE snapshotId = ? AND contentHash IS NULL LIMIT 1`).get(id) !== undefined;
  if (unhashed(from) || unhashed(to)) {
    const pair = `FROM KubeObject x JOIN KubeObject y ON y.snapshotId = ? AND y.kind = x.kind AND y.namespace = x.namespace AND y.name = x.name WHERE x.snapshotId = ?`;
    changed.push(
      ...q<Key>(
        `SELECT x.kind, x.namespace, x.name ${pair} AND (x.contentHash IS NULL OR y.contentHash IS NULL) AND x.objectJson <> y.objectJson`,
        to,
        from,
      ),
    );
    changed.sort((a, b) => compareKeys(a, b));
  }
  const grants = [
    ...q<{ kind: string; namespace: string; name: string; grant: string }>(`${GRANT_ROWS} EXCEPT ${GRANT_ROWS}`, to, from).map((g) => ({ ...g, side: "to" as const })),
    ...q<{ kind: string; namespace: string; name: string; grant: string }>(`${GRANT_ROWS} EXCEPT ${GRANT_ROWS}`, from, to).map((g) => ({ ...g, side: "from" as const })),
  ];
  const pathRows = PATH_ROWS;
  const findingRows = FINDING_ROWS;
  return {
    objects: { added: onlyIn(to, from), removed: onlyIn(from, to), changed },
    grants,
    paths: {
      appeared: q(`${pathRows} EXCEPT ${pathRows} ORDER BY 1, 2`, to, from),
      disappeared: q(`${pathRows} EXCEPT ${pathRows} ORDER BY 1, 2`, from, to),
    },
    findings: {
      new: q(`${findingRows} EXCEPT ${findingRows} ORDER BY 1`, to, from),
      fixed: q(`${findingRows} EXCEPT ${findingRows} ORDER BY 1`, from, to),
    },
  };
}

/** The order of ORDER BY kind, namespace, name: by UTF-16 code unit, which is code point order for what names hold (SQLite's BINARY, PostgreSQL's "C"). */
function compareKeys(a: Key, b: Key): number {
  for (const k of ["kind", "namespace", "name"] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
}

/** A subject's direct grants: (subject, "binding → role") rows of one snapshot. */
const GRANT_ROWS = `SELECT s.kind, s.namespace, s.name, s.bindingKind || '/' || (CASE WHEN s.bindingNamespace = '' THEN '' ELSE s.bindingNamespace || '/' END) || s.bindingName || ' → ' || b.roleKind || '/' || b.roleName AS grant
    FROM BindingSubject s JOIN RbacBinding b ON b.snapshotId = s.snapshotId AND b.kind = s.bindingKind AND b.namespace = s.bindingNamespace AND b.name = s.bindingName WHERE s.snapshotId = ?`;
const PATH_ROWS = `SELECT fromRef AS "from", toRef AS "to" FROM EscalationPath WHERE snapshotId = ?`;
const FINDING_ROWS = `SELECT findingId AS id, rule, severity FROM Finding WHERE snapshotId = ?`;

/** How much changed between two snapshots, as the cluster history shows it per snapshot. */
export interface DriftCounts {
  readonly from: number;
  readonly pathsAppeared: number;
  readonly pathsDisappeared: number;
  readonly grantsGained: number;
  readonly grantsLost: number;
  readonly findingsNew: number;
  readonly findingsFixed: number;
}

/** The same differences as diffRows, counted only (objects left out: comparing their JSON is the costly part). */
export function driftCounts(db: RawDatabase, from: number, to: number): DriftCounts {
  const count = (rows: string, a: number, b: number) =>
    Number((db.raw.prepare(`SELECT count(*) AS n FROM (${rows} EXCEPT ${rows}) d`).get(a, b) as { n: number }).n);
  return {
    from,
    pathsAppeared: count(PATH_ROWS, to, from),
    pathsDisappeared: count(PATH_ROWS, from, to),
    grantsGained: count(GRANT_ROWS, to, from),
    grantsLost: count(GRANT_ROWS, from, to),
    findingsNew: count(FINDING_ROWS, to, from),
    findingsFixed: count(FINDING_ROWS, from, to),
  };
}

