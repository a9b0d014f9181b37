/**
 * Colours and shapes of the explorer's vertex and edge kinds: one table read by the Cytoscape
 * style, the legend and the SVG export, so the three never disagree.
 */
export const KIND_STYLE: Readonly<Record<string, { readonly color: string; readonly shape: string; readonly label: string }>> = {
  User: { color: "#0891b2", shape: "ellipse", label: "User" },
  Group: { color: "#0d9488", shape: "ellipse", label: "Group" },
  ServiceAccount: { color: "#4f46e5", shape: "ellipse", label: "ServiceAccount" },
  RoleBinding: { color: "#64748b", shape: "diamond", label: "RoleBinding" },
  ClusterRoleBinding: { color: "#334155", shape: "diamond", label: "ClusterRoleBinding" },
  Role: { color: "#16a34a", shape: "round-rectangle", label: "Role" },
  ClusterRole: { color: "#15803d", shape: "round-rectangle", label: "ClusterRole" },
  Namespace: { color: "#a855f7", shape: "hexagon", label: "Namespace" },
  Pod: { color: "#78716c", shape: "rectangle", label: "Pod" },
  Node: { color: "#f97316", shape: "octagon", label: "Node" },
  Secret: { color: "#d97706", shape: "tag", label: "Secret" },
  RoleGrant: { color: "#7c3aed", shape: "vee", label: "RoleGrant (self-granted role)" },
  ClusterAdmin: { color: "#e11d48", shape: "star", label: "ClusterAdmin" },
  Collapsed: { color: "#cbd5e1", shape: "barrel", label: "Collapsed group (click to open)" },
};

export const RELATION_STYLE: Readonly<Record<string, { readonly color: string; readonly dashed: boolean; readonly label: string }>> = {
  binds: { color: "#94a3b8", dashed: false, label: "subject named by binding" },
  grants: { color: "#94a3b8", dashed: false, label: "binding grants role" },
  aggregates: { color: "#86efac", dashed: false, label: "aggregates rules of" },
  "runs-as": { color: "#a8a29e", dashed: false, label: "pod runs as" },
  "runs-on": { color: "#fdba74", dashed: false, label: "pod runs on node" },
  contains: { color: "#d8b4fe", dashed: false, label: "namespace contains" },
  technique: { color: "#e11d48", dashed: true, label: "escalation technique" },
};

export const SEVERITY_COLOR: Readonly<Record<string, string>> = { Critical: "#be123c", High: "#e11d48", Medium: "#d97706", Low: "#64748b" };
