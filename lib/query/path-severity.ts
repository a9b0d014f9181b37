import type { EscalationPath } from "@/lib/analysis/paths";
import { formatVertexRef } from "@/lib/analysis/refs";
import type { Severity } from "@/lib/analysis/technique";

/**
 * A path is as severe as what it reaches: ClusterAdmin or a user-tagged crown jewel is Critical,
 * root on a node or another identity High, a Secret's contents Medium. Shared by the escalation
 * page and the reports.
 */
export function pathSeverity(path: Pick<EscalationPath, "to">, critical: ReadonlySet<string> = new Set()): Severity {
  const to = path.to;
  if (to.kind === "ClusterAdmin" || critical.has(formatVertexRef(to))) return "Critical";
  if (to.kind === "Node" || to.kind === "ServiceAccount" || to.kind === "User" || to.kind === "Group") return "High";
  if (to.kind === "Secret") return "Medium";
  return "Low";
}
