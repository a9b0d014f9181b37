/**
 * The subject page's pieces: who the subject is to the authorizer (user name and default groups),
 * every binding that applies to it (directly or through one of its groups), the namespace picker.
 */
import { walkAllBindingsFor, type CompiledPolicy, type Identity, type RuleSource } from "@/lib/rbac";
import type { BindingEntry } from "@/lib/rbac/policy";
import { subjectHref } from "./links";
import { BindingLink, RoleLink, roleLabel } from "./proof-chain";
import { Badge, Table, Td } from "./ui";

export type SubjectKindParam = "User" | "Group" | "ServiceAccount";

export function isSubjectKind(kind: string): kind is SubjectKindParam {
  return kind === "User" || kind === "Group" || kind === "ServiceAccount";
}

export interface AppliedBinding {
  readonly entry: BindingEntry;
  readonly source: RuleSource;
}

export function bindingsApplyingTo(p: CompiledPolicy, identity: Identity): AppliedBinding[] {
  const out: AppliedBinding[] = [];
  walkAllBindingsFor(p, identity, (entry, source) => {
    out.push({ entry, source });
    return true;
  });
  return out;
}

export function SubjectBindingsTable({ snapshot, bindings }: { snapshot: number | string; bindings: readonly AppliedBinding[] }) {
  return (
    <Table head={["Binding", "Role", "Applies in", "Matched"]} caption="Bindings that apply to this subject">
      {bindings.map(({ entry, source }) => (
        <tr key={`${entry.ref.kind}/${entry.ref.namespace ?? ""}/${entry.ref.name}`}>
          <Td>
            <BindingLink snapshot={snapshot} binding={entry.ref} />
          </Td>
          <Td>
            {entry.rules ? (
              <RoleLink snapshot={snapshot} role={entry.role} />
            ) : (
              <span className="flex flex-wrap items-center gap-2">
                {roleLabel(entry.role)} <Badge tone="bad">grants nothing</Badge>
              </span>
            )}
          </Td>
          <Td>{entry.scope === null ? <Badge tone="info">cluster-wide</Badge> : <Badge>namespace {entry.scope}</Badge>}</Td>
          <Td>{source.matchedVia.kind === "group" ? <>via group <code className="text-xs">{source.matchedVia.group}</code></> : "directly"}</Td>
        </tr>
      ))}
    </Table>
  );
}

/** GET form choosing the namespace the rules and matrix are computed for ("" = cluster-wide). */
export function NamespacePicker({ action, namespaces, value, allRows = false }: { action: string; namespaces: readonly string[]; value: string; allRows?: boolean }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3" aria-label="Choose a namespace">
      <div>
        <label htmlFor="ns" className="block text-xs font-medium uppercase tracking-wide text-slate-600">
          Namespace
        </label>
        <select id="ns" name="ns" defaultValue={value} className="mt-1 block min-w-64 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm">
          <option value="">(cluster-wide: ClusterRoleBindings only)</option>
          {namespaces.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      {allRows ? <input type="hidden" name="matrix" value="all" /> : null}
      <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700">
        Show
      </button>
    </form>
  );
}

/** The subject page's own URLs: its ref ("ServiceAccount/dev/ci") and the page with a namespace / matrix choice. */
export function subjectPageLinks(snapshot: number | string, kind: SubjectKindParam, name: string, namespace: string) {
  const href = subjectHref(snapshot, kind, name, namespace);
  return {
    href,
    ref: `${kind}/${namespace ? `${namespace}/` : ""}${name}`,
    with(ns: string, allRows: boolean): string {
      const q = new URLSearchParams();
      if (ns) q.set("ns", ns);
      if (allRows) q.set("matrix", "all");
      const s = q.toString();
      return s ? `${href}?${s}` : href;
    },
  };
}
