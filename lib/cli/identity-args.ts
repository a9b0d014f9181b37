import { identityFor, type Identity } from "@/lib/rbac";
import { UsageError } from "./args";

export const IDENTITY_OPTIONS = {
  as: { type: "string" },
  "as-group": { type: "string", multiple: true },
  "exact-groups": { type: "boolean" },
} as const;

/** `--as USER [--as-group G]... [--exact-groups]`, with kubectl's impersonation defaults unless --exact-groups. */
export function identityFromArgs(values: { as?: string | undefined; "as-group"?: string[] | undefined; "exact-groups"?: boolean | undefined }): Identity {
  if (values.as === undefined || values.as === "") throw new UsageError("--as USER is required (e.g. --as alice, --as system:serviceaccount:ci:deployer)");
  return identityFor(values.as, values["as-group"] ?? [], { exactGroups: values["exact-groups"] ?? false });
}
