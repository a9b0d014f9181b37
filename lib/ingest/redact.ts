/**
 * What of the original manifest may be kept for display. Shallow copies only: the parts that are
 * removed are removed from fresh top-level / metadata objects, the rest is shared with the input.
 */

import { isObj } from "@/lib/ingest/fields";

export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * Drops `metadata.managedFields` from every object and, for Secrets, `data`, `stringData` and the
 * last-applied-configuration annotation (which repeats the data). The input is not modified.
 * `kind` overrides `raw.kind` (items of a typed List such as SecretList carry no kind).
 */
export function redactObject(raw: Record<string, unknown>, kind?: string): Record<string, unknown> {
  const isSecret = (kind ?? raw.kind) === "Secret";
  const meta = raw.metadata;
  const metaNeedsCopy =
    isObj(meta) &&
    ("managedFields" in meta ||
      (isSecret && isObj(meta.annotations) && LAST_APPLIED_ANNOTATION in meta.annotations));
  if (!isSecret && !metaNeedsCopy) return raw;

  const out: Record<string, unknown> = { ...raw };
  if (isSecret) {
    delete out.data;
    delete out.stringData;
  }
  if (metaNeedsCopy && isObj(meta)) {
    const m: Record<string, unknown> = { ...meta };
    delete m.managedFields;
    if (isSecret && isObj(meta.annotations) && LAST_APPLIED_ANNOTATION in meta.annotations) {
      const annotations: Record<string, unknown> = { ...meta.annotations };
      delete annotations[LAST_APPLIED_ANNOTATION];
      m.annotations = annotations;
    }
    out.metadata = m;
  }
  return out;
}
