import { canI, describeGrant, describeMiss, describeProblem, describeRequest } from "@/lib/rbac";
import { compileCluster } from "@/lib/query/compiled-cache";
import { decisionJson } from "@/lib/query/present";
import { requestFromParams } from "@/lib/query/request-params";
import { INPUT_OPTIONS, outputFormat, parseCommandArgs, UsageError } from "../args";
import { loadClusterInput } from "../cluster-input";
import { identityFromArgs, IDENTITY_OPTIONS } from "../identity-args";
import { EXIT, paint, printJson, type CliIO } from "../io";

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...INPUT_OPTIONS,
    ...IDENTITY_OPTIONS,
    namespace: { type: "string", short: "n" },
    subresource: { type: "string" },
    "api-group": { type: "string" },
    explain: { type: "boolean" },
  });
  const format = outputFormat(values.output);
  const [verb, type, name, ...extra] = positionals;
  if (verb === undefined || type === undefined) throw new UsageError("expected VERB and TYPE (or a non-resource URL)");
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
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
  const identity = identityFromArgs(values);
  const input = await loadClusterInput(values, io);
  const decision = canI(compileCluster(input.cluster).policy, identity, parsed.request);
  const code = decision.allowed ? EXIT.ok : EXIT.no;
  if (format === "json") {
    printJson(io, decisionJson(decision, input.unreadable));
    return code;
  }
  io.out(decision.allowed ? "yes" : "no");
  if (parsed.request.kind === "resource" && parsed.request.namespace === "") {
    io.err("note: no -n given, so this is a cluster-scoped request: only ClusterRoleBindings apply.");
  }
  for (const u of input.unreadable) io.err(`warning: the snapshot could not read ${u.kind} (${u.reason}); the answer may be incomplete.`);
  if (values.explain) {
    io.out(`${paint(io, "bold", describeRequest(parsed.request))} as ${identity.user} [groups: ${identity.groups.join(", ") || "none"}] in ${input.label}`);
    for (const grant of decision.grants) io.out(`  ${paint(io, "green", "✓")} ${describeGrant(grant)}`);
    if (!decision.allowed) {
      if (decision.misses.length === 0) io.out("  no rule held by this identity comes close.");
      for (const miss of decision.misses) io.out(`  ${paint(io, "yellow", "✗")} ${describeMiss(miss)}`);
    }
    for (const problem of decision.problems) io.out(`  ${paint(io, "red", "!")} ${describeProblem(problem)}`);
  }
  return code;
}
