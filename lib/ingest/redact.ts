/**
 * What of the original manifest is kept for display (object, role and binding pages show it as YAML).
 * The engine reads its own normalized copy of the object, never this one, so what is dropped here
 * changes no answer; it only keeps secret values out of the database and the database small.
 * Shallow copies only: the parts that are removed are removed from fresh top-level / metadata
 * objects, the rest is shared with the input.
 *
 * Dropped from every object:
 * - `metadata.managedFields` (server-side apply bookkeeping, often larger than the object);
 * - the `kubectl.kubernetes.io/last-applied-configuration` annotation (a second copy of the object,
 *   and of a Secret's data);
 * - `status`, except a Pod's `status.phase` (node images and capacity, conditions, container states:
 *   what the cluster reports, not what RBAC or the escalation analysis reads — the engine keeps the
 *   few status fields it needs, such as ephemeral container states, in its own copy).
 * Dropped from Secrets: `data` and `stringData` (their values never reach the database).
 * Everything else is kept as written: metadata (labels, annotations, owners), spec, rules, subjects.
 */

import { isObj } from "@/lib/ingest/fields";

export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * The manifest as stored for display (see above). The input is not modified; an object with nothing
 * to drop is returned as is. `kind` overrides `raw.kind` (items of a typed List such as SecretList
 * carry no kind).
 */
export function trimManifest(raw: Record<string, unknown>, kind?: string): Record<string, unknown> {
  const effectiveKind = kind ?? raw.kind;
  const isSecret = effectiveKind === "Secret";
  const meta = raw.metadata;
  const annotations = isObj(meta) ? meta.annotations : undefined;
  const hasLastApplied = isObj(annotations) && LAST_APPLIED_ANNOTATION in annotations;
  const metaNeedsCopy = isObj(meta) && ("managedFields" in meta || hasLastApplied);
  const keptStatus = "status" in raw ? statusKept(raw.status, effectiveKind) : undefined;
  const statusChanges = "status" in raw && keptStatus !== raw.status;
  if (!isSecret && !metaNeedsCopy && !statusChanges) return raw;

  const out: Record<string, unknown> = { ...raw };
  if (isSecret) {
    delete out.data;
    delete out.stringData;
  }
  if (statusChanges) {
    if (keptStatus === undefined) delete out.status;
    else out.status = keptStatus;
  }
  if (metaNeedsCopy && isObj(meta)) {
    const m: Record<string, unknown> = { ...meta };
    delete m.managedFields;
    if (hasLastApplied && isObj(annotations)) {
      const kept: Record<string, unknown> = { ...annotations };
      delete kept[LAST_APPLIED_ANNOTATION];
      m.annotations = kept;
    }
    out.metadata = m;
  }
  return out;
}

/** A Pod's phase (shown on its page); no other status is kept. Returns the input when it is already that. */
function statusKept(status: unknown, kind: unknown): unknown {
  if (kind !== "Pod" || !isObj(status) || status.phase === undefined) return undefined;
  const keys = Object.keys(status);
  if (keys.length === 1) return status;
  return { phase: status.phase };
}
