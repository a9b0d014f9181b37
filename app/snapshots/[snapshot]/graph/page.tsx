import { GraphExplorer, type ExplorerParams } from "@/components/graph/explorer";
import { graphHref } from "@/components/links";
import { PageHeader } from "@/components/ui";
import { TECHNIQUE_IDS } from "@/lib/analysis/technique";
import { EXPLORER_KINDS, neighbourhood, UnknownFocusError, type Neighbourhood } from "@/lib/query/neighbourhood";
import { DEFAULT_DEPTH, parseNeighbourhoodParams } from "@/lib/query/neighbourhood-params";
import { searchObjects } from "@/lib/store";
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
  if (explorerParams.focus !== "") {
    const parsed = parseNeighbourhoodParams(query);
    if (!parsed.ok) problem = <p>{parsed.message}</p>;
    else {
      try {
        view = neighbourhood(db(), snapshot.id, parsed.query);
      } catch (error) {
        if (!(error instanceof UnknownFocusError)) throw error;
        const near = searchObjects(db(), snapshot.id, parsed.query.focus.name.slice(0, Math.max(3, Math.ceil(parsed.query.focus.name.length / 2))), 8);
        problem = (
          <>
            <p>
              <strong>{error.focus}</strong> is not in this snapshot.
            </p>
            {near.length > 0 ? (
              <p className="mt-2">
                Nearest names:{" "}
                {near.map((n, i) => {
                  const ref = n.namespace ? `${n.kind}/${n.namespace}/${n.name}` : `${n.kind}/${n.name}`;
                  return (
                    <span key={ref}>
                      {i > 0 ? ", " : ""}
                      <a className="link" href={graphHref(snapshot.id, ref)}>
                        {ref}
                      </a>
                    </span>
                  );
                })}
              </p>
            ) : null}
          </>
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
      {!view && !problem ? (
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
