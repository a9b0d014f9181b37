/**
 * Accepted risks: a finding rule or escalation technique on objects matching a pattern
 * (namespace, kind, name globs), with reason, owner and expiry day. Accepted items stay in the
 * report, marked, but leave headline counts and the CI verdict. An expired acceptance does not
 * apply and is reported as expired. YAML file format (import/export, `--accept FILE`):
 *
 *   acceptedRisks:
 *     - rule: DEFAULT_SA_AUTOMOUNT     # a finding rule or a technique id
 *       namespace: "team-*"            # globs: * and ?; omitted = "*"
 *       kind: Deployment
 *       name: "*"
 *       reason: legacy app, replaced in Q3
 *       owner: team-a@example.com
 *       expires: 2027-03-31            # inclusive, UTC
 */
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { z } from "zod";
import type { AcceptedRiskRecord } from "@/lib/store/accepted";

/** One accepted risk; the store keeps exactly this shape (`expires` is YYYY-MM-DD, the last day it applies, UTC). */
export type Acceptance = AcceptedRiskRecord;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const pattern = z.string().trim().min(1).max(253).default("*");

export const acceptanceSchema = z.object({
  rule: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_*?-]+$/, "a rule or technique id such as DEFAULT_SA_AUTOMOUNT"),
  namespace: pattern,
  kind: pattern,
  name: pattern,
  reason: z.string().trim().min(1, "say why the risk is accepted").max(2000),
  owner: z.string().trim().min(1, "name who owns the risk").max(200),
  expires: z.preprocess(
    (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
    z.string().regex(DAY, "a day as YYYY-MM-DD").refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "not a real day"),
  ),
});

const fileSchema = z.object({ acceptedRisks: z.array(acceptanceSchema).default([]) }).strict();

export type AcceptanceParse = { readonly ok: true; readonly acceptances: readonly Acceptance[] } | { readonly ok: false; readonly errors: readonly string[] };

/** Parses an accepted-risks YAML file; errors name the file and the entry. */
export function parseAcceptances(source: string, file: string): AcceptanceParse {
  let raw: unknown;
  try {
    raw = parseYaml(source) ?? {};
  } catch (error) {
    return { ok: false, errors: [`${file}: not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`] };
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const [, index, field] = issue.path;
        const where = typeof index === "number" ? `acceptedRisks[${index}]${field !== undefined ? `.${String(field)}` : ""}` : issue.path.join(".") || "(top level)";
        return `${file}: ${where}: ${issue.message}`;
      }),
    };
  }
  return { ok: true, acceptances: parsed.data.acceptedRisks };
}

export function formatAcceptances(acceptances: readonly Acceptance[]): string {
  return stringifyYaml({ acceptedRisks: acceptances.map((a) => ({ ...a })) });
}

/** The day (UTC) an instant falls on. */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function isExpired(acceptance: Acceptance, today: string): boolean {
  return acceptance.expires < today;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

export interface MatchTarget {
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string | null;
}

/** A compiled acceptance: `matches(rules, objects)` is true when one rule and one object fit. */
export interface AcceptanceMatcher {
  readonly acceptance: Acceptance;
  readonly expired: boolean;
  readonly matches: (rules: readonly string[], objects: readonly MatchTarget[]) => boolean;
}

export function compileAcceptances(acceptances: readonly Acceptance[], today: string): AcceptanceMatcher[] {
  return acceptances.map((acceptance) => {
    const rule = globToRegExp(acceptance.rule);
    const namespace = globToRegExp(acceptance.namespace);
    const kind = globToRegExp(acceptance.kind);
    const name = globToRegExp(acceptance.name);
    const objectFits = (o: MatchTarget) => kind.test(o.kind) && namespace.test(o.namespace ?? "") && name.test(o.name ?? "");
    return {
      acceptance,
      expired: isExpired(acceptance, today),
      matches: (rules, objects) => rules.some((r) => rule.test(r)) && objects.some(objectFits),
    };
  });
}

export function describePattern(a: Pick<Acceptance, "namespace" | "kind" | "name">): string {
  return `${a.kind} ${a.namespace === "*" ? "*" : a.namespace}/${a.name}`;
}

/** The first active acceptance that covers an item (expired ones never do). */
export function activeMark(matchers: readonly AcceptanceMatcher[], rules: readonly string[], objects: readonly MatchTarget[]): Acceptance | undefined {
  return matchers.find((m) => !m.expired && m.matches(rules, objects))?.acceptance;
}
