/**
 * Snapshot drift: what changed between two snapshots of a cluster — objects added, removed and
 * changed; per subject, the (binding → role) grants and the effective permissions (through
 * aggregation and groups, from the engine) gained and lost; escalation paths that appeared or
 * disappeared; findings new and fixed. Shared by the Drift page and `rbac-atlas diff`.
 */
import { analysisStamp, diffRows, type Database } from "@/lib/store";
import { compiledSnapshot } from "./compiled-cache";
import { effectiveDrift } from "./effective-drift";
import { Recent } from "@/lib/recent";

/**
 * Recently compared snapshot pairs. A drift depends on the two snapshots' rows alone, which never
 * change once stored, and costs seconds on a large cluster (every ServiceAccount is asked when a
 * group binding changed; the object, grant, path and finding set differences read both snapshots):
 * the drift page's reloads, and `rbac-atlas diff` in one process, read it from here. Bounded like
 * the compiled policies.
 */
const drifts = new Recent<SnapshotDrift>(8);

export interface ObjectKey {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface GrantChange {
  readonly subject: ObjectKey;
  /** `RoleBinding/ns/name → ClusterRole/name` for each grant the subject gained or lost. */
  readonly gained: readonly string[];
  readonly lost: readonly string[];
  /** What the subject can do that it could not (and the reverse), e.g. `get,list secrets in payments`,
   * `* *.* cluster-wide`; a permission still covered by a broader one is no change. */
  readonly effective: { readonly gained: readonly string[]; readonly lost: readonly string[] };
}

export interface SnapshotDrift {
  readonly from: number;
  readonly to: number;
  readonly objects: { readonly added: readonly ObjectKey[]; readonly removed: readonly ObjectKey[]; readonly changed: readonly ObjectKey[] };
  readonly permissions: readonly GrantChange[];
  readonly paths: { readonly appeared: readonly { from: string; to: string }[]; readonly disappeared: readonly { from: string; to: string }[] };
  readonly findings: { readonly new: readonly { id: string; rule: string; severity: string }[]; readonly fixed: readonly { id: string; rule: string; severity: string }[] };
}

export function snapshotDrift(db: Database, from: number, to: number): SnapshotDrift {
  // Paths and findings are the stored analysis's: a re-analysis (new stamp) is a new pair.
  const stamp = (id: number) => analysisStamp(db, id) ?? `${db.cacheKey}#${id}`;
  return drifts.getOrMake(`${stamp(from)}>${stamp(to)}`, () => computeDrift(db, from, to));
}

function computeDrift(db: Database, from: number, to: number): SnapshotDrift {
  const rows = diffRows(db, from, to);
  const grants = new Map<string, { subject: ObjectKey; gained: string[]; lost: string[]; effective: GrantChange["effective"] }>();
  const none = { gained: [], lost: [] };
  for (const g of rows.grants) {
    const key = `${g.kind}/${g.namespace}/${g.name}`;
    const entry = grants.get(key) ?? { subject: { kind: g.kind, namespace: g.namespace, name: g.name }, gained: [], lost: [], effective: none };
    (g.side === "to" ? entry.gained : entry.lost).push(g.grant);
    grants.set(key, entry);
  }
  if (from !== to) {
    for (const change of effectiveDrift(compiledSnapshot(db, from), compiledSnapshot(db, to))) {
      const key = `${change.subject.kind}/${change.subject.namespace}/${change.subject.name}`;
      const entry = grants.get(key) ?? { subject: change.subject, gained: [], lost: [], effective: none };
      grants.set(key, { ...entry, effective: { gained: change.gained, lost: change.lost } });
    }
  }
  return {
    from,
    to,
    objects: rows.objects,
    permissions: [...grants.values()].sort((a, b) => `${a.subject.kind}/${a.subject.namespace}/${a.subject.name}`.localeCompare(`${b.subject.kind}/${b.subject.namespace}/${b.subject.name}`)),
    paths: rows.paths,
    findings: rows.findings,
  };
}
