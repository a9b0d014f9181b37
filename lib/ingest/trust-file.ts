/** v2 §2.9: the trust file (YAML) → a validated TrustSpec; every problem names the file and entry. */
import { parse as parseYaml } from "yaml";
import { parseVertexRef, type VertexRef } from "@/lib/analysis/refs";
import { isBroadGroup, TrustFileError, type ObjectKey, type TrustSpec } from "@/lib/analysis/trust";

export { TrustFileError };

const NAMESPACED_PROTECT = new Set(["RoleBinding", "Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController"]);

function parseProtect(text: string, where: string): ObjectKey {
  const parts = text.split("/");
  const kind = parts[0] ?? "";
  if (kind === "ClusterRoleBinding" && parts.length === 2 && parts[1]) return { kind, name: parts[1], namespace: null };
  if (NAMESPACED_PROTECT.has(kind) && parts.length === 3 && parts[1] && parts[2]) return { kind, name: parts[2], namespace: parts[1] };
  throw new TrustFileError(`${where}: cannot protect "${text}" (expected ClusterRoleBinding/name, RoleBinding/namespace/name, Pod/namespace/name or <Workload>/namespace/name)`);
}

/** Parses a trust file (§2.9). `source` names it in errors. */
export function parseTrustFile(text: string, source: string): TrustSpec {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new TrustFileError(`${source}: not valid YAML (${(e as Error).message})`);
  }
  const trust = (doc as { trust?: unknown } | null)?.trust;
  if (doc === null || typeof doc !== "object" || trust === undefined || trust === null || typeof trust !== "object" || Array.isArray(trust)) {
    throw new TrustFileError(`${source}: expected a top-level "trust:" map with add, remove and protect lists`);
  }
  const t = trust as Record<string, unknown>;
  for (const k of Object.keys(t)) if (!["add", "remove", "protect"].includes(k)) throw new TrustFileError(`${source}: unknown key trust.${k} (expected add, remove, protect)`);
  const list = (key: string): string[] => {
    const v = t[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new TrustFileError(`${source}: trust.${key} must be a list of references`);
    return v as string[];
  };
  const principals = (key: string): VertexRef[] =>
    list(key).map((text, i) => {
      const p = parseVertexRef(text);
      const where = `${source}: trust.${key}[${i}]`;
      if (!p.success) throw new TrustFileError(`${where}: ${p.error}`);
      if (!["ServiceAccount", "User", "Group"].includes(p.data.kind)) throw new TrustFileError(`${where}: "${text}" is not a principal (ServiceAccount, User or Group)`);
      if (key === "add" && p.data.kind === "Group" && isBroadGroup(p.data.name ?? "")) throw new TrustFileError(`${where}: ${text} stands for every (service) account and can never be trusted`);
      return p.data;
    });
  return { add: principals("add"), remove: principals("remove"), protect: list("protect").map((x, i) => parseProtect(x, `${source}: trust.protect[${i}]`)) };
}

