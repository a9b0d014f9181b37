/**
 * Effective access beyond RBAC's direct answer: a subject that RBAC denies may still reach the
 * permission through an escalation path (becoming cluster admin, which may do anything). And a
 * subject's risk: the sinks its stored paths reach.
 */
import { NODE_USER_PREFIX, principalIdentity } from "@/lib/analysis/context";
import type { EscalationPath } from "@/lib/analysis/paths";
import type { VertexRef } from "@/lib/analysis/refs";
import type { Identity } from "@/lib/rbac";
import { listStoredPaths, objectKnown, type Database } from "@/lib/store";

const SA_PREFIX = "system:serviceaccount:";

/** The escalation vertex of an authenticated user name (`system:serviceaccount:ns:name` → ServiceAccount). */
export function principalOfUser(user: string): VertexRef {
  if (user.startsWith(SA_PREFIX)) {
    const rest = user.slice(SA_PREFIX.length);
    const colon = rest.indexOf(":");
    if (colon > 0 && colon < rest.length - 1 && !rest.slice(colon + 1).includes(":")) {
      return { kind: "ServiceAccount", namespace: rest.slice(0, colon), name: rest.slice(colon + 1) };
    }
  }
  return { kind: "User", namespace: null, name: user };
}

/**
 * Which identity a subject is, as the escalation analysis decides it (`principalIdentity`, the one
 * definition): a Group stands for a member of it (also in system:authenticated), a User
 * `system:node:<n>` of a known node also carries system:nodes.
 */
export function subjectIdentity(db: Database, snapshotId: number, ref: VertexRef): Identity {
  const name = ref.name ?? "";
  const node = ref.kind === "User" && name.startsWith(NODE_USER_PREFIX) ? name.slice(NODE_USER_PREFIX.length) : undefined;
  const knownNodes = new Set(node !== undefined && objectKnown(db, snapshotId, { kind: "Node", namespace: "", name: node }) ? [node] : []);
  const identity = principalIdentity(ref, knownNodes);
  if (!identity) throw new Error(`${ref.kind} is not a subject kind`);
  return identity;
}

function refText(ref: VertexRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name ?? ""}` : `${ref.kind}/${ref.name ?? ""}`;
}

/** The shortest stored path from the principal to ClusterAdmin, if any (every permission lies behind it). */
export function escalationToEverything(db: Database, snapshotId: number, principal: VertexRef): EscalationPath | undefined {
  const [shortest] = listStoredPaths(db, snapshotId, { from: refText(principal), to: "ClusterAdmin" }).sort((a, b) => a.hops.length - b.hops.length);
  return shortest;
}

export type RiskLevel = "ClusterAdmin" | "NodeRoot" | "Secrets" | "None";

export interface SubjectRisk {
  readonly level: RiskLevel;
  /** Shortest stored path to each sink the subject reaches. */
  readonly paths: readonly EscalationPath[];
}

/** Worst sink first: ClusterAdmin, then a node (root on the host), then secrets. */
export function subjectRisk(db: Database, snapshotId: number, principal: VertexRef): SubjectRisk {
  const rank = (p: EscalationPath) => ["ClusterAdmin", "Node", "Secret"].indexOf(p.to.kind) >>> 0;
  const paths = listStoredPaths(db, snapshotId, { from: refText(principal) }).sort((a, b) => rank(a) - rank(b) || a.hops.length - b.hops.length);
  const reaches = (kind: string) => paths.some((p) => p.to.kind === kind);
  const level: RiskLevel = reaches("ClusterAdmin") ? "ClusterAdmin" : reaches("Node") ? "NodeRoot" : reaches("Secret") ? "Secrets" : "None";
  return { level, paths };
}
