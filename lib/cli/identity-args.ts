import { identityFor, isEmptyIdentity, type Identity } from "@/lib/rbac";
import { UsageError } from "./args";

export const IDENTITY_OPTIONS = {
  as: { type: "string" },
  "as-group": { type: "string", multiple: true },
  "exact-groups": { type: "boolean" },
} as const;

/**
 * `--as USER [--as-group G]... [--exact-groups]`, with kubectl's impersonation defaults unless
 * --exact-groups. `--as "" --as-group G` is a group-only identity, evaluated as the authorizer does.
 */
export function identityFromArgs(values: { as?: string | undefined; "as-group"?: string[] | undefined; "exact-groups"?: boolean | undefined }): Identity {
  const user = values.as ?? "";
  const groups = values["as-group"] ?? [];
  if (isEmptyIdentity(user, groups)) {
    throw new UsageError("--as USER is required, or --as-group G for a group-only identity (e.g. --as alice, --as system:serviceaccount:ci:deployer)");
  }
  return identityFor(user, groups, { exactGroups: values["exact-groups"] ?? false });
}
