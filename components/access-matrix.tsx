/**
 * A rakkess-style access matrix (resources × verbs) and an effective-rules table
 * (`kubectl auth can-i --list`). Cells are text (✔ / ✖ with a spoken "allowed"/"denied"), not colour only.
 */
import Link from "next/link";
import type { AccessMatrix, Grant, RuleListEntry } from "@/lib/rbac";
import { BindingLink, RoleLink } from "./proof-chain";
import { Table, Td } from "./ui";

type Snap = number | string;

const qualified = (resource: string, apiGroup: string) => (apiGroup === "" ? resource : `${resource}.${apiGroup}`);

/** Rows with at least one allowed verb first-class; the rest hidden unless `showAll` (rakkess shows all). */
export function AccessMatrixTable({ matrix, caption, showAll, toggleHref }: { matrix: AccessMatrix; caption: string; showAll: boolean; toggleHref: string }) {
  const some = matrix.rows.filter((r) => matrix.verbs.some((v) => r.allowed[v] === true));
  const rows = showAll ? matrix.rows : some;
  const hidden = matrix.rows.length - some.length;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500">
        {showAll ? `All ${matrix.rows.length} built-in resources. ` : `${some.length} of ${matrix.rows.length} built-in resources with some access; ${hidden} without any are hidden. `}
        <Link href={toggleHref} className="link">
          {showAll ? "Hide rows without access" : "Show all rows"}
        </Link>
      </p>
      {rows.length > 0 ? <MatrixGrid matrix={{ ...matrix, rows }} caption={caption} /> : null}
    </div>
  );
}

function MatrixGrid({ matrix, caption }: { matrix: AccessMatrix; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm" aria-label={caption}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              Resource
            </th>
            {matrix.verbs.map((v) => (
              <th key={v} scope="col" className="px-2 py-2 text-center font-mono text-xs font-semibold text-slate-600">
                {v}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {matrix.rows.map((row) => {
            const name = qualified(row.resource, row.apiGroup);
            return (
              <tr key={name} className="hover:bg-slate-50">
                <th scope="row" className="whitespace-nowrap px-3 py-1 text-left font-mono text-xs font-normal text-slate-800">
                  {name}
                  {row.namespaced ? null : <span className="ml-2 font-sans text-[11px] uppercase tracking-wide text-slate-500">cluster</span>}
                </th>
                {matrix.verbs.map((v) => {
                  const ok = row.allowed[v] === true;
                  return (
                    <td key={v} className={`px-2 py-1 text-center ${ok ? "font-semibold text-emerald-700" : "text-slate-400"}`} title={`${v} ${name}: ${ok ? "allowed" : "denied"}`}>
                      <span aria-hidden>{ok ? "✔" : "✖"}</span>
                      <span className="sr-only">{ok ? "allowed" : "denied"}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The distinct bindings behind a rule entry (one link pair each). */
function sources(grants: readonly Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = JSON.stringify([g.binding, g.role]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function RuleListTable({ snapshot, entries, caption }: { snapshot: Snap; entries: readonly RuleListEntry[]; caption: string }) {
  return (
    <Table head={["Resource or URL", "API group", "Resource names", "Verbs", "Granted by"]} caption={caption}>
      {entries.map((e, i) => (
        <tr key={i}>
          <Td mono>{e.kind === "resource" ? e.resource : e.nonResourceURL}</Td>
          <Td mono>{e.kind === "resource" ? (e.apiGroup === "" ? '"" (core)' : e.apiGroup) : "—"}</Td>
          <Td mono>{e.kind === "resource" ? (e.resourceNames.length > 0 ? e.resourceNames.join(", ") : "any") : "—"}</Td>
          <Td mono>{e.verbs.join(", ")}</Td>
          <Td>
            <ul className="space-y-0.5 text-xs">
              {sources(e.grants).map((g, j) => (
                <li key={j} className="flex flex-wrap gap-x-1.5">
                  <BindingLink snapshot={snapshot} binding={g.binding} />
                  <span aria-hidden className="text-slate-400">→</span>
                  <RoleLink snapshot={snapshot} role={g.role} />
                </li>
              ))}
            </ul>
          </Td>
        </tr>
      ))}
    </Table>
  );
}
