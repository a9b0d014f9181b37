/**
 * The answer sections of the can-i and who-can pages: verdict, request, proof or nearest misses,
 * binding problems; who-can's subject table.
 */
import type { Decision, Grant, WhoCanResult } from "@/lib/rbac";
import { RequestSummary, Verdict } from "./access-request";
import type { ListSort } from "@/lib/store/list-sort";
import { subjectHref } from "./links";
import { SortableTable, type Column } from "./list-controls";
import { BindingLink, GrantList, NearMissList, ProblemList, RoleLink } from "./proof-chain";
import { Badge, Card, EmptyState, PageNav, Table, Td, TextLink } from "./ui";

type Snap = number | string;

export function CanIAnswer({ snapshot, decision }: { snapshot: Snap; decision: Decision }) {
  return (
    <div className="space-y-6">
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,18rem)_1fr]">
        <Verdict allowed={decision.allowed} grants={decision.grants.length} />
        <Card title="The request, as the API server sees it">
          <RequestSummary request={decision.request} identity={decision.identity} />
        </Card>
      </div>
      {decision.allowed ? (
        <Card title={`Proof (${decision.grants.length})`}>
          <GrantList snapshot={snapshot} grants={decision.grants} />
        </Card>
      ) : (
        <Card title="Why not: nearest misses">
          {decision.misses.length === 0 ? (
            <p className="text-sm text-slate-600">No binding of this identity comes close: nothing grants this user or its groups anything similar here.</p>
          ) : (
            <NearMissList snapshot={snapshot} misses={decision.misses} />
          )}
        </Card>
      )}
      {decision.problems.length > 0 ? (
        <Card title="Binding problems">
          <p className="mb-3 text-sm text-slate-600">These bindings apply to this identity here but grant nothing; the evaluation went on without them.</p>
          <ProblemList snapshot={snapshot} problems={decision.problems} />
        </Card>
      ) : null}
    </div>
  );
}

/** Grants grouped by binding: one line per (binding, role, scope, match), with the rule indexes. */
function byBinding(grants: readonly Grant[]) {
  const groups = new Map<string, { grant: Grant; rules: number[] }>();
  for (const g of grants) {
    const via = g.matchedVia.kind === "group" ? g.matchedVia.group : "";
    const key = JSON.stringify([g.binding, g.role, g.scope, via]);
    const entry = groups.get(key);
    if (entry) entry.rules.push(g.rule.ruleIndex);
    else groups.set(key, { grant: g, rules: [g.rule.ruleIndex] });
  }
  return [...groups.values()];
}

/** Subjects per page: at 100 a row of 8 grants each, `-A get secrets` on XL sent 2.1 MB. */
export const WHO_CAN_PAGE_SIZE = 50;

function SubjectTable({ sort, sortHref, children }: { sort: ListSort | undefined; sortHref: ((sort: ListSort) => string) | undefined; children: React.ReactNode }) {
  return sortHref ? (
    <SortableTable columns={WHO_CAN_COLUMNS} sort={sort} sortHref={sortHref} caption="Subjects allowed">
      {children}
    </SortableTable>
  ) : (
    <Table head={WHO_CAN_COLUMNS.map((c) => c.label)} caption="Subjects allowed">
      {children}
    </Table>
  );
}
const PROBLEMS_SHOWN = 100;
/** Grants listed per subject row (a group bound 300 times would otherwise fill the page). */
const GRANTS_SHOWN = 5;

/**
 * The who-can answer, one page of subjects at a time (`-A get secrets` on L names thousands; the
 * page sent 11 MB). `pageHref(n)` keeps the request in the URL.
 */
const WHO_CAN_COLUMNS: readonly Column[] = [
  { label: "Kind", sort: "kind" },
  { label: "Namespace", sort: "namespace" },
  { label: "Name", sort: "name" },
  { label: "Granted by", sort: "bindings" },
];

export function WhoCanAnswer({
  snapshot,
  result,
  page = 1,
  pageHref,
  sort,
  sortHref,
}: {
  snapshot: Snap;
  /** Subjects already in the order asked for (`sort`). */
  result: WhoCanResult;
  page?: number;
  pageHref?: (page: number) => string;
  sort?: ListSort | undefined;
  /** Set where the page can sort on the server; the headings then sort. */
  sortHref?: (sort: ListSort) => string;
}) {
  const pages = Math.max(1, Math.ceil(result.subjects.length / WHO_CAN_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const start = (current - 1) * WHO_CAN_PAGE_SIZE;
  const subjects = result.subjects.slice(start, start + WHO_CAN_PAGE_SIZE);
  const problems = result.problems.slice(0, PROBLEMS_SHOWN);
  const pager =
    pages > 1 && pageHref ? (
      <PageNav label="Pages" className="mt-3" page={current} pageSize={WHO_CAN_PAGE_SIZE} total={result.subjects.length} href={pageHref} noun="subjects" />
    ) : null;
  return (
    <div className="space-y-6">
      <Card title="The request, as the API server sees it">
        <RequestSummary request={result.request} allNamespaces={result.allNamespaces} />
      </Card>
      {result.subjects.length === 0 ? (
        <EmptyState>No subject is bound to a role that allows this request.</EmptyState>
      ) : (
        <section aria-label="Subjects">
          <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">{result.subjects.length} subjects can do this</h2>
          <SubjectTable sort={sort} sortHref={sortHref}>
            {subjects.map((s) => (
              <tr key={`${s.kind}/${s.namespace ?? ""}/${s.name}`}>
                <Td>{s.kind}</Td>
                <Td>
                  <span className="whitespace-nowrap">{s.namespace ?? "—"}</span>
                </Td>
                <Td>
                  <TextLink href={subjectHref(snapshot, s.kind, s.name, s.namespace)}>{s.name}</TextLink>
                </Td>
                <Td>
                  <ul className="space-y-1">
                    {byBinding(s.grants).slice(0, GRANTS_SHOWN).map(({ grant, rules }, i) => (
                      <li key={i} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                        <BindingLink snapshot={snapshot} binding={grant.binding} />
                        <span aria-hidden className="text-slate-400">→</span>
                        <RoleLink snapshot={snapshot} role={grant.role} />
                        <span className="text-xs text-slate-500">
                          rule{rules.length === 1 ? "" : "s"} {rules.map((r) => r + 1).join(", ")}
                        </span>
                        <Badge tone={grant.scope === null ? "info" : "neutral"}>{grant.scope === null ? "cluster-wide" : `namespace ${grant.scope}`}</Badge>
                        {grant.matchedVia.kind === "group" ? <Badge>via group {grant.matchedVia.group}</Badge> : null}
                      </li>
                    ))}
                    {byBinding(s.grants).length > GRANTS_SHOWN ? (
                      <li className="text-xs text-slate-500">
                        and {byBinding(s.grants).length - GRANTS_SHOWN} more bindings — <TextLink href={subjectHref(snapshot, s.kind, s.name, s.namespace)}>see the subject</TextLink>
                      </li>
                    ) : null}
                  </ul>
                </Td>
              </tr>
            ))}
          </SubjectTable>
          {pager}
        </section>
      )}
      {result.problems.length > 0 ? (
        <Card title={`Binding problems in scope (${result.problems.length})`}>
          <ProblemList snapshot={snapshot} problems={problems} />
          {result.problems.length > problems.length ? <p className="mt-2 text-sm text-slate-600">The first {problems.length} are shown; the findings page lists every dangling binding.</p> : null}
        </Card>
      ) : null}
    </div>
  );
}
