/**
 * The CI verdict of `scan`: which open (not accepted) findings and paths are at or above the
 * threshold, and — with a baseline (an earlier JSON report) — which of those are new. Items are
 * compared by their stable identity (finding: rule + primary object; path: start → sink).
 */
import { z } from "zod";
import type { Severity } from "@/lib/analysis/technique";
import { isCounted, SEVERITIES, type ReportModel } from "./model";

export const THRESHOLDS = ["critical", "high", "medium", "low"] as const;
export type Threshold = (typeof THRESHOLDS)[number];

export interface Baseline {
  readonly findings: ReadonlySet<string>;
  readonly paths: ReadonlySet<string>;
}

const baselineSchema = z.object({
  schemaVersion: z.string(),
  findings: z.array(z.object({ identity: z.string() })),
  paths: z.array(z.object({ identity: z.string() })),
});

export type BaselineParse = { readonly ok: true; readonly baseline: Baseline } | { readonly ok: false; readonly error: string };

export function parseBaseline(source: string, file: string): BaselineParse {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    return { ok: false, error: `${file}: not JSON (${error instanceof Error ? error.message : String(error)}); pass an earlier \`rbac-atlas report --format json\` or \`scan --format json\` output` };
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `${file}: not an rbac-atlas JSON report (${parsed.error.issues[0]?.path.join(".") || "top level"}: ${parsed.error.issues[0]?.message})` };
  if (!parsed.data.schemaVersion.startsWith("1.")) return { ok: false, error: `${file}: report schemaVersion ${parsed.data.schemaVersion} is not supported (expected 1.x)` };
  return { ok: true, baseline: { findings: new Set(parsed.data.findings.map((f) => f.identity)), paths: new Set(parsed.data.paths.map((p) => p.identity)) } };
}

export interface VerdictItem {
  readonly type: "finding" | "path";
  readonly identity: string;
  readonly severity: Severity;
  readonly title: string;
}

export interface ScanVerdict {
  readonly threshold: Threshold;
  readonly pass: boolean;
  /** Open items at or above the threshold (only new ones when a baseline was given). */
  readonly failing: readonly VerdictItem[];
  readonly baseline: { readonly used: boolean; readonly known: number };
  readonly accepted: { readonly findings: number; readonly paths: number };
  /** Trusted (control-plane) items, listed in reports but never failing the scan. */
  readonly trusted: { readonly findings: number; readonly paths: number };
  readonly expiredAcceptances: readonly { readonly rule: string; readonly pattern: string; readonly owner: string; readonly expires: string }[];
}

export function scanVerdict(model: ReportModel, threshold: Threshold, baseline?: Baseline): ScanVerdict {
  const severities = new Set<Severity>(SEVERITIES.slice(0, THRESHOLDS.indexOf(threshold) + 1));
  let known = 0;
  const failing: VerdictItem[] = [];
  const consider = (item: VerdictItem, counted: boolean, seen: ReadonlySet<string> | undefined) => {
    if (!counted || !severities.has(item.severity)) return;
    if (seen?.has(item.identity)) {
      known++;
      return;
    }
    failing.push(item);
  };
  for (const f of model.findings) consider({ type: "finding", identity: f.identity, severity: f.severity, title: f.title }, isCounted(f), baseline?.findings);
  for (const p of model.paths) consider({ type: "path", identity: p.identity, severity: p.severity, title: `${p.from} can reach ${p.to} in ${p.hops.length} hops` }, isCounted(p), baseline?.paths);
  return {
    threshold,
    pass: failing.length === 0,
    failing,
    baseline: { used: baseline !== undefined, known },
    accepted: { findings: model.summary.acceptedFindings, paths: model.summary.acceptedPaths },
    trusted: { findings: model.summary.trustedFindings, paths: model.summary.trustedPaths },
    expiredAcceptances: model.acceptances.filter((a) => a.state === "expired").map((a) => ({ rule: a.rule, pattern: `${a.kind} ${a.namespace}/${a.name}`, owner: a.owner, expires: a.expires })),
  };
}
