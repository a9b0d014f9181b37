import { serviceAccountGroupsIn, whoCan, type AccessRequest, type CompiledPolicy, type WhoCanResult } from "@/lib/rbac";

/**
 * who-can without the snapshot's ServiceAccounts in memory (at 150k pods they are most of a stored
 * question's cost): asks once without them, then reads only those its ServiceAccount groups expand to
 * and asks again. The same answer as whoCan with every ServiceAccount (a namespace question only).
 */
export function whoCanReadingServiceAccounts(
  policy: CompiledPolicy,
  request: AccessRequest,
  serviceAccountsIn: (namespace?: string) => readonly { namespace: string; name: string }[],
): WhoCanResult {
  const first = whoCan(policy, request, { serviceAccounts: [] });
  const groups = serviceAccountGroupsIn(first);
  if (!groups.all && groups.namespaces.length === 0) return first;
  const serviceAccounts = groups.all ? serviceAccountsIn() : groups.namespaces.flatMap((ns) => serviceAccountsIn(ns));
  return whoCan(policy, request, { serviceAccounts });
}
