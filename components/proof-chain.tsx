/**
 * Proofs rendered for people: each grant as one sentence whose objects are links
 * ("allowed by RoleBinding dev/x of ClusterRole edit (rule 3) to ServiceAccount dev/ci via group
 * system:serviceaccounts"). The words are the ones `describeGrant` produces, so the page and the
 * CLI say the same thing.
 */
import type { Grant, NearMiss, PolicyProblem, PolicyRule, Subject } from "@/lib/rbac";
import { describeMiss, describeProblem } from "@/lib/rbac";
import type { BindingRef, RoleRefResolved } from "@/lib/rbac";
import { bindingHref, roleHref, subjectHref } from "./links";
import { Badge, TextLink } from "./ui";

type Snap = number | string;

export function bindingLabel(b: BindingRef): string {
  return b.kind === "RoleBinding" ? `RoleBinding ${b.namespace ?? ""}/${b.name}` : `ClusterRoleBinding ${b.name}`;
}

export function roleLabel(r: RoleRefResolved): string {
  return r.kind === "Role" ? `Role ${r.namespace ?? ""}/${r.name}` : `ClusterRole ${r.name}`;
}

export function BindingLink({ snapshot, binding }: { snapshot: Snap; binding: BindingRef }) {
  return <TextLink href={bindingHref(snapshot, binding.kind, binding.name, binding.namespace)}>{bindingLabel(binding)}</TextLink>;
}

export function RoleLink({ snapshot, role }: { snapshot: Snap; role: RoleRefResolved }) {
  return <TextLink href={roleHref(snapshot, role.kind, role.name, role.namespace)}>{roleLabel(role)}</TextLink>;
}

/** A binding subject; a ServiceAccount without namespace takes the binding's (scope) namespace. */
export function SubjectLink({ snapshot, subject, scope }: { snapshot: Snap; subject: Subject; scope: string | null }) {
  if (subject.kind === "ServiceAccount") {
    const ns = subject.namespace ? subject.namespace : (scope ?? "");
    if (ns === "") return <span>ServiceAccount {subject.name} (no namespace)</span>;
    return <TextLink href={subjectHref(snapshot, "ServiceAccount", subject.name, ns)}>{`ServiceAccount ${ns}/${subject.name}`}</TextLink>;
  }
  if (subject.kind === "User" || subject.kind === "Group") {
    return <TextLink href={subjectHref(snapshot, subject.kind, subject.name)}>{`${subject.kind} ${subject.name}`}</TextLink>;
  }
  return <span>{`${subject.kind} ${subject.name}`}</span>;
}

/** One grant as a sentence with links; its text equals `describeGrant(grant)`. */
export function GrantSentence({ snapshot, grant }: { snapshot: Snap; grant: Grant }) {
  const from = grant.rule.aggregatedFrom;
  return (
    <span>
      allowed by <BindingLink snapshot={snapshot} binding={grant.binding} /> of <RoleLink snapshot={snapshot} role={grant.role} /> (rule{" "}
      {grant.rule.ruleIndex + 1}
      {from ? (
        <>
          , aggregated from <RoleLink snapshot={snapshot} role={{ kind: "ClusterRole", name: from.clusterRole }} /> rule {from.ruleIndex + 1}
        </>
      ) : null}
      ) to <SubjectLink snapshot={snapshot} subject={grant.subject} scope={grant.scope} />
      {grant.matchedVia.kind === "group" ? ` via group ${grant.matchedVia.group}` : ""}
    </span>
  );
}

const list = (values: readonly string[] | undefined) => (values && values.length > 0 ? values.map((v) => (v === "" ? '""' : v)).join(", ") : "—");

/** A rule in one line: the dimensions that matter for the question. */
export function RuleInline({ rule }: { rule: PolicyRule }) {
  const parts: [string, string][] = [["verbs", list(rule.verbs)]];
  if (rule.nonResourceURLs?.length) parts.push(["nonResourceURLs", list(rule.nonResourceURLs)]);
  if (rule.resources?.length || !rule.nonResourceURLs?.length) {
    parts.push(["apiGroups", list(rule.apiGroups)], ["resources", list(rule.resources)]);
    if (rule.resourceNames?.length) parts.push(["resourceNames", list(rule.resourceNames)]);
  }
  return (
    <code className="inline-flex flex-wrap gap-x-3 gap-y-1 rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700">
      {parts.map(([k, v]) => (
        <span key={k}>
          <span className="text-slate-600">{k}:</span> {v}
        </span>
      ))}
    </code>
  );
}

export function GrantList({ snapshot, grants }: { snapshot: Snap; grants: readonly Grant[] }) {
  return (
    <ol className="space-y-3" aria-label="Grants">
      {grants.map((g, i) => (
        <li key={i} className="rounded-lg border border-emerald-200 bg-emerald-50/50 p-3 text-sm">
          <p className="text-slate-800">
            <GrantSentence snapshot={snapshot} grant={g} />
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <Badge tone={g.scope === null ? "info" : "neutral"}>{g.scope === null ? "cluster-wide" : `namespace ${g.scope}`}</Badge>
            <RuleInline rule={g.rule.rule} />
          </div>
        </li>
      ))}
    </ol>
  );
}

const MISS_LABEL: Record<NearMiss["code"], string> = {
  WRONG_VERB: "other verb",
  WRONG_API_GROUP: "other API group",
  WRONG_RESOURCE: "other resource",
  RESOURCE_NAME_NOT_LISTED: "name not listed",
  WRONG_URL: "other URL",
  OTHER_NAMESPACE: "other namespace",
  ROLEBINDING_FOR_CLUSTER_REQUEST: "RoleBinding, cluster request",
  ROLEBINDING_FOR_NON_RESOURCE_URL: "RoleBinding, URL",
  BINDING_ROLE_UNUSABLE: "role unusable",
  SIMILAR_SUBJECT: "similar subject",
};

function missObjects(m: NearMiss): { binding: BindingRef; role: RoleRefResolved; roleExists: boolean; rule?: PolicyRule } {
  if (m.code === "SIMILAR_SUBJECT") return { binding: m.binding, role: m.role, roleExists: true, rule: m.rule.rule };
  if (m.code === "BINDING_ROLE_UNUSABLE") return { binding: m.source.binding, role: m.source.role, roleExists: m.problem.code !== "MISSING_ROLE" };
  return { binding: m.source.binding, role: m.source.role, roleExists: true, rule: m.rule.rule };
}

export function NearMissList({ snapshot, misses }: { snapshot: Snap; misses: readonly NearMiss[] }) {
  return (
    <ol className="space-y-3" aria-label="Nearest misses">
      {misses.map((m, i) => {
        const o = missObjects(m);
        return (
          <li key={i} className="rounded-lg border border-amber-200 bg-amber-50/50 p-3 text-sm">
            <div className="flex flex-wrap items-start gap-2">
              <Badge tone="warn">{MISS_LABEL[m.code]}</Badge>
              <p className="min-w-0 flex-1 text-slate-800">{describeMiss(m)}</p>
            </div>
            <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
              <BindingLink snapshot={snapshot} binding={o.binding} />
              <span aria-hidden>→</span>
              {o.roleExists ? <RoleLink snapshot={snapshot} role={o.role} /> : <span className="text-slate-600">{roleLabel(o.role)} (missing)</span>}
              {o.rule ? <RuleInline rule={o.rule} /> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function ProblemList({ snapshot, problems }: { snapshot: Snap; problems: readonly PolicyProblem[] }) {
  return (
    <ul className="space-y-2 text-sm" aria-label="Binding problems">
      {problems.map((p, i) => (
        <li key={i} className="flex flex-wrap items-start gap-2 rounded-lg border border-rose-200 bg-rose-50/50 p-3">
          <Badge tone="bad">{p.code.toLowerCase().replaceAll("_", " ")}</Badge>
          <span className="min-w-0 flex-1">{describeProblem(p)}</span>
          {"binding" in p ? <BindingLink snapshot={snapshot} binding={p.binding} /> : null}
        </li>
      ))}
    </ul>
  );
}
