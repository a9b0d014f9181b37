"use client";
/** Client wrapper: Cytoscape needs the DOM, so the view is loaded without SSR. */
import dynamic from "next/dynamic";
import type { GraphElements } from "./graph-elements";

const GraphView = dynamic(() => import("./graph-view"), {
  ssr: false,
  loading: () => <div className="flex h-[420px] items-center justify-center rounded-lg border border-slate-200 bg-white text-sm text-slate-500">Drawing the graph…</div>,
});

export function PathGraph({ elements, label }: { elements: GraphElements; label: string }) {
  return <GraphView elements={elements} label={label} />;
}
