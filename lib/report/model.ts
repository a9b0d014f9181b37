/**
 * The audit report: one value per snapshot (or per `-f` input) that every renderer reads. Plain
 * JSON data; the JSON renderer writes it as is, so its shape is a public contract
 * (`schemaVersion`, schema in `report.schema.json`). Add fields, never change their meaning.
 */
import type { Cause } from "@/lib/analysis/cause";
import type { Severity } from "@/lib/analysis/technique";
import type { Acceptance } from "./accept";

export const REPORT_SCHEMA_VERSION = "1.2";
export const SEVERITIES: readonly Severity[] = ["Critical", "High", "Medium", "Low"];

export interface ObjectRefWithOrigin {
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string | null;
  /** `Kind/name` or `Kind/namespace/name` (ClusterAdmin for the cluster-admin vertex). */
  readonly ref: string;
  /** The manifest it was read from, when the snapshot came from files. */
  readonly file?: string;
  /** 1-based line in that file (YAML only). */
  readonly line?: number;
}

/** A workload that owns pods (v2 §1.12): pods of one owner are one finding and one hop. */
export interface WorkloadRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** `Kind/namespace/name`. */
  readonly ref: string;
}

/** The acceptance that hides an item from headline counts and the CI verdict. */
export interface AcceptanceMark {
  readonly rule: string;
  readonly pattern: string;
  readonly reason: string;
  readonly owner: string;
  readonly expires: string;
}

export interface ReportFinding {
  /** Stable across runs: rule + primary object (what a baseline compares). */
  readonly identity: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly title: string;
  readonly objects: readonly ObjectRefWithOrigin[];
  readonly why: string;
  readonly remediation: string;
  readonly accepted: AcceptanceMark | null;
  /** v2 §2.7: the object belongs to the trusted control plane: listed, never counted, never fails `scan`. */
  readonly trusted: boolean;
  /** v2 §2.7: the workload a pod-level finding is keyed by (null: not pod-level, or a pod without owner). */
  readonly owner: WorkloadRef | null;
  /** Existing pods of that owner satisfying the rule (0: template only; 1: pod without owner); null when not pod-level. */
  readonly podCount: number | null;
  /** Those pods, when the analysis listed them. */
  readonly pods?: readonly ObjectRefWithOrigin[];
}

export interface ReportHop {
  readonly technique: string;
  readonly techniqueName: string;
  /** The evidence: the object (binding, pod spec, secret...) that makes this hop possible. */
  readonly via: string;
  readonly viaOrigin?: { readonly file: string; readonly line?: number };
  readonly reaches: string;
  /** v2 §2.6: on hops through a Pod, its workload owner (null: none, or no Pod involved). */
  readonly owner: WorkloadRef | null;
  /** Pods of that owner for which the hop holds as well; null when no Pod is involved. */
  readonly podCount: number | null;
  /** The one container the technique was evaluated on, or null. */
  readonly container: string | null;
  /**
   * 1.2: everything that independently enables the hop, as typed data (a binding, one subject of a
   * default binding, a self-granted role, a pod-spec field, a node, system:masters), ordered by
   * `key`. Empty when the analysis that produced the path is not at hand (a stored snapshot whose
   * graph predates typed causes).
   */
  readonly causes: readonly ReportCause[];
}

/** A hop's cause (lib/analysis `Cause`) with its canonical `key`, the same reference a fix's `cause` uses. */
export type ReportCause = Cause & { readonly key: string };

export interface ReportPath {
  /** Stable across runs: start → sink (the hops may change, the exposure is the same). */
  readonly identity: string;
  readonly severity: Severity;
  readonly from: string;
  readonly to: string;
  readonly hops: readonly ReportHop[];
  readonly accepted: AcceptanceMark | null;
  /** v2 §1.11: the start is in the trusted set (control plane): listed, never counted, never fails `scan`. */
  readonly trusted: boolean;
}

export interface ReportExposure {
  readonly rank: number;
  readonly serviceAccount: string;
  readonly isDefault: boolean;
  readonly level: string | null;
  readonly pods: number;
  readonly nodes: number;
  readonly score: number;
  readonly reaches: { readonly clusterAdmin: boolean; readonly nodes: number; readonly serviceAccounts: number; readonly secrets: number };
}

export interface DangerousPermission {
  readonly id: string;
  readonly label: string;
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
}

export interface ReportWhoCan {
  readonly permission: DangerousPermission;
  readonly subjects: readonly { readonly subject: string; readonly kind: string; readonly namespace: string | null; readonly name: string; readonly via: readonly string[] }[];
}

export interface ReportFix {
  readonly cause: string;
  readonly kind: "binding" | "pod-spec";
  readonly object: ObjectRefWithOrigin;
  readonly field: string | null;
  readonly change: string;
  readonly edges: number;
  /** What the change breaks: who loses which permissions. */
  readonly breaks: readonly { readonly subject: string; readonly loses: readonly string[]; readonly scope: string | null }[];
}

export interface AcceptanceStatus extends Acceptance {
  readonly state: "active" | "expired";
  readonly matchedFindings: number;
  readonly matchedPaths: number;
}

export type ReportSource =
  | { readonly type: "files"; readonly files: readonly { readonly path: string; readonly sha256: string | null }[]; readonly sha256: string }
  | { readonly type: "cluster"; readonly server: string | null; readonly context: string | null };

export interface ReportModel {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: "rbac-atlas"; readonly version: string };
  readonly catalog: { readonly name: string; readonly version: string };
  readonly generatedAt: string;
  readonly snapshot: {
    readonly id: number | null;
    readonly name: string;
    readonly createdAt: string;
    readonly source: ReportSource;
    readonly kubernetesVersion: string | null;
    readonly objectsByKind: Readonly<Record<string, number>>;
    readonly skippedKinds: readonly { readonly kind: string; readonly count: number }[];
    readonly unreadableKinds: readonly { readonly kind: string; readonly reason: string }[];
  };
  readonly summary: {
    /** Headline counts leave accepted and trusted (control-plane) items out, as the dashboard does. */
    readonly findingsBySeverity: Readonly<Record<Severity, number>>;
    readonly pathsBySeverity: Readonly<Record<Severity, number>>;
    readonly acceptedFindings: number;
    readonly acceptedPaths: number;
    /** Trusted items not accepted: with the accepted ones and the counts above they add up to every item. */
    readonly trustedFindings: number;
    readonly trustedPaths: number;
    readonly sinks: readonly { readonly sink: string; readonly reason: string; readonly reachedBy: number }[];
    readonly principalsReachingClusterAdmin: number;
    readonly nodesReachableAsRoot: number;
    readonly fixSetSize: number;
    readonly fixSetPossible: boolean;
  };
  readonly findings: readonly ReportFinding[];
  readonly paths: readonly ReportPath[];
  readonly exposure: readonly ReportExposure[];
  readonly whoCan: readonly ReportWhoCan[];
  readonly fixes: {
    readonly sinks: readonly string[];
    readonly possible: boolean;
    readonly affectedStarts: number;
    readonly excludedStarts: readonly string[];
    /** v2 §2.8: trusted starts that reach a sink; never cut (their paths may be severed as a side effect). */
    readonly trustedStarts: readonly string[];
    /** v2 §2.8: protected causes some source can only be cut at (then `possible` is false). */
    readonly uncuttable: readonly string[];
    readonly items: readonly ReportFix[];
  };
  readonly acceptances: readonly AcceptanceStatus[];
}

/** Headline counts (and the CI verdict) leave out accepted risks and the trusted control plane (v2 §1.11). */
export function isCounted(item: { readonly accepted: AcceptanceMark | null; readonly trusted: boolean }): boolean {
  return item.accepted === null && !item.trusted;
}

export function emptyBySeverity(): Record<Severity, number> {
  return { Critical: 0, High: 0, Medium: 0, Low: 0 };
}
