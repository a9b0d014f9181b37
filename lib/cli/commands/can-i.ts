import { RBAC_KINDS } from "@/lib/store/cluster";
import { canI, requestNamespace, describeGrant, describeMiss, describeProblem, describeRequest } from "@/lib/rbac";
import { compileCluster } from "@/lib/query/compiled-cache";
import { decisionJson } from "@/lib/query/present";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs } from "../args";
import { concerningIdentity, loadClusterInput } from "../cluster-input";
import { REQUEST_OPTIONS, requestFromArgs } from "../request-args";
import { identityFromArgs, IDENTITY_OPTIONS } from "../identity-args";
import { EXIT, paint, printJson, type CliIO } from "../io";

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...INPUT_OPTIONS,
    ...IDENTITY_OPTIONS,
    ...REQUEST_OPTIONS,
    explain: { type: "boolean" },
  });
  const format = outputFormat(values.output);
  const request = requestFromArgs(positionals, values, io);
  const identity = identityFromArgs(values);
  // From a stored snapshot only the bindings whose subjects could concern this identity are read.
  // From a stored snapshot: first only the bindings in the request's scope (all a "yes" reads); a "no"
  // also reads those that apply elsewhere, which its near misses name (OTHER_NAMESPACE and the like).
  const namespace = requestNamespace(request);
  // The second read parses only what the first did not.
  const parsed = new Map<number, unknown>();
  const input = await loadClusterInput(values, io, RBAC_KINDS, concerningIdentity(identity, { scope: namespace, lookalikesIn: namespace, parsed }));
  let decision = canI(compileCluster(input.cluster).policy, identity, request);
  if (!decision.allowed && input.store) {
    const everywhere = concerningIdentity(identity, { lookalikesIn: namespace, parsed })(input.store.db, input.store.snapshotId);
    if (everywhere) decision = canI(compileCluster(everywhere).policy, identity, request);
  }
  const code = decision.allowed ? EXIT.ok : EXIT.no;
  if (format === "json") {
    printJson(io, decisionJson(decision, input.unreadable));
    return code;
  }
  io.out(decision.allowed ? "yes" : "no");
  if (request.kind === "resource" && request.namespace === "") {
    io.err("note: no -n given, so this is a cluster-scoped request: only ClusterRoleBindings apply.");
  }
  for (const u of input.unreadable) io.err(`warning: the snapshot could not read ${u.kind} (${u.reason}); the answer may be incomplete.`);
  if (values.explain) {
    io.out(`${paint(io, "bold", describeRequest(request))} as ${identity.user} [groups: ${identity.groups.join(", ") || "none"}] in ${input.label}`);
    for (const grant of decision.grants) io.out(`  ${paint(io, "green", "✓")} ${describeGrant(grant)}`);
    if (!decision.allowed) {
      if (decision.misses.length === 0) io.out("  no rule held by this identity comes close.");
      for (const miss of decision.misses) io.out(`  ${paint(io, "yellow", "✗")} ${describeMiss(miss)}`);
    }
    for (const problem of decision.problems) io.out(`  ${paint(io, "red", "!")} ${describeProblem(problem)}`);
  }
  return code;
}
