/**
 * Turning what a user typed (CLI flags, URL query, assertion entries) into an authorization
 * request. One parser for every front-end so `can-i` means the same everywhere.
 */
import { nonResourceRequest, resolveResourceType, resourceRequest, type AccessRequest } from "@/lib/rbac";

export interface RequestParams {
  readonly verb?: string | undefined;
  /** TYPE[.GROUP] or TYPE[.GROUP]/NAME (kubectl's form), or a non-resource URL starting with "/". */
  readonly type?: string | undefined;
  readonly name?: string | undefined;
  readonly subresource?: string | undefined;
  /** Overrides group resolution; "" = core group. */
  readonly apiGroup?: string | undefined;
  readonly namespace?: string | undefined;
}

export type RequestParse =
  | { readonly ok: true; readonly request: AccessRequest; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string };

export function requestFromParams(params: RequestParams): RequestParse {
  const verb = params.verb?.trim() ?? "";
  const type = params.type?.trim() ?? "";
  if (verb === "") return { ok: false, message: "a verb is required (get, list, create, …)" };
  if (type === "") return { ok: false, message: "a resource type or a non-resource URL is required" };
  if (type.startsWith("/")) {
    if (params.name || params.subresource || params.apiGroup !== undefined) {
      return { ok: false, message: "a non-resource URL takes no name, subresource or API group" };
    }
    // Like kubectl, a namespace given with a URL is ignored: non-resource requests have none.
    const warnings = params.namespace ? [`the namespace "${params.namespace}" is ignored: non-resource URLs are not namespaced`] : [];
    return { ok: true, request: nonResourceRequest(verb, type), warnings };
  }
  // kubectl's `TYPE/NAME` form: the part after the slash is the object name, not a subresource.
  const slash = type.indexOf("/");
  let name = params.name ?? "";
  let typeOnly = type;
  if (slash >= 0) {
    if (name !== "") return { ok: false, message: `name given twice: "${type}" and "${name}"` };
    typeOnly = type.slice(0, slash);
    name = type.slice(slash + 1);
  }
  const warnings: string[] = [];
  let apiGroup: string;
  let resource: string;
  const resolved = typeOnly === typeOnly.toLowerCase() ? resolveResourceType(typeOnly, params.apiGroup) : undefined;
  if (resolved === undefined) {
    // RBAC compares resources case-sensitively and Kubernetes' authorizer tests ask for "Pods"
    // literally: a TYPE with capitals is the resource exactly as typed (kubectl would lower-case it).
    const dot = typeOnly.indexOf(".");
    resource = dot < 0 ? typeOnly : typeOnly.slice(0, dot);
    apiGroup = params.apiGroup ?? (dot < 0 ? "" : typeOnly.slice(dot + 1));
    const kubectl = resolveResourceType(typeOnly.toLowerCase(), params.apiGroup?.toLowerCase());
    const hint = kubectl.ok && kubectl.builtIn ? ` (kubectl would ask for "${kubectl.resource}")` : "";
    warnings.push(`resource names are case-sensitive: asking literally for resource "${resource}"${hint}`);
  } else if (resolved.ok) {
    apiGroup = resolved.apiGroup;
    resource = resolved.resource;
    if (resolved.namespaced === false && params.namespace) {
      // Answered as asked (the authorizer would walk RoleBindings of that namespace, like a
      // SubjectAccessReview), but real requests for this resource never carry a namespace.
      warnings.push(
        `resource "${resource}" is not namespace scoped: real requests for it carry no namespace, so RoleBindings in "${params.namespace}" never apply to them (omit -n)`,
      );
    }
  } else if (resolved.code === "UNKNOWN_TYPE") {
    // kubectl warns "the server doesn't have a resource type" and asks literally (core group).
    apiGroup = "";
    resource = typeOnly;
    warnings.push(`"${typeOnly}" is not a built-in resource type: asking literally for resource "${typeOnly}" in the core group (use TYPE.GROUP or --api-group for custom resources)`);
  } else {
    return { ok: false, message: resolved.message };
  }
  return {
    ok: true,
    warnings,
    request: resourceRequest({
      verb,
      apiGroup,
      resource,
      subresource: params.subresource ?? "",
      namespace: params.namespace ?? "",
      name,
    }),
  };
}

/** The HTTP API's query: verb, resource|type|url, name, subresource, apiGroup, namespace. */
export function requestFromQuery(query: URLSearchParams): RequestParse {
  return requestFromParams({
    verb: query.get("verb") ?? undefined,
    type: query.get("url") ?? query.get("resource") ?? query.get("type") ?? undefined,
    name: query.get("name") ?? undefined,
    subresource: query.get("subresource") ?? undefined,
    apiGroup: query.get("apiGroup") ?? undefined,
    namespace: query.get("namespace") ?? undefined,
  });
}
