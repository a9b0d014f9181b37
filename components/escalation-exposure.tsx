/**
 * Over-privileged accounts: every ServiceAccount ranked by exposure = what it can reach × running
 * pods that hold its token × nodes those pods run on. `default` accounts are badged.
 */
import type { ExposureEntry } from "@/lib/analysis/analyze";
import { formatVertexRef } from "@/lib/analysis/refs";
import { RefLink } from "./escalation-path";
import { Badge, Table, Td, type Tone } from "./ui";

const LEVEL: Readonly<Record<string, { label: string; tone: Tone }>> = {
  ClusterAdmin: { label: "cluster admin", tone: "critical" },
  Node: { label: "node root", tone: "bad" },
  ServiceAccount: { label: "other identities", tone: "bad" },
  Secret: { label: "secrets", tone: "warn" },
};

function reachText(r: ExposureEntry["reaches"]): string {
  if (r.clusterAdmin) return "everything (cluster admin)";
  const parts: string[] = [];
  if (r.nodes) parts.push(`${r.nodes} ${r.nodes === 1 ? "node" : "nodes"}`);
  if (r.serviceAccounts) parts.push(`${r.serviceAccounts} ${r.serviceAccounts === 1 ? "ServiceAccount" : "ServiceAccounts"}`);
  if (r.secrets) parts.push(`${r.secrets} ${r.secrets === 1 ? "secret" : "secrets"}`);
  return parts.length ? parts.join(", ") : "nothing beyond its own rights";
}

export function ExposureTable({ snapshot, entries, limit = 25 }: { snapshot: number; entries: readonly ExposureEntry[]; limit?: number }) {
  // Accounts that reach something or run somewhere come first (the analysis sorted by score); then every default account.
  const relevant = entries.filter((e) => e.level !== null || e.pods > 0);
  const defaults = entries.filter((e) => e.isDefault && !relevant.includes(e));
  const rows = [...relevant, ...defaults].slice(0, limit);
  const omitted = entries.length - rows.length;
  return (
    <div className="space-y-2">
      <Table head={["#", "ServiceAccount", "Reach", "Can reach", "Pods with its token", "Nodes", "Score"]} caption="Exposure ranking">
        {rows.map((e, i) => (
          <tr key={formatVertexRef(e.serviceAccount)} className={e.isDefault ? "bg-amber-50/40" : undefined}>
            <Td>{i + 1}</Td>
            <Td>
              <span className="inline-flex flex-wrap items-center gap-2">
                <RefLink snapshot={snapshot} refValue={e.serviceAccount} />
                {e.isDefault ? <Badge tone="warn">default</Badge> : null}
              </span>
            </Td>
            <Td>{e.level ? <Badge tone={LEVEL[e.level]?.tone ?? "neutral"}>{LEVEL[e.level]?.label ?? e.level}</Badge> : <Badge tone="good">none</Badge>}</Td>
            <Td>{reachText(e.reaches)}</Td>
            <Td>{e.pods}</Td>
            <Td>{e.nodes}</Td>
            <Td>{e.score}</Td>
          </tr>
        ))}
      </Table>
      <p className="text-xs text-slate-500">
        Score = reach weight (cluster admin 1000, node 100, identity 10, secret 1) × running pods holding the token × nodes they run on.
        {omitted > 0 ? ` ${omitted} more ServiceAccounts reach nothing and run no pods.` : ""}
      </p>
    </div>
  );
}
