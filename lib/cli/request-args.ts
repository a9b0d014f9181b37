import type { AccessRequest } from "@/lib/rbac";
import { requestFromParams } from "@/lib/query/request-params";
import { UsageError } from "./args";
import type { CliIO } from "./io";

export const REQUEST_OPTIONS = {
  namespace: { type: "string", short: "n" },
  subresource: { type: "string" },
  "api-group": { type: "string" },
} as const;

/** `VERB TYPE[.GROUP] [NAME]` or `VERB /url`, plus -n/--subresource/--api-group; warnings go to stderr. */
export function requestFromArgs(
  positionals: readonly string[],
  values: { namespace?: string | undefined; subresource?: string | undefined; "api-group"?: string | undefined },
  io: CliIO,
): AccessRequest {
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
  return parsed.request;
}
