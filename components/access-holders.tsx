/**
 * "Who holds this role and where": every binding that references a role, with its subjects and the
 * scope it grants in, as the authorizer resolves it (a RoleBinding to a ClusterRole is scoped to
 * the binding's namespace; a ClusterRoleBinding to a Role grants nothing).
 */
import { effectiveRulesOf, type CompiledPolicy } from "@/lib/rbac";
import type { BindingEntry } from "@/lib/rbac/policy";
import type { RoleRefResolved } from "@/lib/rbac";
import { BindingLink, RoleLink, SubjectLink } from "./proof-chain";
import type { RuleRow } from "./rule-table";
import { roleHref } from "./links";
import { Badge, Card, PageNav, Table, Td, TextLink } from "./ui";

/** Holder rows per page: ClusterRole view on XL has 40k bindings, and 500 rows were most of a 900 KB page. */
export const MAX_HOLDER_ROWS = 200;

/** Bindings referencing the role, ClusterRoleBindings first, in snapshot order. */
export function bindingsOfRole(p: CompiledPolicy, role: RoleRefResolved): BindingEntry[] {
  const refersTo = (e: BindingEntry) =>
    e.role.kind === role.kind && e.role.name === role.name && (role.kind === "ClusterRole" || e.role.namespace === role.namespace || e.ref.kind === "ClusterRoleBinding");
  return [...p.crbs.filter(refersTo), ...p.rbs.filter(refersTo)];
}

export function RoleHoldersTable({
  snapshot,
  bindings,
  page = 1,
  pageHref,
}: {
  snapshot: number | string;
  bindings: readonly BindingEntry[];
  /** 1-based page of MAX_HOLDER_ROWS rows (only with pageHref). */
  page?: number;
  pageHref?: ((page: number) => string) | undefined;
}) {
  const pages = Math.max(1, Math.ceil(bindings.length / MAX_HOLDER_ROWS));
  const current = pageHref ? Math.min(Math.max(1, page), pages) : 1;
  const start = (current - 1) * MAX_HOLDER_ROWS;
  const shown = bindings.slice(start, start + MAX_HOLDER_ROWS);
  return (
    <div className="space-y-2">
      <Table head={["Binding", "Grants in", "Subjects"]} caption="Who holds this role">
        {shown.map((e) => (
          <tr key={`${e.ref.kind}/${e.ref.namespace ?? ""}/${e.ref.name}`}>
            <Td>
              <BindingLink snapshot={snapshot} binding={e.ref} />
            </Td>
            <Td>
              {e.rules === undefined ? (
                <Badge tone="bad">nothing: {e.problem?.code === "CLUSTER_BINDING_TO_ROLE" ? "a ClusterRoleBinding cannot use a Role" : "role unusable"}</Badge>
              ) : e.scope === null ? (
                <Badge tone="info">cluster-wide (every namespace)</Badge>
              ) : (
                <Badge>namespace {e.scope} only</Badge>
              )}
            </Td>
            <Td>
              {e.subjects.length === 0 ? (
                <span className="text-slate-500">no subjects</span>
              ) : (
                <ul className="space-y-0.5">
                  {e.subjects.map((s, i) => (
                    <li key={i}>
                      <SubjectLink snapshot={snapshot} subject={s} scope={e.scope} />
                    </li>
                  ))}
                </ul>
              )}
            </Td>
          </tr>
        ))}
      </Table>
      {pageHref && pages > 1 ? (
        <PageNav label="Holder pages" page={current} pageSize={MAX_HOLDER_ROWS} total={bindings.length} href={pageHref} noun="bindings" />
      ) : bindings.length > shown.length ? (
        <p className="text-xs text-slate-500">Showing the first {shown.length} of {bindings.length} bindings.</p>
      ) : null}
    </div>
  );
}

/** The effective (aggregated) rules of a ClusterRole, each with a link to the ClusterRole it comes from. */
export function effectiveRuleRows(p: CompiledPolicy, snapshot: number | string, name: string): RuleRow[] {
  return (effectiveRulesOf(p, { kind: "ClusterRole", name }) ?? []).map((r) => ({
    rule: r.rule,
    index: r.ruleIndex,
    source: r.aggregatedFrom ? (
      <span className="whitespace-nowrap">
        <RoleLink snapshot={snapshot} role={{ kind: "ClusterRole", name: r.aggregatedFrom.clusterRole }} /> rule {r.aggregatedFrom.ruleIndex + 1}
        {r.via && r.via.length > 0 ? <span className="block text-xs text-slate-500">via {r.via.join(" → ")}</span> : null}
      </span>
    ) : undefined,
  }));
}

/** Aggregated ClusterRoles that copy at least one rule of `name` (directly or through a chain). */
export function aggregatedInto(p: CompiledPolicy, name: string): string[] {
  const out: string[] = [];
  for (const [target, rules] of p.clusterRoleRules) {
    if (target === name) continue;
    if (rules.some((r) => r.aggregatedFrom?.clusterRole === name || r.via?.includes(name))) out.push(target);
  }
  return out.sort();
}

export function RoleHoldersCard({
  snapshot,
  bindings,
  aggregatedInto,
  page,
  pageHref,
}: {
  snapshot: number | string;
  bindings: readonly BindingEntry[];
  aggregatedInto: readonly string[];
  page?: number;
  pageHref?: (page: number) => string;
}) {
  return (
    <Card title={`Who holds it (${bindings.length})`}>
      {bindings.length === 0 ? (
        <p className="text-sm text-slate-500">No binding references this role directly.</p>
      ) : (
        <RoleHoldersTable snapshot={snapshot} bindings={bindings} page={page} pageHref={pageHref} />
      )}
      {aggregatedInto.length > 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          Its rules are also aggregated into{" "}
          {aggregatedInto.map((n, i) => (
            <span key={n}>
              {i > 0 ? ", " : ""}
              <TextLink href={roleHref(snapshot, "ClusterRole", n)}>{`ClusterRole ${n}`}</TextLink>
            </span>
          ))}
          : whoever holds those holds these rules too.
        </p>
      ) : null}
    </Card>
  );
}
