/**
 * Set differences between two snapshots, in SQL (both live in the same tables, keyed by
 * snapshotId): objects by kind/namespace/name and content, subject grants, stored paths, findings.
 */
import type { Database_ } from "./client";

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
  const changed = q<Key>(
    `SELECT x.kind, x.namespace, x.name FROM KubeObject x JOIN KubeObject y ON y.snapshotId = ? AND y.kind = x.kind AND y.namespace = x.namespace AND y.name = x.name
     WHERE x.snapshotId = ? AND x.objectJson <> y.objectJson ORDER BY x.kind, x.namespace, x.name`,
    to,
    from,
  );
  const grantRows = `SELECT s.kind, s.namespace, s.name, s.bindingKind || '/' || (CASE WHEN s.bindingNamespace = '' THEN '' ELSE s.bindingNamespace || '/' END) || s.bindingName || ' → ' || b.roleKind || '/' || b.roleName AS grant
    FROM BindingSubject s JOIN RbacBinding b ON b.snapshotId = s.snapshotId AND b.kind = s.bindingKind AND b.namespace = s.bindingNamespace AND b.name = s.bindingName WHERE s.snapshotId = ?`;
  const grants = [
    ...q<{ kind: string; namespace: string; name: string; grant: string }>(`${grantRows} EXCEPT ${grantRows}`, to, from).map((g) => ({ ...g, side: "to" as const })),
    ...q<{ kind: string; namespace: string; name: string; grant: string }>(`${grantRows} EXCEPT ${grantRows}`, from, to).map((g) => ({ ...g, side: "from" as const })),
  ];
  const pathRows = `SELECT fromRef AS "from", toRef AS "to" FROM EscalationPath WHERE snapshotId = ?`;
  const findingRows = `SELECT findingId AS id, rule, severity FROM Finding WHERE snapshotId = ?`;
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
