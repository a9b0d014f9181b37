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

/** Rules shown before a long table folds the rest under a disclosure (a role page on L had 23,000 px of rules). */
export const RULES_SHOWN = 25;

export function RuleTable({ rows, caption }: { rows: readonly RuleRow[]; caption: string }) {
  if (rows.length <= RULES_SHOWN + 5) return <RuleRows rows={rows} caption={caption} />;
  return (
    <div className="space-y-2">
      <RuleRows rows={rows.slice(0, RULES_SHOWN)} caption={caption} />
      <details>
        <summary className="cursor-pointer text-sm text-indigo-700">
          Show the other {rows.length - RULES_SHOWN} rules
        </summary>
        <div className="mt-2">
          <RuleRows rows={rows.slice(RULES_SHOWN)} caption={`${caption} (continued)`} />
        </div>
      </details>
    </div>
  );
}

function RuleRows({ rows, caption }: { rows: readonly RuleRow[]; caption: string }) {
  const showSource = rows.some((row) => row.source !== undefined);
  return (
    <Table head={["#", "Verbs", "API groups", "Resources", "Resource names", "Non-resource URLs", ...(showSource ? ["From"] : [])]} caption={caption}>
      {rows.map(({ rule, index, source }) => (
        <tr key={index}>
          <Td>{index + 1}</Td>
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
