import type { PolicyRule } from "@/lib/rbac/objects";
import { Table, Td } from "./ui";

const cell = (values: readonly string[] | undefined, empty = "—") =>
  values && values.length > 0 ? values.map((v) => (v === "" ? '""' : v)).join(", ") : empty;

export interface RuleRow {
  readonly rule: PolicyRule;
  readonly index: number;
  /** For aggregated ClusterRoles: the ClusterRole the rule was copied from. */
  readonly source?: React.ReactNode;
}

export function RuleTable({ rows, caption }: { rows: readonly RuleRow[]; caption: string }) {
  const showSource = rows.some((row) => row.source !== undefined);
  return (
    <Table head={["#", "Verbs", "API groups", "Resources", "Resource names", "Non-resource URLs", ...(showSource ? ["From"] : [])]} caption={caption}>
      {rows.map(({ rule, index, source }) => (
        <tr key={index}>
          <Td>{index}</Td>
          <Td mono>{cell(rule.verbs)}</Td>
          <Td mono>{rule.nonResourceURLs?.length && !rule.resources?.length ? "—" : cell(rule.apiGroups, "(none)")}</Td>
          <Td mono>{cell(rule.resources)}</Td>
          <Td mono>{cell(rule.resourceNames, "any")}</Td>
          <Td mono>{cell(rule.nonResourceURLs)}</Td>
          {showSource ? <Td>{source ?? ""}</Td> : null}
        </tr>
      ))}
    </Table>
  );
}
