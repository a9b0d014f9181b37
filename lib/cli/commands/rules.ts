import { RBAC_KINDS } from "@/lib/store/cluster";
import { listRules, type RuleListEntry } from "@/lib/rbac";
import { compileCluster } from "@/lib/query/compiled-cache";
import { rulesJson } from "@/lib/query/present";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { concerningIdentity, loadClusterInput } from "../cluster-input";
import { identityFromArgs, IDENTITY_OPTIONS } from "../identity-args";
import { EXIT, formatTable, printJson, type CliIO } from "../io";

const list = (values: readonly string[]) => `[${values.join(" ")}]`;

/** `kubectl auth can-i --list` layout: Resources, Non-Resource URLs, Resource Names, Verbs. */
export function rulesTable(entries: readonly RuleListEntry[]): string {
  const rows = entries.map((e) =>
    e.kind === "resource"
      ? [e.apiGroup === "" ? e.resource : `${e.resource}.${e.apiGroup}`, "[]", list(e.resourceNames), list(e.verbs)]
      : ["", list([e.nonResourceURL]), "[]", list(e.verbs)],
  );
  return formatTable(["Resources", "Non-Resource URLs", "Resource Names", "Verbs"], rows);
}

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...INPUT_OPTIONS, ...IDENTITY_OPTIONS, namespace: { type: "string", short: "n" } });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  const identity = identityFromArgs(values);
  const input = await loadClusterInput(values, io, RBAC_KINDS, concerningIdentity(identity, { scope: values.namespace ?? "" }));
  const namespace = values.namespace ?? "";
  const entries = listRules(compileCluster(input.cluster).policy, identity, namespace);
  if (format === "json") {
    printJson(io, rulesJson(identity, namespace, entries, input.unreadable));
    return EXIT.ok;
  }
  if (namespace === "") io.err("note: no -n given: only ClusterRoleBindings apply (rules for cluster-scoped requests).");
  io.out(rulesTable(entries));
  return EXIT.ok;
}
