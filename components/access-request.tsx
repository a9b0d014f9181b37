/**
 * The question as the kube-apiserver authorizer sees it (resolved group/resource, scope, groups)
 * and the yes/no answer.
 */
import type { AccessRequest, Identity } from "@/lib/rbac";
import { Badge } from "./ui";

const group = (g: string) => (g === "" ? '"" (core)' : g);

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words font-mono text-xs leading-5 text-slate-900">{children}</dd>
    </div>
  );
}

/** "cluster-scoped: only ClusterRoleBindings apply" and friends. */
export function scopeNote(request: AccessRequest, allNamespaces = false): string {
  if (request.kind === "nonResource") return "non-resource URL: only ClusterRoleBindings apply";
  if (allNamespaces) return "any namespace: ClusterRoleBindings, and RoleBindings of every namespace (each grant shows where it applies)";
  if (request.namespace === "") return "cluster-scoped: only ClusterRoleBindings apply";
  return `namespace ${request.namespace}: ClusterRoleBindings and the RoleBindings of ${request.namespace} apply`;
}

export function RequestSummary({ request, identity, allNamespaces = false }: { request: AccessRequest; identity?: Identity; allNamespaces?: boolean }) {
  return (
    <dl className="divide-y divide-slate-100 text-sm" aria-label="Request as the API server sees it">
      <Row label="Verb">{request.verb}</Row>
      {request.kind === "nonResource" ? (
        <Row label="Non-resource URL">{request.path}</Row>
      ) : (
        <>
          <Row label="API group">{group(request.apiGroup)}</Row>
          <Row label="Resource">
            {request.resource}
            {request.subresource ? `/${request.subresource}` : ""}
          </Row>
          <Row label="Name">{request.name === "" ? "(any: no name in the request)" : request.name}</Row>
          <Row label="Namespace">{allNamespaces ? "(all namespaces)" : request.namespace === "" ? "(none)" : request.namespace}</Row>
        </>
      )}
      <Row label="Scope">
        <span className="font-sans">{scopeNote(request, allNamespaces)}</span>
      </Row>
      {identity ? (
        <>
          <Row label="User">{identity.user}</Row>
          <Row label="Groups">
            {identity.groups.length === 0 ? (
              "(none)"
            ) : (
              <span className="flex flex-wrap gap-1">
                {identity.groups.map((g) => (
                  <Badge key={g}>{g}</Badge>
                ))}
              </span>
            )}
          </Row>
        </>
      ) : null}
    </dl>
  );
}

export function Verdict({ allowed, grants }: { allowed: boolean; grants: number }) {
  return (
    <div
      role="status"
      aria-label="Answer"
      className={`flex items-center gap-4 rounded-xl border p-5 shadow-sm ${allowed ? "border-emerald-300 bg-emerald-50" : "border-rose-300 bg-rose-50"}`}
    >
      <span
        aria-hidden
        className={`flex h-14 w-14 shrink-0 items-center justify-center rounded-full text-3xl font-bold text-white ${allowed ? "bg-emerald-600" : "bg-rose-600"}`}
      >
        {allowed ? "✔" : "✖"}
      </span>
      <div>
        <p className={`text-3xl font-bold tracking-tight ${allowed ? "text-emerald-800" : "text-rose-800"}`}>{allowed ? "yes" : "no"}</p>
        <p className="text-sm text-slate-600">
          {allowed ? `allowed by ${grants} rule${grants === 1 ? "" : "s"}` : "no rule allows this request (RBAC denies by default)"}
        </p>
      </div>
    </div>
  );
}

export function ErrorNote({ message }: { message: string }) {
  return (
    <p role="alert" className="rounded-xl border border-rose-300 bg-rose-50 p-4 text-sm text-rose-800">
      <span className="font-semibold">Cannot ask this: </span>
      {message}
    </p>
  );
}
