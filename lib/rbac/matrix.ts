/**
 * A rakkess-style access matrix: resources × verbs for one identity. Namespaced resources are
 * asked in `namespace` ("" = across all namespaces, i.e. cluster-wide); cluster-scoped ones
 * always cluster-wide.
 */
import { allows } from "@/lib/rbac/can-i";
import type { Identity } from "@/lib/rbac/identity";
import type { CompiledPolicy } from "@/lib/rbac/policy";
import { resourceRequest } from "@/lib/rbac/request";
import { BUILTIN_RESOURCE_TYPES } from "@/lib/rbac/resource-types";

export const DEFAULT_MATRIX_VERBS: readonly string[] = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

export interface MatrixResource {
  readonly apiGroup: string;
  readonly resource: string;
  readonly namespaced: boolean;
}

export interface AccessMatrixRow extends MatrixResource {
  /** verb → allowed (for any object name). */
  readonly allowed: Readonly<Record<string, boolean>>;
}

export interface AccessMatrix {
  readonly namespace: string;
  readonly verbs: readonly string[];
  readonly rows: readonly AccessMatrixRow[];
}

export const DEFAULT_MATRIX_RESOURCES: readonly MatrixResource[] = BUILTIN_RESOURCE_TYPES.map((x) => ({
  apiGroup: x.apiGroup,
  resource: x.resource,
  namespaced: x.namespaced,
}));

export function accessMatrix(
  p: CompiledPolicy,
  identity: Identity,
  namespace: string,
  resources: readonly MatrixResource[] = DEFAULT_MATRIX_RESOURCES,
  verbs: readonly string[] = DEFAULT_MATRIX_VERBS,
): AccessMatrix {
  const rows = resources.map((r) => {
    const allowed: Record<string, boolean> = {};
    for (const verb of verbs) {
      allowed[verb] = allows(
        p,
        identity,
        resourceRequest({ verb, apiGroup: r.apiGroup, resource: r.resource, namespace: r.namespaced ? namespace : "" }),
      );
    }
    return { ...r, allowed };
  });
  return { namespace, verbs, rows };
}
