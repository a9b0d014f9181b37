/**
 * A canonical, order-preserving rendering of an analysis result, to prove that an optimisation
 * changes no answer: the paths, findings, exposure ranking, sinks and fix set exactly as returned,
 * plus the edges between shared vertices (by vertex reference, so vertex numbering does not
 * matter). `digestOf` reduces each part to a count and a hash.
 *
 * Two parts are recorded but not compared, because the optimised analysis legitimately differs:
 * edges touching private vertices (RoleGrant, relabelled Namespace) — a self-grant of rules the
 * principal already holds is no longer built, so its redundant hops (back to its owner, to a
 * second private Namespace) are gone — and, for the same reason, the per-fix count of edges a
 * cause enables (`fixEdgeCounts`).
 */
import { causeKey } from "./cause";
import { createHash } from "node:crypto";
import type { AnalysisResult } from "./analyze";
import { edgeAt, type GraphVertex } from "./graph";
import { formatVertexRef } from "./refs";

export interface CanonicalAnalysis {
  readonly starts: number;
  readonly byTechnique: Readonly<Record<string, number>>;
  readonly paths: readonly unknown[];
  readonly findings: readonly unknown[];
  readonly exposure: readonly unknown[];
  readonly sinks: readonly unknown[];
  /** The fix set without the per-fix edge counts. */
  readonly fixes: unknown;
  readonly fixEdgeCounts: readonly number[];
  /** Sorted `from -> to technique via [alternatives] {causes}` lines between shared vertices. */
  readonly edges: readonly string[];
  /** The same for edges from or to a private vertex (compared by count only as a ceiling). */
  readonly privateEdges: readonly string[];
}

export interface AnalysisDigest {
  readonly counts: Readonly<Record<string, number>>;
  readonly sha256: Readonly<Record<string, string>>;
  /** Recorded for information, not compared (see above). */
  readonly changedByDesign: { readonly privateEdges: number; readonly fixEdgeCountsSha256: string; readonly byTechniqueSha256: string };
}

function vertexKey(vertices: readonly GraphVertex[], id: number): string {
  const v = vertices[id];
  if (!v) return `?${id}`;
  const ref = formatVertexRef(v.ref);
  return v.owner === null ? ref : `${ref}@${vertexKey(vertices, v.owner)}`;
}

export function canonicalAnalysis(r: AnalysisResult): CanonicalAnalysis {
  const { vertices } = r.graph;
  const shared: string[] = [];
  const priv: string[] = [];
  for (let i = 0; i < r.graph.edges.count; i++) {
    const e = edgeAt(r.graph, i);
    const line = `${vertexKey(vertices, e.from)} -> ${vertexKey(vertices, e.to)} ${e.technique} ${e.via} [${e.alternatives.map((a) => `${a.technique} ${a.via}`).join(", ")}] {${e.causes.map(causeKey).join(", ")}}`;
    if (vertices[e.from]?.owner === null && vertices[e.to]?.owner === null) shared.push(line);
    else priv.push(line);
  }
  shared.sort();
  priv.sort();
  return {
    starts: r.summary.starts,
    byTechnique: Object.fromEntries(Object.entries(r.summary.byTechnique).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    // v2 §2.6 `evidence` renders the hop's pod-field causes, which `edges` records by key.
    paths: r.paths.map((p) => ({ ...p, hops: p.hops.map(({ evidence: _fields, ...hop }) => hop) })),
    findings: r.findings,
    exposure: r.exposure,
    sinks: r.sinks,
    fixes: { ...r.fixes, fixes: r.fixes.fixes.map(({ edges: _count, ...rest }) => rest) },
    fixEdgeCounts: r.fixes.fixes.map((f) => f.edges),
    edges: shared,
    privateEdges: priv,
  };
}

const sha = (x: unknown): string => createHash("sha256").update(JSON.stringify(x)).digest("hex");

export function digestOf(c: CanonicalAnalysis): AnalysisDigest {
  const fixes = c.fixes as { fixes?: readonly unknown[] };
  return {
    counts: {
      starts: c.starts,
      paths: c.paths.length,
      findings: c.findings.length,
      exposure: c.exposure.length,
      sinks: c.sinks.length,
      fixes: fixes.fixes?.length ?? 0,
      edges: c.edges.length,
    },
    sha256: {
      paths: sha(c.paths),
      findings: sha(c.findings),
      exposure: sha(c.exposure),
      sinks: sha(c.sinks),
      fixes: sha(c.fixes),
      edges: sha(c.edges),
    },
    changedByDesign: { privateEdges: c.privateEdges.length, fixEdgeCountsSha256: sha(c.fixEdgeCounts), byTechniqueSha256: sha(c.byTechnique) },
  };
}

export interface CompactGolden {
  /** One line per path, in result order: `from => hop; hop` with `technique via -> reaches`. */
  readonly paths: readonly string[];
  readonly findings: readonly string[];
  /** `ServiceAccount score level pods nodes` in ranking order (non-zero scores only). */
  readonly exposure: readonly string[];
  readonly fixes: readonly string[];
}

/** A small, readable form of the result for a reference file (the digest covers the rest). */
export function compactGolden(c: CanonicalAnalysis): CompactGolden {
  const paths = c.paths as AnalysisResult["paths"];
  const exposure = c.exposure as AnalysisResult["exposure"];
  return {
    paths: paths.map((p) => `${formatVertexRef(p.from)} => ${p.hops.map((h) => `${h.technique} ${h.via} -> ${formatVertexRef(h.reaches)}`).join("; ")}`),
    findings: (c.findings as AnalysisResult["findings"]).map((f) => `${f.id} ${f.severity}`),
    exposure: exposure.filter((e) => e.score > 0).map((e) => `${formatVertexRef(e.serviceAccount)} ${e.score} ${e.level} ${e.pods} ${e.nodes}`),
    fixes: (c.fixes as { fixes: readonly { cause: string }[] }).fixes.map((f) => f.cause),
  };
}
