/** Questions to try on an empty form: each one a link that fills the form through the URL. */
import Link from "next/link";
import { canIQuery, whoCanQuery } from "./access-params";

export interface Example {
  readonly label: string;
  readonly query: string;
}

export const CAN_I_EXAMPLES: readonly Example[] = [
  { label: "Can anonymous users get /healthz?", query: canIQuery({ verb: "get", type: "/healthz", as: "system:anonymous" }) },
  { label: "Can the scheduler bind pods in default?", query: canIQuery({ verb: "create", type: "pods", subresource: "binding", namespace: "default", as: "system:kube-scheduler" }) },
  { label: "Can any authenticated user list nodes?", query: canIQuery({ verb: "list", type: "nodes", as: "someone" }) },
  { label: "Can the default ServiceAccount of default read secrets?", query: canIQuery({ verb: "get", type: "secrets", namespace: "default", as: "system:serviceaccount:default:default" }) },
];

export const WHO_CAN_EXAMPLES: readonly Example[] = [
  { label: "Who can get secrets in kube-system?", query: whoCanQuery({ verb: "get", type: "secrets", namespace: "kube-system" }) },
  { label: "Who can create pods anywhere?", query: whoCanQuery({ verb: "create", type: "pods", all: true }) },
  { label: "Who can impersonate users?", query: whoCanQuery({ verb: "impersonate", type: "users" }) },
  { label: "Who can escalate ClusterRoles?", query: whoCanQuery({ verb: "escalate", type: "clusterroles" }) },
];

export function Examples({ action, examples }: { action: string; examples: readonly Example[] }) {
  return (
    <section aria-label="Examples" className="rounded-xl border border-dashed border-slate-300 bg-white p-5">
      <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">Try</h2>
      <ul className="grid gap-2 sm:grid-cols-2">
        {examples.map((e) => (
          <li key={e.query}>
            <Link href={`${action}?${e.query}`} className="link text-sm">
              {e.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
