/**
 * The URL state of the can-i / who-can / subject pages: what the user typed, read back from the
 * query string (a plain GET form writes it), turned into an engine request and identity.
 * Every field is kept as typed so the form can show it again; parse errors are values, not throws.
 */
import { identityFor, isEmptyIdentity, type AccessRequest, type Identity } from "@/lib/rbac";
import { requestFromParams } from "@/lib/query/request-params";

export type SearchParams = Readonly<Record<string, string | string[] | undefined>>;

export function param(sp: SearchParams, key: string): string {
  const v = sp[key];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

function params(sp: SearchParams, key: string): string[] {
  const v = sp[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The fields of the request part of the forms, as typed. */
export interface RequestFields {
  readonly verb: string;
  readonly type: string;
  readonly name: string;
  readonly subresource: string;
  readonly apiGroup: string;
  readonly namespace: string;
}

export interface CanIFields extends RequestFields {
  readonly user: string;
  /** Comma-separated, as typed. */
  readonly groups: string;
  readonly exactGroups: boolean;
}

export interface WhoCanFields extends RequestFields {
  readonly allNamespaces: boolean;
}

const isOn = (v: string) => v === "1" || v === "true" || v === "on";

function requestFields(sp: SearchParams): RequestFields {
  return {
    verb: param(sp, "verb").trim(),
    type: param(sp, "type").trim(),
    name: param(sp, "name").trim(),
    subresource: param(sp, "subresource").trim(),
    apiGroup: param(sp, "apiGroup").trim(),
    namespace: param(sp, "namespace").trim(),
  };
}

export function canIFields(sp: SearchParams): CanIFields {
  const groups = [...params(sp, "group"), param(sp, "groups")].filter((g) => g.trim() !== "").join(", ");
  return { ...requestFields(sp), user: param(sp, "as").trim() || param(sp, "user").trim(), groups, exactGroups: isOn(param(sp, "exactGroups")) };
}

export function whoCanFields(sp: SearchParams): WhoCanFields {
  return { ...requestFields(sp), allNamespaces: isOn(param(sp, "all")) };
}

/** True when nothing was asked yet (show examples, not errors). */
export function isBlank(f: RequestFields & { readonly user?: string }): boolean {
  return f.verb === "" && f.type === "" && (f.user ?? "") === "";
}

/** Groups typed as "a, b,c" (commas or new lines). */
export function splitGroups(groups: string): string[] {
  return groups
    .split(/[,\n]/)
    .map((g) => g.trim())
    .filter((g) => g !== "");
}

/**
 * The API group field: empty = resolve from the type; `""` or `core` = the core group explicitly;
 * anything else overrides the resolution.
 */
export function apiGroupOverride(typed: string): string | undefined {
  if (typed === "") return undefined;
  if (typed === '""' || typed === "core") return "";
  return typed;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export function parseRequest(f: RequestFields): Parsed<AccessRequest> {
  const parsed = requestFromParams({
    verb: f.verb,
    type: f.type,
    name: f.name || undefined,
    subresource: f.subresource || undefined,
    apiGroup: apiGroupOverride(f.apiGroup),
    namespace: f.namespace || undefined,
  });
  return parsed.ok ? { ok: true, value: parsed.request } : { ok: false, message: parsed.message };
}

export function parseCanI(f: CanIFields): Parsed<{ request: AccessRequest; identity: Identity }> {
  const request = parseRequest(f);
  if (!request.ok) return request;
  const groups = splitGroups(f.groups);
  if (isEmptyIdentity(f.user, groups)) {
    return { ok: false, message: "a user is required (the name the request is made as, e.g. system:serviceaccount:NS:NAME), or groups for a group-only identity" };
  }
  return { ok: true, value: { request: request.value, identity: identityFor(f.user, groups, { exactGroups: f.exactGroups }) } };
}

/** The query string for a can-i question (for example links and "check this" links). */
export function canIQuery(q: { verb: string; type: string; as: string; namespace?: string; name?: string; subresource?: string; groups?: string }): string {
  const s = new URLSearchParams();
  s.set("verb", q.verb);
  s.set("type", q.type);
  if (q.name) s.set("name", q.name);
  if (q.subresource) s.set("subresource", q.subresource);
  if (q.namespace) s.set("namespace", q.namespace);
  s.set("as", q.as);
  if (q.groups) s.set("groups", q.groups);
  return s.toString();
}

export function whoCanQuery(q: { verb: string; type: string; namespace?: string; name?: string; subresource?: string; all?: boolean }): string {
  const s = new URLSearchParams();
  s.set("verb", q.verb);
  s.set("type", q.type);
  if (q.name) s.set("name", q.name);
  if (q.subresource) s.set("subresource", q.subresource);
  if (q.namespace) s.set("namespace", q.namespace);
  if (q.all) s.set("all", "1");
  return s.toString();
}
