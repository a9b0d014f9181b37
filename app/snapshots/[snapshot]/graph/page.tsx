import { GraphExplorer, type ExplorerParams } from "@/components/graph/explorer";
import { graphHref } from "@/components/links";
import { PageHeader } from "@/components/ui";
import { TECHNIQUE_IDS } from "@/lib/analysis/catalog";
import { EXPLORER_KINDS, formatExplorerRef, neighbourhood, UnknownFocusError, type Neighbourhood } from "@/lib/query/neighbourhood";
import { DEFAULT_DEPTH, parseNeighbourhoodParams } from "@/lib/query/neighbourhood-params";
import { nearestNames } from "@/lib/query/nearest";
import { NotInSnapshot } from "@/components/not-in-snapshot";
import { db, snapshotOr404 } from "@/app/_data/db";

type Search = Record<string, string | string[] | undefined>;

function toParams(search: Search): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) if (v !== "") params.append(key, v);
  }
  return params;
}

export async function generateMetadata({ searchParams }: { searchParams: Promise<Search> }) {
  const focus = toParams(await searchParams).get("focus");
  return { title: focus ? `Graph · ${focus}` : "Graph" };
}

export default async function GraphPage({ params, searchParams }: { params: Promise<{ snapshot: string }>; searchParams: Promise<Search> }) {
  const snapshot = await snapshotOr404((await params).snapshot);
  const query = toParams(await searchParams);
  const explorerParams: ExplorerParams = {
    focus: query.get("focus") ?? "",
    depth: Number(query.get("depth") ?? DEFAULT_DEPTH) || DEFAULT_DEPTH,
    ns: query.get("ns") ?? "",
    kinds: query.getAll("kind"),
    techniques: query.getAll("technique"),
    severity: query.get("severity") ?? "",
    pathTo: query.get("pathTo") ?? "",
    layout: query.get("layout") === "force" ? "force" : "chain",
  };
  let view: Neighbourhood | null = null;
  let problem: React.ReactNode = null;
  let missing: React.ReactNode = null;
  if (explorerParams.focus !== "") {
    const parsed = parseNeighbourhoodParams(query);
    if (!parsed.ok) problem = <p>{parsed.message}</p>;
    else {
      try {
        view = neighbourhood(db(), snapshot.id, parsed.query);
      } catch (error) {
        if (!(error instanceof UnknownFocusError)) throw error;
        const focus = parsed.query.focus;
        const near = nearestNames(db(), snapshot.id, focus);
        missing = (
          <NotInSnapshot
            what={error.focus}
            nearest={near.map((n) => {
              const ref = formatExplorerRef(n);
              return { label: ref, href: graphHref(snapshot.id, ref) };
            })}
          />
        );
      }
    }
  }
  return (
    <div>
      <PageHeader
        title="Permission graph"
        subtitle="Subjects → bindings → roles, pods → ServiceAccounts → nodes, and the escalation hops the analysis found. Start from a focus; click a vertex to expand it."
      />
      {missing}
      {problem ? (
        <div role="alert" className="mb-4 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          {problem}
        </div>
      ) : null}
      <GraphExplorer
        key={query.toString()}
        snapshot={snapshot.id}
        view={view}
        params={explorerParams}
        kinds={EXPLORER_KINDS.filter((k) => k !== "ClusterAdmin")}
        techniques={[...TECHNIQUE_IDS]}
      />
      {!view && !problem && !missing ? (
        <p className="mt-4 text-sm text-slate-600">
          Pick a focus above, or start from{" "}
          <a className="link" href={graphHref(snapshot.id, "ClusterAdmin", { depth: 1 })}>
            everyone who reaches cluster admin
          </a>
          .
        </p>
      ) : null}
    </div>
  );
}
