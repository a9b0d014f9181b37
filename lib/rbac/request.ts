/**
 * The request side of an authorization question, shaped like the apiserver's
 * `authorizer.Attributes`: a resource request (verb, API group, resource, subresource,
 * namespace, name) or a non-resource request (verb, URL path).
 */

export interface ResourceRequest {
  readonly kind: "resource";
  readonly verb: string;
  /** "" is the core group. */
  readonly apiGroup: string;
  readonly resource: string;
  /** "" when the request is not on a subresource. */
  readonly subresource: string;
  /** "" = cluster-scoped request (or a request across all namespaces). */
  readonly namespace: string;
  /** "" when the request names no object (list, create without name, ...). */
  readonly name: string;
}

export interface NonResourceRequest {
  readonly kind: "nonResource";
  readonly verb: string;
  readonly path: string;
}

export type AccessRequest = ResourceRequest | NonResourceRequest;

/** Builds a resource request; every field not given is "". */
export function resourceRequest(
  p: Partial<Omit<ResourceRequest, "kind">> & { verb: string; resource: string },
): ResourceRequest {
  return {
    kind: "resource",
    verb: p.verb,
    apiGroup: p.apiGroup ?? "",
    resource: p.resource,
    subresource: p.subresource ?? "",
    namespace: p.namespace ?? "",
    name: p.name ?? "",
  };
}

export function nonResourceRequest(verb: string, path: string): NonResourceRequest {
  return { kind: "nonResource", verb, path };
}

/** The namespace the authorizer walks RoleBindings of: non-resource requests have none. */
export function requestNamespace(request: AccessRequest): string {
  return request.kind === "resource" ? request.namespace : "";
}

/** "pods" or "pods/log", as compared against a rule's `resources`. */
export function combinedResource(request: ResourceRequest): string {
  return request.subresource === "" ? request.resource : `${request.resource}/${request.subresource}`;
}

/** Human text: "list pods in namespace dev", "get /healthz". */
export function describeRequest(request: AccessRequest): string {
  if (request.kind === "nonResource") return `${request.verb} ${request.path}`;
  const group = request.apiGroup === "" ? "" : `.${request.apiGroup}`;
  const name = request.name === "" ? "" : ` "${request.name}"`;
  const where = request.namespace === "" ? " (cluster-scoped)" : ` in namespace ${request.namespace}`;
  return `${request.verb} ${request.resource}${group}${request.subresource === "" ? "" : `/${request.subresource}`}${name}${where}`;
}
