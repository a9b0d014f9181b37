/**
 * Assertion files for CI (`rbac-atlas check FILE`): a YAML list of authorization questions with
 * the expected answer. Parsing reports the offending entry by index and id.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { canI, identityFor, isEmptyIdentity, nonResourceRequest, resourceRequest, type AccessRequest, type CompiledPolicy, type Identity } from "@/lib/rbac";
import { grantJson, missJson, type GrantJson, type MissJson } from "./present";

const text = z.string();
const assertionSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    // "" with groups is a group-only identity (the authorizer evaluates it); refused only when
    // there is nothing to match at all.
    user: text.default(""),
    groups: z.array(text).default([]),
    exactGroups: z.boolean().default(false),
    verb: z.string().min(1),
    apiGroup: text.default(""),
    resource: text.optional(),
    subresource: text.default(""),
    namespace: text.default(""),
    name: text.default(""),
    nonResourceURL: text.optional(),
    expect: z.enum(["allow", "deny"]),
  })
  .strict()
  .superRefine((a, ctx) => {
    const hasResource = a.resource !== undefined && a.resource !== "";
    const hasUrl = a.nonResourceURL !== undefined;
    if (hasResource === hasUrl) {
      ctx.addIssue({ code: "custom", message: "give either resource or nonResourceURL (exactly one)" });
    }
    if (isEmptyIdentity(a.user, a.groups)) {
      ctx.addIssue({ code: "custom", path: ["user"], message: "give a user name or at least one group" });
    }
    if (hasUrl && !a.nonResourceURL?.startsWith("/")) {
      ctx.addIssue({ code: "custom", path: ["nonResourceURL"], message: 'must start with "/"' });
    }
  });

export type Assertion = z.output<typeof assertionSchema>;

export type AssertionsParse =
  | { readonly ok: true; readonly assertions: readonly Assertion[] }
  | { readonly ok: false; readonly errors: readonly string[] };

export function parseAssertions(source: string, file: string): AssertionsParse {
  let doc: unknown;
  try {
    doc = parseYaml(source, { maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, errors: [`${file}: not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`] };
  }
  if (typeof doc !== "object" || doc === null || !Array.isArray((doc as { assertions?: unknown }).assertions)) {
    return { ok: false, errors: [`${file}: expected a top-level "assertions:" list`] };
  }
  const entries = (doc as { assertions: unknown[] }).assertions;
  const errors: string[] = [];
  const assertions: Assertion[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const id = typeof entry === "object" && entry !== null && "id" in entry ? ` (id ${String((entry as { id: unknown }).id)})` : "";
    const result = assertionSchema.safeParse(entry);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const at = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
        errors.push(`${file}: assertions[${index}]${id}: ${at}${issue.message}`);
      }
      return;
    }
    if (seen.has(result.data.id)) errors.push(`${file}: assertions[${index}]${id}: duplicate id`);
    seen.add(result.data.id);
    assertions.push(result.data);
  });
  if (entries.length === 0) errors.push(`${file}: the assertions list is empty`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, assertions };
}

export function assertionRequest(a: Assertion): AccessRequest {
  if (a.nonResourceURL !== undefined) return nonResourceRequest(a.verb, a.nonResourceURL);
  return resourceRequest({
    verb: a.verb,
    apiGroup: a.apiGroup,
    resource: a.resource ?? "",
    subresource: a.subresource,
    namespace: a.namespace,
    name: a.name,
  });
}

export function assertionIdentity(a: Assertion): Identity {
  return identityFor(a.user, a.groups, { exactGroups: a.exactGroups });
}

export interface AssertionResult {
  readonly id: string;
  readonly expect: "allow" | "deny";
  readonly actual: "allow" | "deny";
  readonly pass: boolean;
  readonly grants: readonly GrantJson[];
  /** For a denial: why not (nearest misses). */
  readonly misses: readonly MissJson[];
}

export interface CheckReport {
  readonly results: readonly AssertionResult[];
  readonly passed: number;
  readonly failed: number;
}

export function checkAssertions(policy: CompiledPolicy, assertions: readonly Assertion[]): CheckReport {
  const results = assertions.map((a): AssertionResult => {
    const decision = canI(policy, assertionIdentity(a), assertionRequest(a));
    const actual = decision.allowed ? "allow" : "deny";
    return {
      id: a.id,
      expect: a.expect,
      actual,
      pass: actual === a.expect,
      grants: decision.grants.map(grantJson),
      misses: decision.misses.map(missJson),
    };
  });
  const passed = results.filter((r) => r.pass).length;
  return { results, passed, failed: results.length - passed };
}
