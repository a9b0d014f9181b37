"use client";
/**
 * Cytoscape drawing of escalation paths (client only; loaded without SSR by graph-client.tsx).
 * Starts in the top row, ClusterAdmin towards the bottom (breadthfirst from the starts).
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

export default function GraphView({ elements, label }: { elements: GraphElements; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const cy = cytoscape({
      container: ref.current,
      elements: [
        ...elements.nodes.map((n) => ({ data: { id: n.id, label: n.label, color: COLORS[n.kind] ?? "#334155", start: n.start ? 1 : 0 } })),
        ...elements.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: e.label } })),
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
            label: "data(label)",
            "font-size": 8,
            color: "#475569",
            "text-rotation": "autorotate",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": "1px",
          },
        },
      ],
      layout: {
        name: "breadthfirst",
        directed: true,
        // principals nobody reaches sit in the first row; a start that is also reached is placed by depth
        roots: elements.nodes.filter((n) => !elements.edges.some((e) => e.target === n.id)).map((n) => n.id),
        spacingFactor: 1.1,
        padding: 24,
      },
      wheelSensitivity: 0.2,
      minZoom: 0.2,
      maxZoom: 3,
    });
    return () => cy.destroy();
  }, [elements]);
  return <div ref={ref} role="img" aria-label={label} className="h-[420px] w-full rounded-lg border border-slate-200 bg-white" />;
}
