/**
 * Who is asking. `identityFor` mirrors what the kube-apiserver impersonation filter
 * (staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go) builds for
 * `kubectl --as USER [--as-group G]...`:
 * - a username that splits as a valid `system:serviceaccount:NS:NAME` is impersonated as that
 *   ServiceAccount; with no groups given it gets `system:serviceaccounts` and
 *   `system:serviceaccounts:NS`;
 * - every user other than `system:anonymous` then gets `system:authenticated`, unless the groups
 *   already contain `system:authenticated` or `system:unauthenticated`;
 * - `system:anonymous` gets `system:unauthenticated` unless already present.
 * `exactGroups` skips all of that (what the authorizer sees for an already-authenticated user).
 * A group-only identity (empty user name) is what the authorizer evaluates when an authenticator
 * or a SubjectAccessReview gives groups without a name; impersonation cannot produce it, so its
 * groups are taken exactly as given.
 */

export interface Identity {
  readonly user: string;
  readonly groups: readonly string[];
}

export const ANONYMOUS_USER = "system:anonymous";
export const AUTHENTICATED_GROUP = "system:authenticated";
export const UNAUTHENTICATED_GROUP = "system:unauthenticated";
export const SERVICE_ACCOUNTS_GROUP = "system:serviceaccounts";
export const SERVICE_ACCOUNT_USERNAME_PREFIX = "system:serviceaccount:";

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USERNAME_PREFIX}${namespace}:${name}`;
}

export function serviceAccountNamespaceGroup(namespace: string): string {
  return `${SERVICE_ACCOUNTS_GROUP}:${namespace}`;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Like Kubernetes' `serviceaccount.SplitUsername`: exactly two parts after the prefix, a valid
 * namespace name (DNS-1123 label) and a valid ServiceAccount name (DNS-1123 subdomain).
 */
export function parseServiceAccountUsername(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SERVICE_ACCOUNT_USERNAME_PREFIX)) return undefined;
  const parts = user.slice(SERVICE_ACCOUNT_USERNAME_PREFIX.length).split(":");
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts as [string, string];
  if (namespace.length > 63 || !DNS1123_LABEL.test(namespace)) return undefined;
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) return undefined;
  return { namespace, name };
}

export function identityFor(
  user: string,
  groups: readonly string[] = [],
  options: { exactGroups?: boolean } = {},
): Identity {
  if (options.exactGroups || user === "") return { user, groups: dedupe(groups) };
  let result = [...groups];
  const sa = parseServiceAccountUsername(user);
  if (sa && groups.length === 0) {
    result = [SERVICE_ACCOUNTS_GROUP, serviceAccountNamespaceGroup(sa.namespace)];
  }
  if (user !== ANONYMOUS_USER) {
    if (!result.includes(AUTHENTICATED_GROUP) && !result.includes(UNAUTHENTICATED_GROUP)) {
      result.push(AUTHENTICATED_GROUP);
    }
  } else if (!result.includes(UNAUTHENTICATED_GROUP)) {
    result.push(UNAUTHENTICATED_GROUP);
  }
  return { user, groups: dedupe(result) };
}

/** The authorizer evaluates any identity; one with neither a name nor a group can only match nothing. */
export function isEmptyIdentity(user: string, groups: readonly string[]): boolean {
  return user === "" && groups.length === 0;
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}
