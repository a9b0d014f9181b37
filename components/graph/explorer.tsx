"use client";
/**
 * The permission graph explorer: a GET form (focus, depth, filters — so every view is a URL),
 * the canvas (no SSR), a legend and a details panel. Clicking a vertex expands it through the
 * neighbourhood endpoint; clicking a collapsed group opens it.
 */
import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import type { ExplorerEdge, ExplorerNode, Neighbourhood } from "@/lib/query/neighbourhood";
import { graphHref, objectHref } from "../links";
import type { CanvasHandle, Layout } from "./explorer-canvas";
import { KIND_STYLE, RELATION_STYLE } from "./explorer-style";
import { SearchBox } from "../shell/search-box";

const ExplorerCanvas = dynamic(() => import("./explorer-canvas"), {
  ssr: false,
  loading: () => <div className="flex h-[640px] items-center justify-center rounded-lg border border-slate-200 bg-white text-sm text-slate-500">Drawing the graph…</div>,
});

export const MAX_BROWSER_ELEMENTS = 2000;

export interface ExplorerParams {
  readonly focus: string;
  readonly depth: number;
  readonly ns: string;
  readonly kinds: readonly string[];
  readonly techniques: readonly string[];
  readonly severity: string;
  readonly pathTo: string;
  readonly layout: Layout;
}

interface Props {
  readonly snapshot: number;
  readonly view: Neighbourhood | null;
  readonly params: ExplorerParams;
  readonly kinds: readonly string[];
  readonly techniques: readonly string[];
}

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function filterQuery(params: ExplorerParams): URLSearchParams {
  const q = new URLSearchParams();
  if (params.ns) q.set("ns", params.ns);
  for (const k of params.kinds) q.append("kind", k);
  for (const t of params.techniques) q.append("technique", t);
  if (params.severity) q.set("severity", params.severity);
  return q;
}

export function GraphExplorer({ snapshot, view, params, kinds, techniques }: Props) {
  const canvas = useRef<CanvasHandle | null>(null);
  const expanded = useRef(new Set<string>(view ? [view.focus] : []));
  const [selected, setSelected] = useState<ExplorerNode | ExplorerEdge | undefined>();
  const [layout, setLayout] = useState<Layout>(params.layout);
  const [status, setStatus] = useState<string>("");
  const [count, setCount] = useState(view ? view.nodes.length + view.edges.length : 0);

  const activate = useCallback(
    async (node: ExplorerNode) => {
      const handle = canvas.current;
      if (!handle) return;
      const isGroup = node.kind === "Collapsed" && node.group;
      const focus = isGroup ? node.group!.parent : node.id;
      // private escalation vertices (RoleGrant, relabelled Namespace) cannot be a focus: nothing to expand
      if (!isGroup && (expanded.current.has(node.id) || node.id.includes("#") || node.kind === "RoleGrant")) return;
      const room = MAX_BROWSER_ELEMENTS - handle.size();
      if (room <= 0) {
        setStatus(`The view holds ${MAX_BROWSER_ELEMENTS.toLocaleString()} elements: focus on a vertex to see more around it.`);
        return;
      }
      const query = filterQuery(params);
      query.set("focus", focus);
      query.set("depth", "1");
      query.set("limit", String(room));
      if (isGroup) query.append("open", node.group!.key);
      setStatus(`Expanding ${node.name}…`);
      const response = await fetch(`/api/snapshots/${snapshot}/graph?${query.toString()}`);
      if (!response.ok) {
        setStatus(`Could not expand ${node.name}: ${((await response.json()) as { error?: string }).error ?? response.status}`);
        return;
      }
      const extra = (await response.json()) as Neighbourhood;
      expanded.current.add(isGroup ? node.id : node.id);
      const added = handle.merge(extra, isGroup ? node.id : undefined);
      setCount(handle.size());
      setStatus(`${added} element${added === 1 ? "" : "s"} added around ${node.name}${extra.truncated ? " (cut at the element limit)" : ""}.`);
    },
    [params, snapshot],
  );

  const exportPng = () => {
    const blob = canvas.current?.exportPng();
    if (blob) download(`rbac-atlas-graph-${snapshot}.png`, blob);
  };
  const exportSvg = () => {
    const svg = canvas.current?.exportSvg();
    if (svg) download(`rbac-atlas-graph-${snapshot}.svg`, new Blob([svg], { type: "image/svg+xml" }));
  };

  return (
    <div className="space-y-4">
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Graph view">
        <div className="min-w-72 flex-1">
          <label htmlFor="graph-focus" className="block text-xs font-medium text-slate-600">
            Focus
          </label>
          <SearchBox snapshot={snapshot} id="graph-focus" name="focus" defaultValue={params.focus} placeholder="ServiceAccount/ci/deployer, ClusterRole/admin, Namespace/payments…" mode="ref" />
        </div>
        <div>
          <label htmlFor="graph-depth" className="block text-xs font-medium text-slate-600">
            Depth
          </label>
          <select id="graph-depth" name="depth" defaultValue={String(params.depth)} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            {[1, 2, 3].map((d) => (
              <option key={d} value={d}>
                {d} hop{d > 1 ? "s" : ""}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="graph-ns" className="block text-xs font-medium text-slate-600">
            Namespace
          </label>
          <input id="graph-ns" name="ns" defaultValue={params.ns} placeholder="any" className="w-32 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
        <div>
          <label htmlFor="graph-technique" className="block text-xs font-medium text-slate-600">
            Technique
          </label>
          <select id="graph-technique" name="technique" defaultValue={params.techniques[0] ?? ""} className="max-w-56 rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="">any</option>
            {techniques.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="graph-severity" className="block text-xs font-medium text-slate-600">
            Principals with findings ≥
          </label>
          <select id="graph-severity" name="severity" defaultValue={params.severity} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="">any</option>
            {["Critical", "High", "Medium", "Low"].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <details className="relative">
          <summary className="cursor-pointer rounded-md border border-slate-300 px-2 py-1.5 text-sm">Kinds{params.kinds.length > 0 ? ` (${params.kinds.length})` : ""}</summary>
          <fieldset className="absolute z-10 mt-1 grid w-64 grid-cols-2 gap-1 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg">
            <legend className="sr-only">Kinds to show</legend>
            {kinds.map((k) => (
              <label key={k} className="flex items-center gap-1.5">
                <input type="checkbox" name="kind" value={k} defaultChecked={params.kinds.includes(k)} />
                {k}
              </label>
            ))}
          </fieldset>
        </details>
        <input type="hidden" name="layout" value={layout} />
        {params.pathTo ? <input type="hidden" name="pathTo" value={params.pathTo} /> : null}
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
          Show
        </button>
      </form>

      {view ? (
        <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
          <div className="space-y-2">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span role="group" aria-label="Layout" className="inline-flex overflow-hidden rounded-md border border-slate-300">
                {(["chain", "force"] as const).map((l) => (
                  <button
                    key={l}
                    type="button"
                    aria-pressed={layout === l}
                    onClick={() => setLayout(l)}
                    className={`px-2.5 py-1 ${layout === l ? "bg-slate-800 text-white" : "bg-white text-slate-700"}`}
                  >
                    {l === "chain" ? "Left to right" : "Force"}
                  </button>
                ))}
              </span>
              <button type="button" onClick={exportPng} className="rounded-md border border-slate-300 bg-white px-2.5 py-1">
                Export PNG
              </button>
              <button type="button" onClick={exportSvg} className="rounded-md border border-slate-300 bg-white px-2.5 py-1">
                Export SVG
              </button>
              <span className="text-slate-600" data-testid="graph-count">
                {count.toLocaleString()} elements{view.truncated ? ` — cut at ${view.limit.toLocaleString()}` : ""}
              </span>
              {!view.analysed ? <span className="text-amber-700">No escalation analysis for this snapshot: technique edges are missing.</span> : null}
              <span role="status" className="text-slate-600">
                {status}
              </span>
            </div>
            <ExplorerCanvas
              view={view}
              layout={layout}
              label={`Permission graph around ${view.focus}`}
              onSelect={setSelected}
              onActivate={(node) => void activate(node)}
              handle={canvas}
            />
          </div>
          <aside className="space-y-4">
            <Details snapshot={snapshot} selected={selected} />
            <Legend />
          </aside>
        </div>
      ) : null}
    </div>
  );
}

function isNode(x: ExplorerNode | ExplorerEdge): x is ExplorerNode {
  return "kind" in x;
}

function Details({ snapshot, selected }: { snapshot: number; selected: ExplorerNode | ExplorerEdge | undefined }) {
  return (
    <section aria-labelledby="graph-details" className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
      <h2 id="graph-details" className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
        Selected
      </h2>
      {!selected ? (
        <p className="text-slate-500">Click a vertex (or move to it with the arrow keys and press Enter) to see its details; click it or press Space to expand it and to open a collapsed group.</p>
      ) : isNode(selected) ? (
        <dl className="space-y-1">
          <dt className="text-xs text-slate-500">Kind</dt>
          <dd>{selected.kind === "Collapsed" ? "Collapsed group" : selected.kind}</dd>
          {selected.namespace ? (
            <>
              <dt className="text-xs text-slate-500">Namespace</dt>
              <dd>{selected.namespace}</dd>
            </>
          ) : null}
          <dt className="text-xs text-slate-500">Name</dt>
          <dd className="break-all font-medium">{selected.name}</dd>
          {selected.severity ? (
            <>
              <dt className="text-xs text-slate-500">Worst finding</dt>
              <dd>{selected.severity}</dd>
            </>
          ) : null}
          {selected.kind !== "Collapsed" && selected.kind !== "ClusterAdmin" && selected.kind !== "RoleGrant" && !selected.id.includes("#") ? (
            <dd className="flex gap-3 pt-2">
              <Link className="link" href={objectHref(snapshot, selected.kind, selected.name, selected.namespace || undefined)}>
                Open page
              </Link>
              <Link className="link" href={graphHref(snapshot, selected.id)}>
                Focus here
              </Link>
            </dd>
          ) : null}
        </dl>
      ) : (
        <dl className="space-y-1">
          <dt className="text-xs text-slate-500">Edge</dt>
          <dd>{selected.technique ? `technique ${selected.technique}` : RELATION_STYLE[selected.relation]?.label}</dd>
          <dt className="text-xs text-slate-500">From</dt>
          <dd className="break-all">{selected.source}</dd>
          <dt className="text-xs text-slate-500">To</dt>
          <dd className="break-all">{selected.target}</dd>
          {selected.via ? (
            <>
              <dt className="text-xs text-slate-500">Via</dt>
              <dd className="break-all font-mono text-xs">{selected.via}</dd>
            </>
          ) : null}
        </dl>
      )}
    </section>
  );
}

function Legend() {
  return (
    <section aria-labelledby="graph-legend" className="rounded-xl border border-slate-200 bg-white p-4 text-xs shadow-sm">
      <h2 id="graph-legend" className="mb-2 font-semibold uppercase tracking-wide text-slate-500">
        Legend
      </h2>
      <ul className="grid grid-cols-1 gap-1">
        {Object.entries(KIND_STYLE).map(([kind, style]) => (
          <li key={kind} className="flex items-center gap-2">
            <span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: style.color }} />
            {style.label}
          </li>
        ))}
      </ul>
      <ul className="mt-3 grid gap-1">
        {Object.entries(RELATION_STYLE).map(([relation, style]) => (
          <li key={relation} className="flex items-center gap-2">
            <span aria-hidden className="inline-block w-6 border-t-2" style={{ borderColor: style.color, borderStyle: style.dashed ? "dashed" : "solid" }} />
            {style.label}
          </li>
        ))}
        <li className="flex items-center gap-2">
          <span aria-hidden className="inline-block h-3 w-3 rounded-full border-2 border-rose-600" /> ring: worst finding severity
        </li>
      </ul>
    </section>
  );
}
