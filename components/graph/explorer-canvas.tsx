"use client";
/**
 * The permission graph explorer's canvas (client only; loaded without SSR by explorer.tsx).
 * Draws the server's neighbourhood, expands a vertex on click (merging what the endpoint returns,
 * never past MAX_ELEMENTS in the browser), highlights a path, and exports PNG/SVG.
 */
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import type { ExplorerEdge, ExplorerNode, Neighbourhood } from "@/lib/query/neighbourhood";
import { KIND_STYLE, RELATION_STYLE, SEVERITY_COLOR } from "./explorer-style";
import { chainPositions } from "./chain-layout";
import { graphSvg } from "./svg-export";
import { ARROW_DIRECTIONS, describeVertex, neighbourInDirection, type VertexWords } from "./keyboard-nav";

export type Layout = "chain" | "force";

/**
 * Above this many elements the canvas draws the cheaper way: straight edges instead of bezier
 * curves, no technique labels on edges and no label backgrounds (the details panel names the
 * technique of a selected edge). A 2,000-element view is unreadable at fit zoom anyway, and the
 * label boxes and curves were most of its first frame.
 */
export const LARGE_VIEW = 600;

export interface CanvasHandle {
  exportPng(): Blob | undefined;
  exportSvg(): string;
  merge(view: Neighbourhood, replacing?: string): number;
  size(): number;
  relayout(): void;
}

export function nodeLabel(n: Pick<ExplorerNode, "kind" | "namespace" | "name">): string {
  if (n.kind === "ClusterAdmin" || n.kind === "Collapsed") return n.name;
  return n.namespace ? `${n.namespace}/${n.name}` : n.name;
}

function nodeElement(n: ExplorerNode, focus: string): ElementDefinition {
  const style = KIND_STYLE[n.kind] ?? KIND_STYLE.Collapsed!;
  return {
    group: "nodes",
    data: {
      id: n.id,
      label: nodeLabel(n),
      kind: n.kind,
      color: style.color,
      shape: style.shape,
      ring: n.severity ? SEVERITY_COLOR[n.severity] : "#ffffff",
      ringWidth: n.severity ? 3 : 0,
      focus: n.id === focus ? 1 : 0,
      node: n,
    },
  };
}

function edgeElement(e: ExplorerEdge): ElementDefinition {
  const style = RELATION_STYLE[e.relation] ?? RELATION_STYLE.binds!;
  return {
    group: "edges",
    data: { id: e.id, source: e.source, target: e.target, label: e.technique ?? "", color: style.color, technique: e.technique ? 1 : 0, edge: e },
  };
}

const PADDING = 24;

/**
 * Lays the graph out (chain: preset positions; force: cose) and fits it in the canvas. A large
 * chain view is fitted from the positions alone: Cytoscape's own fit measures every label (with
 * ellipsis, character by character) for the bounding box, which was most of a 2,000-element render.
 */
function runLayout(layout: Layout, cy: Core): void {
  if (layout === "force") {
    cy.layout({ name: "cose", animate: false, nodeRepulsion: () => 8000, idealEdgeLength: () => 90, padding: PADDING, randomize: false } as cytoscape.LayoutOptions).run();
    return;
  }
  const nodes = cy.nodes().map((n) => {
    const data = n.data("node") as ExplorerNode;
    return { id: n.id(), kind: data.kind, ...(data.group ? { memberKind: data.group.memberKind } : {}) };
  });
  const edges = cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() }));
  const positions = chainPositions(nodes, edges);
  const large = cy.elements().length > LARGE_VIEW;
  cy.layout({ name: "preset", positions: (n: cytoscape.NodeSingular) => positions.get(n.id()) ?? { x: 0, y: 0 }, padding: PADDING, fit: !large, animate: false } as cytoscape.LayoutOptions).run();
  if (large) fitPositions(cy, [...positions.values()]);
}

/** Zoom and pan so that every position (plus a node's size) shows, without measuring labels. */
function fitPositions(cy: Core, points: readonly { x: number; y: number }[]): void {
  if (points.length === 0) return;
  const margin = 20;
  const x1 = Math.min(...points.map((p) => p.x)) - margin;
  const x2 = Math.max(...points.map((p) => p.x)) + margin;
  const y1 = Math.min(...points.map((p) => p.y)) - margin;
  const y2 = Math.max(...points.map((p) => p.y)) + margin;
  const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min((cy.width() - 2 * PADDING) / (x2 - x1), (cy.height() - 2 * PADDING) / (y2 - y1))));
  cy.viewport({ zoom, pan: { x: (cy.width() - zoom * (x1 + x2)) / 2, y: (cy.height() - zoom * (y1 + y2)) / 2 } });
}

interface Props {
  readonly view: Neighbourhood;
  readonly layout: Layout;
  readonly label: string;
  readonly onSelect: (node: ExplorerNode | ExplorerEdge | undefined) => void;
  readonly onActivate: (node: ExplorerNode) => void;
  /** Filled with the canvas' actions (export, merge) once drawn. */
  readonly handle: RefObject<CanvasHandle | null>;
}

export default function ExplorerCanvas({ view, layout, label, onSelect, onActivate, handle }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const callbacks = useRef({ onSelect, onActivate });
  callbacks.current = { onSelect, onActivate };
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const cursor = useRef<string | undefined>(undefined);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    if (!container.current) return undefined;
    const started = performance.now();
    const highlight = new Set(view.highlight);
    const large = view.nodes.length + view.edges.length > LARGE_VIEW;
    const cy = cytoscape({
      container: container.current,
      elements: [...view.nodes.map((n) => nodeElement(n, view.focus)), ...view.edges.map(edgeElement)],
      // no initial layout: Cytoscape's default (a grid, fitted) measured every element only to be replaced by runLayout below
      layout: { name: "null" },
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(color)",
            shape: "data(shape)" as never,
            label: "data(label)",
            "font-size": 10,
            color: "#0f172a",
            "text-valign": "bottom",
            "text-margin-y": 3,
            "text-wrap": large ? "none" : "ellipsis",
            "text-max-width": "160px",
            "text-background-color": "#ffffff",
            "text-background-opacity": large ? 0 : 0.7,
            "min-zoomed-font-size": 6,
            width: 18,
            height: 18,
            "border-color": "data(ring)",
            "border-width": "data(ringWidth)" as never,
          },
        },
        { selector: "node[focus = 1]", style: { width: 28, height: 28, "font-weight": "bold", "border-color": "#0f172a", "border-width": 3 } },
        { selector: 'node[kind = "Collapsed"]', style: { width: 26, height: 16, color: "#334155", "font-style": "italic" } },
        { selector: 'node[kind = "ClusterAdmin"]', style: { width: 32, height: 32 } },
        {
          selector: "edge",
          style: {
            width: 1.2,
            "line-color": "data(color)",
            "target-arrow-color": "data(color)",
            "target-arrow-shape": "triangle",
            "curve-style": large ? "straight" : "bezier",
            "arrow-scale": 0.8,
          },
        },
        {
          selector: "edge[technique = 1]",
          style: {
            width: 2,
            "line-style": "dashed",
            label: large ? "" : "data(label)",
            "font-size": 8,
            color: "#9f1239",
            "text-rotation": "autorotate",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "min-zoomed-font-size": 7,
          },
        },
        { selector: ".faded", style: { opacity: 0.4 } },
        { selector: ".highlighted", style: { opacity: 1, "border-color": "#f59e0b", "border-width": 4, "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", width: 3.5 } },
        { selector: ":selected", style: { "overlay-color": "#6366f1", "overlay-opacity": 0.25, "overlay-padding": 6 } },
        { selector: ".cursor", style: { "outline-color": "#4f46e5", "outline-width": 3, "outline-offset": 4, "outline-opacity": 1 } as never },
      ],
      wheelSensitivity: 0.2,
      minZoom: 0.05,
      maxZoom: 4,
      textureOnViewport: view.nodes.length > 600,
      hideEdgesOnViewport: view.edges.length > 1200,
      ...(large ? { pixelRatio: 1, motionBlur: false } : {}),
    });
    if (highlight.size > 0) {
      cy.elements().addClass("faded");
      cy.elements().filter((el) => highlight.has(el.id())).removeClass("faded").addClass("highlighted");
    }
    runLayout(layoutRef.current, cy);
    cy.on("tap", "node", (event) => {
      const node = event.target.data("node") as ExplorerNode;
      callbacks.current.onSelect(node);
      callbacks.current.onActivate(node);
    });
    cy.on("tap", "edge", (event) => callbacks.current.onSelect(event.target.data("edge") as ExplorerEdge));
    cy.on("tap", (event) => {
      if (event.target === cy) callbacks.current.onSelect(undefined);
    });
    cyRef.current = cy;
    cursor.current = undefined;
    const canvas = container.current;
    // data-build-ms: elements, style and layout (synchronous); data-render-ms: until the first frame is drawn
    canvas.dataset.buildMs = String(Math.round(performance.now() - started));
    canvas.dataset.elements = String(cy.elements().length);
    cy.one("render", () => {
      canvas.dataset.renderMs = String(Math.round(performance.now() - started));
    });
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, [view]);

  useEffect(() => {
    const cy = cyRef.current;
    if (cy) runLayout(layout, cy);
  }, [layout]);

  useImperativeHandle(handle, () => ({
    exportPng: () => cyRef.current?.png({ output: "blob", full: true, bg: "#ffffff", scale: 2 }) as Blob | undefined,
    exportSvg: () => {
      const cy = cyRef.current;
      if (!cy) return "";
      const nodes = cy.nodes().map((n) => ({ x: n.position("x"), y: n.position("y"), label: String(n.data("label")), color: String(n.data("color")), highlighted: n.hasClass("highlighted") }));
      const edges = cy.edges().map((e) => {
        const s = e.source().position();
        const t = e.target().position();
        return { x1: s.x, y1: s.y, x2: t.x, y2: t.y, color: String(e.data("color")), dashed: e.data("technique") === 1, label: String(e.data("label") ?? "") };
      });
      return graphSvg(nodes, edges, label);
    },
    size: () => cyRef.current?.elements().length ?? 0,
    merge: (extra: Neighbourhood, replacing?: string) => {
      const cy = cyRef.current;
      if (!cy) return 0;
      if (replacing) cy.getElementById(replacing).remove();
      const fresh: ElementDefinition[] = [];
      for (const n of extra.nodes) if (cy.getElementById(n.id).empty()) fresh.push(nodeElement(n, view.focus));
      for (const e of extra.edges) if (cy.getElementById(e.id).empty()) fresh.push(edgeElement(e));
      if (fresh.length === 0) return 0;
      cy.add(fresh);
      runLayout(layoutRef.current, cy);
      return fresh.length;
    },
    relayout: () => {
      const cy = cyRef.current;
      if (cy) runLayout(layoutRef.current, cy);
    },
  }));

  /** Puts the keyboard cursor on a vertex, scrolls it into view and says what it is. */
  const moveCursor = (id: string) => {
    const cy = cyRef.current;
    const node = cy?.getElementById(id);
    if (!cy || !node || node.empty()) return;
    cy.nodes(".cursor").removeClass("cursor");
    node.addClass("cursor");
    cursor.current = id;
    const box = cy.extent();
    const { x, y } = node.position();
    if (x < box.x1 || x > box.x2 || y < box.y1 || y > box.y2) cy.center(node);
    const words = (n: cytoscape.NodeSingular): VertexWords => {
      const data = n.data("node") as ExplorerNode;
      return { kind: data.kind, label: nodeLabel(data), severity: data.severity };
    };
    setAnnouncement(describeVertex(words(node), node.neighborhood("node").map(words)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const cy = cyRef.current;
    if (!cy || cy.nodes().empty()) return;
    const current = cursor.current ? cy.getElementById(cursor.current) : undefined;
    const direction = ARROW_DIRECTIONS[event.key];
    if (direction) {
      event.preventDefault();
      if (!current || current.empty()) return moveCursor(view.focus);
      const place = (n: cytoscape.NodeSingular) => ({ id: n.id(), ...n.position() });
      const next = neighbourInDirection(place(current), current.neighborhood("node").map(place), direction);
      if (next) moveCursor(next.id);
      return;
    }
    if (event.key === "Home") {
      event.preventDefault();
      moveCursor(view.focus);
      return;
    }
    if (!current || current.empty()) return;
    const node = current.data("node") as ExplorerNode;
    if (event.key === "Enter") {
      event.preventDefault();
      cy.elements(":selected").unselect();
      current.select();
      callbacks.current.onSelect(node);
    } else if (event.key === " " || event.key === "+") {
      event.preventDefault();
      callbacks.current.onActivate(node);
    } else if (event.key === "Escape") {
      cy.elements(":selected").unselect();
      callbacks.current.onSelect(undefined);
    }
  };

  const help = "Arrow keys move to the connected vertex in that direction, Home returns to the focus, Enter shows details, Space expands.";
  return (
    <div>
      <div
        ref={container}
        tabIndex={0}
        role="application"
        aria-roledescription="permission graph"
        aria-label={label}
        aria-describedby="graph-keys"
        data-testid="graph-canvas"
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (!cursor.current) moveCursor(view.focus);
        }}
        className="h-[640px] w-full rounded-lg border border-slate-200 bg-[#ffffff] focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      />
      <p id="graph-keys" className="mt-1 text-xs text-slate-500">
        Keyboard: {help}
      </p>
      <p role="status" aria-live="polite" className="sr-only" data-testid="graph-cursor">
        {announcement}
      </p>
    </div>
  );
}
