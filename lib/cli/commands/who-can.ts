import { describeGrant, describeProblem, describeRequest, whoCan } from "@/lib/rbac";
import { compileCluster } from "@/lib/query/compiled-cache";
import { whoCanJson } from "@/lib/query/present";
import { requestFromParams } from "@/lib/query/request-params";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { loadClusterInput } from "../cluster-input";
import { EXIT, formatTable, printJson, type CliIO } from "../io";

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...INPUT_OPTIONS,
    namespace: { type: "string", short: "n" },
    "all-namespaces": { type: "boolean", short: "A" },
    subresource: { type: "string" },
    "api-group": { type: "string" },
    explain: { type: "boolean" },
  });
  const format = outputFormat(values.output);
  const [verb, type, name, ...extra] = positionals;
  if (verb === undefined || type === undefined) throw new UsageError("expected VERB and TYPE (or a non-resource URL)");
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  if (values["all-namespaces"] && values.namespace !== undefined) throw new UsageError("use either -n NS or -A, not both");
  const parsed = requestFromParams({
    verb,
    type,
    name,
    subresource: values.subresource,
    apiGroup: values["api-group"],
    namespace: values.namespace,
  });
  if (!parsed.ok) throw new UsageError(parsed.message);
  for (const warning of parsed.warnings) io.err(`warning: ${warning}`);
  const input = await loadClusterInput(values, io);
  const compiled = compileCluster(input.cluster);
  const result = whoCan(compiled.policy, parsed.request, {
    allNamespaces: values["all-namespaces"] ?? false,
    serviceAccounts: compiled.serviceAccounts,
  });
  if (format === "json") {
    printJson(io, whoCanJson(result, input.unreadable));
    return EXIT.ok;
  }
  const scope = result.allNamespaces
    ? "in any namespace"
    : parsed.request.kind === "resource" && parsed.request.namespace === ""
      ? "cluster-scoped (no -n: only ClusterRoleBindings apply; -A for any namespace)"
      : "";
  io.out(`who can ${describeRequest(parsed.request)} ${scope} — ${input.label}`.replace(/\s+—/, " —"));
  for (const u of input.unreadable) io.err(`warning: the snapshot could not read ${u.kind} (${u.reason}); the answer may be incomplete.`);
  if (result.subjects.length === 0) {
    io.out("nobody (no binding grants it)");
  } else {
    io.out(
      formatTable(
        ["KIND", "NAMESPACE", "NAME", "VIA"],
        result.subjects.map((s) => [
          s.kind,
          s.namespace ?? "",
          s.name,
          s.grants
            .map((g) => `${g.binding.kind === "RoleBinding" ? `RoleBinding ${g.binding.namespace}/` : "ClusterRoleBinding "}${g.binding.name}`)
            .filter((v, i, all) => all.indexOf(v) === i)
            .join(", "),
        ]),
      ),
    );
    if (values.explain) {
      for (const s of result.subjects) {
        io.out(`\n${s.kind} ${s.namespace ? `${s.namespace}/` : ""}${s.name}`);
        for (const g of s.grants) io.out(`  ${describeGrant(g)}${g.scope === null ? "" : ` [in namespace ${g.scope}]`}`);
      }
    }
  }
  for (const problem of result.problems) io.err(`note: ${describeProblem(problem)}`);
  return EXIT.ok;
}
