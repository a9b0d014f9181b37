import { RBAC_KINDS } from "@/lib/store/cluster";
import { listServiceAccountsIn, loadNamespacePolicy } from "@/lib/store/rbac-subset";
import { describeGrant, describeProblem, describeRequest, whoCan } from "@/lib/rbac";
import { whoCanReadingServiceAccounts } from "@/lib/query/stored-rbac";
import { compileCluster } from "@/lib/query/compiled-cache";
import { whoCanJson } from "@/lib/query/present";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { loadClusterInput } from "../cluster-input";
import { REQUEST_OPTIONS, requestFromArgs } from "../request-args";
import { EXIT, formatTable, printJson, type CliIO } from "../io";

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...INPUT_OPTIONS,
    ...REQUEST_OPTIONS,
    "all-namespaces": { type: "boolean", short: "A" },
    explain: { type: "boolean" },
  });
  const format = outputFormat(values.output);
  if (values["all-namespaces"] && values.namespace !== undefined) throw new UsageError("use either -n NS or -A, not both");
  const request = requestFromArgs(positionals, values, io);
  const allNamespaces = values["all-namespaces"] ?? false;
  // From a stored snapshot, a question about one namespace reads only its Roles and bindings and the
  // cluster-wide ones (-A reads them all), and ServiceAccounts only when a ServiceAccount group can.
  const namespace = request.kind === "resource" ? request.namespace : "";
  const input = await loadClusterInput(
    values,
    io,
    [...RBAC_KINDS, "ServiceAccount"],
    allNamespaces ? undefined : (db, snapshotId) => loadNamespacePolicy(db, snapshotId, namespace),
  );
  const compiled = compileCluster(input.cluster);
  const store = input.store;
  const result =
    store && !allNamespaces
      ? whoCanReadingServiceAccounts(compiled.policy, request, (ns) => listServiceAccountsIn(store.db, store.snapshotId, ns))
      : whoCan(compiled.policy, request, { allNamespaces, serviceAccounts: compiled.serviceAccounts });
  if (format === "json") {
    printJson(io, whoCanJson(result, input.unreadable));
    return EXIT.ok;
  }
  const scope = result.allNamespaces
    ? "in any namespace"
    : request.kind === "resource" && request.namespace === ""
      ? "cluster-scoped (no -n: only ClusterRoleBindings apply; -A for any namespace)"
      : "";
  io.out(`who can ${describeRequest(request)} ${scope} — ${input.label}`.replace(/\s+—/, " —"));
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

