/**
 * The can-i and who-can forms: plain `<form method="get">`, so the question lives in the URL
 * (shareable, works without JavaScript) and the page renders the answer on the server.
 */
import { BUILTIN_RESOURCE_TYPES } from "@/lib/rbac";
import type { CanIFields, RequestFields, WhoCanFields } from "./access-params";

const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "impersonate", "bind", "escalate", "approve", "sign", "use", "*"];

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";

function Field({
  name,
  label,
  value,
  placeholder,
  hint,
  list,
  wide = false,
}: {
  name: string;
  label: string;
  value: string;
  placeholder?: string;
  hint?: string;
  list?: string;
  wide?: boolean;
}) {
  const id = `f-${name}`;
  return (
    <div className={wide ? "sm:col-span-2" : ""}>
      <label htmlFor={id} className="block text-xs font-medium uppercase tracking-wide text-slate-600">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={value}
        placeholder={placeholder}
        list={list}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className={input}
      />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function Check({ name, label, checked, hint, aligned = false }: { name: string; label: string; checked: boolean; hint: string; aligned?: boolean }) {
  return (
    <div className={`flex items-start gap-2 sm:col-span-2 ${aligned ? "pt-5" : ""}`}>
      <input id={`f-${name}`} type="checkbox" name={name} value="1" defaultChecked={checked} className="mt-0.5 h-4 w-4 rounded border-slate-300" />
      <div>
        <label htmlFor={`f-${name}`} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        <p className="text-xs text-slate-500">{hint}</p>
      </div>
    </div>
  );
}

function RequestFieldset({ values, namespaces }: { values: RequestFields; namespaces: readonly string[] }) {
  return (
    <fieldset className="grid gap-x-4 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
      <legend className="mb-2 text-sm font-semibold text-slate-800">Request</legend>
      <Field name="verb" label="Verb" value={values.verb} placeholder="get" list="verbs" />
      <Field name="type" label="Resource type or URL" value={values.type} placeholder="pods, deploy, /healthz" list="types" hint="plural, short name, TYPE.GROUP, TYPE/NAME or /url" wide />
      <Field name="subresource" label="Subresource" value={values.subresource} placeholder="log, exec, scale…" />
      <Field name="name" label="Name" value={values.name} placeholder="(any)" />
      <Field name="apiGroup" label="API group" value={values.apiGroup} placeholder="(from the type)" hint='"core" = core group' />
      <Field name="namespace" label="Namespace" value={values.namespace} placeholder="(cluster-scoped)" list="namespaces" hint="empty = cluster-scoped" wide />
      <datalist id="verbs">
        {VERBS.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      <datalist id="types">
        {BUILTIN_RESOURCE_TYPES.map((t) => (
          <option key={`${t.apiGroup}/${t.resource}`} value={t.apiGroup === "" ? t.resource : `${t.resource}.${t.apiGroup}`} />
        ))}
      </datalist>
      <datalist id="namespaces">
        {namespaces.slice(0, 200).map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </fieldset>
  );
}

function Submit({ label, resetHref }: { label: string; resetHref: string }) {
  return (
    <div className="flex items-center gap-3 border-t border-slate-100 pt-4">
      <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 focus:outline-none focus:ring-2 focus:ring-indigo-300">
        {label}
      </button>
      <a href={resetHref} className="text-sm text-slate-600 underline underline-offset-2 hover:text-slate-900">
        Clear
      </a>
    </div>
  );
}

export function CanIForm({ values, namespaces, action }: { values: CanIFields; namespaces: readonly string[]; action: string }) {
  return (
    <form method="get" action={action} aria-label="Can I" className="space-y-5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <RequestFieldset values={values} namespaces={namespaces} />
      <fieldset className="grid gap-x-4 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
        <legend className="mb-2 text-sm font-semibold text-slate-800">Asked as</legend>
        <Field name="as" label="User" value={values.user} placeholder="alice or system:serviceaccount:NS:NAME" wide />
        <Field name="groups" label="Groups" value={values.groups} placeholder="comma-separated" hint="like kubectl --as-group" wide />
        <Check name="exactGroups" label="Exact groups" checked={values.exactGroups} hint="don't add system:authenticated / ServiceAccount groups" aligned />
      </fieldset>
      <Submit label="Check" resetHref={action} />
    </form>
  );
}

export function WhoCanForm({ values, namespaces, action }: { values: WhoCanFields; namespaces: readonly string[]; action: string }) {
  return (
    <form method="get" action={action} aria-label="Who can" className="space-y-5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <RequestFieldset values={values} namespaces={namespaces} />
      <div className="grid">
        <Check name="all" label="All namespaces" checked={values.allNamespaces} hint="like -A: RoleBindings of every namespace" />
      </div>
      <Submit label="Find subjects" resetHref={action} />
    </form>
  );
}
