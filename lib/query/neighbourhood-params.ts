/**
 * The explorer's URL and API parameters, parsed in one place so a shared link and the endpoint
 * read the same view: focus, depth (1–3), ns, kind*, technique*, severity, open*, pathTo, limit.
 */
import { TECHNIQUE_IDS } from "@/lib/analysis/catalog";
import type { Severity } from "@/lib/analysis/technique";
import { parseRefParam, SEVERITIES } from "./escalation";
import { EXPLORER_KINDS, MAX_DEPTH, parseExplorerRef, type ExplorerKind, type NeighbourhoodQuery } from "./neighbourhood";

export type ParamsParse = { readonly ok: true; readonly query: NeighbourhoodQuery } | { readonly ok: false; readonly message: string };

export const DEFAULT_DEPTH = 1;

export function parseNeighbourhoodParams(params: URLSearchParams): ParamsParse {
  const focusText = params.get("focus") ?? "";
  if (focusText === "") return { ok: false, message: 'the "focus" parameter is required (e.g. ServiceAccount/ci/deployer, ClusterRole/admin, Namespace/payments)' };
  const focus = parseExplorerRef(focusText);
  if (!focus) return { ok: false, message: `focus: cannot read "${focusText}" (expected Kind/name or Kind/namespace/name; kinds: ${EXPLORER_KINDS.filter((k) => k !== "RoleGrant").join(", ")})` };
  const depthText = params.get("depth");
  if (depthText !== null && !/^[1-9]$/.test(depthText)) return { ok: false, message: `depth must be 1 to ${MAX_DEPTH}` };
  const depth = depthText === null ? DEFAULT_DEPTH : Number(depthText);
  if (depth > MAX_DEPTH) return { ok: false, message: `depth must be 1 to ${MAX_DEPTH}` };
  const kinds = params.getAll("kind").flatMap((k) => k.split(",")).filter(Boolean);
  const badKind = kinds.find((k) => !(EXPLORER_KINDS as readonly string[]).includes(k));
  if (badKind) return { ok: false, message: `unknown kind "${badKind}"` };
  const techniques = params.getAll("technique").flatMap((t) => t.split(",")).filter(Boolean);
  const badTechnique = techniques.find((t) => !(TECHNIQUE_IDS as readonly string[]).includes(t));
  if (badTechnique) return { ok: false, message: `unknown technique "${badTechnique}"` };
  const severityText = params.get("severity") ?? "";
  const severity = SEVERITIES.find((s) => s.toLowerCase() === severityText.toLowerCase());
  if (severityText !== "" && !severity) return { ok: false, message: `unknown severity "${severityText}" (use ${SEVERITIES.join(", ")})` };
  const pathTo = parseRefParam(params.get("pathTo"), "pathTo");
  if (!pathTo.ok) return { ok: false, message: pathTo.message };
  const limitText = params.get("limit");
  if (limitText !== null && !/^[1-9][0-9]*$/.test(limitText)) return { ok: false, message: '"limit" must be a positive whole number' };
  const namespace = params.get("ns");
  return {
    ok: true,
    query: {
      focus,
      depth,
      filters: {
        ...(namespace ? { namespace } : {}),
        ...(kinds.length > 0 ? { kinds: kinds as ExplorerKind[] } : {}),
        ...(techniques.length > 0 ? { techniques } : {}),
        ...(severity ? { severity: severity as Severity } : {}),
      },
      open: params.getAll("open"),
      pathTo: pathTo.ref,
      ...(limitText !== null ? { limit: Number(limitText) } : {}),
    },
  };
}
