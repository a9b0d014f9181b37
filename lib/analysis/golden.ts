/**
 * A canonical, order-preserving rendering of an analysis result, to prove that an optimisation
 * changes no answer: the paths, findings, exposure ranking, sinks and fix set exactly as returned,
 * plus the live edges of the graph (by vertex reference, private vertices qualified by their
 * owner, so vertex numbering does not matter). `digestOf` reduces each part to a count and a hash.
 */
import { createHash } from "node:crypto";
import type { AnalysisResult } from "./analyze";
import type { GraphVertex } from "./graph";
import { formatVertexRef } from "./refs";

export interface CanonicalAnalysis {
  readonly starts: number;
  readonly byTechnique: Readonly<Record<string, number>>;
  readonly paths: readonly unknown[];
  readonly findings: readonly unknown[];
  readonly exposure: readonly unknown[];
  readonly sinks: readonly unknown[];
  readonly fixes: unknown;
  /** Sorted `from -> to technique via [alternatives] {causes}` lines. */
  readonly edges: readonly string[];
}

export interface AnalysisDigest {
  readonly counts: Readonly<Record<string, number>>;
  readonly sha256: Readonly<Record<string, string>>;
}

function vertexKey(vertices: readonly GraphVertex[], id: number): string {
  const v = vertices[id];
  if (!v) return `?${id}`;
  const ref = formatVertexRef(v.ref);
  return v.owner === null ? ref : `${ref}@${vertexKey(vertices, v.owner)}`;
}

export function canonicalAnalysis(r: AnalysisResult): CanonicalAnalysis {
  const { vertices, edges } = r.graph;
  const lines = edges.map(
    (e) =>
      `${vertexKey(vertices, e.from)} -> ${vertexKey(vertices, e.to)} ${e.technique} ${e.via} [${e.alternatives.map((a) => `${a.technique} ${a.via}`).join(", ")}] {${e.causes.join(", ")}}`,
  );
  lines.sort();
  return {
    starts: r.summary.starts,
    byTechnique: Object.fromEntries(Object.entries(r.summary.byTechnique).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    paths: r.paths,
    findings: r.findings,
    exposure: r.exposure,
    sinks: r.sinks,
    fixes: r.fixes,
    edges: lines,
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
      byTechnique: sha(c.byTechnique),
      paths: sha(c.paths),
      findings: sha(c.findings),
      exposure: sha(c.exposure),
      sinks: sha(c.sinks),
      fixes: sha(c.fixes),
      edges: sha(c.edges),
    },
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
    fixes: (c.fixes as AnalysisResult["fixes"]).fixes.map((f) => f.cause),
  };
}
