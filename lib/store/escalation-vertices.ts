import { TECHNIQUE_IDS } from "@/lib/analysis/catalog";
import type { EscalationGraph } from "@/lib/analysis/graph";
import { graphIndex } from "@/lib/analysis/paths";
import { formatVertexRef } from "@/lib/analysis/refs";
import { packJsonText, unpackJson } from "./packed-json";
import type { RawDatabase } from "./raw-client";
import type { SqlHandle, Dialect } from "./sql-handle";

/**
 * The escalation graph stored a second time, one row per vertex with its first hops each way
 * (EscalationVertex), so the graph explorer reads a vertex and its neighbours by index: at XL the
 * whole graph is 6M edges, ~300 MB of JSON and ~30 s to parse, for a neighbourhood that shows a few
 * hundred elements. Written in saveAnalysis's transaction; absent for snapshots analysed before the
 * table existed (their readers go through loadGraph as before).
 */

/** Hops kept per vertex and direction: a neighbourhood never shows more than 2,000 elements. */
export const STORED_HOPS = 2000;

export interface StoredVertex {
  readonly vertex: number;
  /** formatVertexRef of the vertex's ref. */
  readonly ref: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The principal owning a private vertex, or null. */
  readonly owner: number | null;
  readonly outCount: number;
  readonly inCount: number;
}

/** One hop: the vertex at the other end, the technique and its `via` text. */
export interface StoredHop {
  readonly other: number;
  readonly technique: string;
  readonly via: string;
}

type HopRow = [number, string, string];

/** Writes the rows of one snapshot's graph (call inside the analysis' transaction, after deleting old rows). */
export function insertEscalationVertices(raw: SqlHandle, dialect: Dialect, snapshotId: number, graph: EscalationGraph): void {
  const ix = graphIndex(graph);
  const t = graph.edges;
  const insert = raw.prepare(
    `INSERT INTO EscalationVertex (snapshotId, vertex, ref, kind, namespace, name, owner, outCount, inCount, hopsJson) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const hops = (start: Int32Array, order: Int32Array, v: number, other: ArrayLike<number>): HopRow[] => {
    const first = start[v]!;
    const end = Math.min(start[v + 1]!, first + STORED_HOPS);
    const rows: HopRow[] = [];
    for (let k = first; k < end; k++) {
      const e = order[k]!;
      rows.push([other[e] as number, TECHNIQUE_IDS[t.technique[e] as number] as string, t.strings[t.via[e] as number] as string]);
    }
    return rows;
  };
  for (const vertex of graph.vertices) {
    const v = vertex.id;
    const out = hops(ix.outStart, ix.outEdge, v, t.to);
    const inward = hops(ix.inStart, ix.inEdge, v, t.from);
    insert.run(
      snapshotId,
      v,
      formatVertexRef(vertex.ref),
      vertex.ref.kind,
      vertex.ref.namespace ?? "",
      vertex.ref.name ?? "",
      vertex.owner ?? -1,
      ix.outStart[v + 1]! - ix.outStart[v]!,
      ix.inStart[v + 1]! - ix.inStart[v]!,
      packJsonText(JSON.stringify({ out, in: inward }), dialect),
    );
  }
}

/** True when the snapshot's graph is stored per vertex (analysed by a version that writes the rows). */
export function hasEscalationVertices(db: RawDatabase, snapshotId: number): boolean {
  return db.raw.prepare(`SELECT 1 AS one FROM EscalationVertex WHERE snapshotId = ? LIMIT 1`).get(snapshotId) !== undefined;
}

const VERTEX_COLUMNS = `vertex, ref, kind, namespace, name, owner, outCount, inCount`;

type VertexRow = Omit<StoredVertex, "owner"> & { owner: number };

function toVertex(row: VertexRow): StoredVertex {
  return { ...row, owner: row.owner < 0 ? null : row.owner };
}

/** The public (unowned) vertex with this ref, if the graph has one. */
export function escalationVertexByRef(db: RawDatabase, snapshotId: number, ref: string): StoredVertex | undefined {
  const row = db.raw.prepare(`SELECT ${VERTEX_COLUMNS} FROM EscalationVertex WHERE snapshotId = ? AND ref = ? AND owner < 0 LIMIT 1`).get(snapshotId, ref) as
    | VertexRow
    | undefined;
  return row ? toVertex(row) : undefined;
}

/** Vertices by index (missing ones are absent from the map). */
export function escalationVerticesById(db: RawDatabase, snapshotId: number, ids: readonly number[]): Map<number, StoredVertex> {
  const out = new Map<number, StoredVertex>();
  const unique = [...new Set(ids)];
  // bounded parameter lists (SQLite's default limit is 32,766)
  for (let i = 0; i < unique.length; i += 500) {
    const part = unique.slice(i, i + 500);
    const rows = db.raw
      .prepare(`SELECT ${VERTEX_COLUMNS} FROM EscalationVertex WHERE snapshotId = ? AND vertex IN (${part.map(() => "?").join(", ")})`)
      .all(snapshotId, ...part) as VertexRow[];
    for (const row of rows) out.set(row.vertex, toVertex(row));
  }
  return out;
}

/** The vertex's first stored hops each way (at most STORED_HOPS), in the graph's order. */
export function escalationHops(db: RawDatabase, snapshotId: number, vertex: number): { out: StoredHop[]; in: StoredHop[] } {
  const row = db.raw.prepare(`SELECT hopsJson FROM EscalationVertex WHERE snapshotId = ? AND vertex = ?`).get(snapshotId, vertex) as
    | { hopsJson: string | Uint8Array }
    | undefined;
  if (!row) return { out: [], in: [] };
  const packed = unpackJson<{ out: HopRow[]; in: HopRow[] }>(row.hopsJson);
  const hop = ([other, technique, via]: HopRow): StoredHop => ({ other, technique, via });
  return { out: packed.out.map(hop), in: packed.in.map(hop) };
}
