"use client";
/**
 * Cytoscape drawing of escalation paths (client only; loaded without SSR by graph-client.tsx).
 * Principals on the left, ClusterAdmin at the far right (each vertex in the column of its longest chain).
 */
import cytoscape from "cytoscape";
import { useEffect, useRef } from "react";
import type { GraphElements } from "./graph-elements";

const COLORS: Readonly<Record<string, string>> = {
  ClusterAdmin: "#e11d48",
  Node: "#f97316",
  Secret: "#d97706",
  ServiceAccount: "#4f46e5",
  User: "#0891b2",
  Group: "#0d9488",
  Pod: "#64748b",
  Namespace: "#a855f7",
  RoleGrant: "#7c3aed",
};

const ROWS = 8;
const ROW_GAP = 70;
const SUBCOLUMN_GAP = 170;
const LEVEL_GAP = 250;

/**
 * Columns by longest chain; a column taller than ROWS wraps into side-by-side sub-columns so a
 * wide fan-in (many principals, one sink) stays legible. Rows within a column follow the mean row
 * of their predecessors (fewer crossings).
 */
function positionsOf(elements: GraphElements): Record<string, { x: number; y: number }> {
  const columns = new Map<number, string[]>();
  for (const n of elements.nodes) {
    const col = columns.get(n.level) ?? [];
    col.push(n.id);
    columns.set(n.level, col);
  }
  const tallest = Math.min(ROWS, Math.max(1, ...[...columns.values()].map((c) => c.length)));
  const row = new Map<string, number>();
  const out: Record<string, { x: number; y: number }> = {};
  let x = 0;
  for (const level of [...columns.keys()].sort((a, b) => a - b)) {
    const ids = columns.get(level) ?? [];
    const mean = (id: string) => {
      const rows = elements.edges.filter((e) => e.target === id && row.has(e.source)).map((e) => row.get(e.source) ?? 0);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : Number.POSITIVE_INFINITY;
    };
    const ordered = level === 0 ? ids : ids.map((id, i) => ({ id, i, m: mean(id) })).sort((a, b) => a.m - b.m || a.i - b.i).map((v) => v.id);
    const perColumn = Math.min(ROWS, ordered.length);
    const subColumns = Math.ceil(ordered.length / ROWS);
    ordered.forEach((id, i) => {
      const sub = Math.floor(i / ROWS);
      const inSub = sub === subColumns - 1 ? ordered.length - sub * ROWS : perColumn;
      const offset = ((tallest - inSub) * ROW_GAP) / 2;
      // a small per-column shift keeps a long edge from running straight through a vertex of a middle column
      const y = offset + (i % ROWS) * ROW_GAP + (level % 3) * 23 + (sub % 2) * (ROW_GAP / 2);
      row.set(id, y);
      out[id] = { x: x + sub * SUBCOLUMN_GAP, y };
    });
    x += (subColumns - 1) * SUBCOLUMN_GAP + LEVEL_GAP;
  }
  return out;
}

export default function GraphView({ elements, label }: { elements: GraphElements; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const levelOf = new Map(elements.nodes.map((n) => [n.id, n.level]));
    const cy = cytoscape({
      container: ref.current,
      elements: [
        ...elements.nodes.map((n) => ({ data: { id: n.id, label: n.label, color: COLORS[n.kind] ?? "#334155", start: n.start ? 1 : 0 } })),
        ...elements.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: e.label, span: (levelOf.get(e.target) ?? 0) - (levelOf.get(e.source) ?? 0) } })),
      ],
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(color)",
            label: "data(label)",
            "font-size": 11,
            color: "#0f172a",
            "text-valign": "bottom",
            "text-margin-y": 4,
            "text-wrap": "wrap",
            "text-max-width": "140px",
            width: 18,
            height: 18,
          },
        },
        { selector: "node[start = 1]", style: { shape: "round-rectangle", width: 22, height: 22 } },
        { selector: 'node[id = "ClusterAdmin"]', style: { width: 30, height: 30, "font-weight": "bold" } },
        {
          selector: "edge",
          style: {
            width: 1.5,
            "line-color": "#94a3b8",
            "target-arrow-color": "#94a3b8",
            "target-arrow-shape": "triangle",
            "curve-style": "bezier",
            // technique names on the edges only while they stay readable; the path cards name every step
            label: elements.edges.length <= 30 ? "data(label)" : "",
            "font-size": 8,
            color: "#475569",
            "text-rotation": "autorotate",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": "1px",
          },
        },
        // an edge that skips columns bends, so it does not seem to pass through a vertex in between
        { selector: "edge[span > 1]", style: { "curve-style": "unbundled-bezier", "control-point-distances": [36], "control-point-weights": [0.5] } },
      ],
      // columns by longest chain (principals left, ClusterAdmin right); rows spread within a column
      layout: { name: "preset", positions: positionsOf(elements), padding: 24, fit: true },
      wheelSensitivity: 0.2,
      minZoom: 0.2,
      maxZoom: 3,
    });
    return () => cy.destroy();
  }, [elements]);
  return <div ref={ref} role="img" aria-label={label} className="h-[420px] w-full rounded-lg border border-slate-200 bg-white" />;
}
