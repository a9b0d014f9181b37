import { RBAC_KINDS } from "@/lib/store/cluster";
import { accessMatrix } from "@/lib/rbac";
import { compileCluster } from "@/lib/query/compiled-cache";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { concerningIdentity, loadClusterInput } from "../cluster-input";
import { identityFromArgs, IDENTITY_OPTIONS } from "../identity-args";
import { EXIT, formatTable, paint, printJson, type CliIO } from "../io";

/** rakkess-style: one row per resource type, one column per verb. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...INPUT_OPTIONS,
    ...IDENTITY_OPTIONS,
    namespace: { type: "string", short: "n" },
    verbs: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
  const format = outputFormat(values.output);
  const identity = identityFromArgs(values);
  const input = await loadClusterInput(values, io, RBAC_KINDS, concerningIdentity(identity, { scope: values.namespace ?? "" }));
  const verbs = values.verbs?.split(",").map((v) => v.trim()).filter(Boolean);
  const matrix = accessMatrix(compileCluster(input.cluster).policy, identity, values.namespace ?? "", undefined, verbs);
  if (format === "json") {
    printJson(io, { identity, ...matrix });
    return EXIT.ok;
  }
  if (!values.namespace) io.err("note: no -n given: namespaced resources are asked cluster-wide (only ClusterRoleBindings apply).");
  const rows = matrix.rows.map((row) => [
    row.apiGroup === "" ? row.resource : `${row.resource}.${row.apiGroup}`,
    ...matrix.verbs.map((verb) => (row.allowed[verb] ? paint(io, "green", "✔") : paint(io, "red", "✖"))),
  ]);
  io.out(formatTable(["NAME", ...matrix.verbs.map((v) => v.toUpperCase())], rows));
  return EXIT.ok;
}
