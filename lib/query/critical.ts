import { parseVertexRef } from "@/lib/analysis";
import type { CriticalMark } from "@/lib/store";

/** `Namespace/ns`, `ServiceAccount/ns/name` or `Secret/ns/name` → a crown-jewel mark. */
export function parseCriticalRef(text: string): { ok: true; mark: CriticalMark } | { ok: false; message: string } {
  const parsed = parseVertexRef(text);
  if (!parsed.success) return { ok: false, message: parsed.error };
  const { kind, name, namespace } = parsed.data;
  if ((kind !== "Namespace" && kind !== "ServiceAccount" && kind !== "Secret") || !name) {
    return { ok: false, message: `a crown jewel is a Namespace, ServiceAccount or Secret, got "${text}"` };
  }
  return { ok: true, mark: { kind, name, namespace: kind === "Namespace" ? null : namespace } };
}
