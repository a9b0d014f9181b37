/**
 * The same object (kind, namespace, name) read twice: the last one wins, with a warning — for file
 * ingest (parse.ts) and live ingest (a list that returns an object twice) alike, so the store never
 * sees two rows for one object.
 */
import { formatObjectRef } from "@/lib/ingest/issues";
import type { ObjectOrigin, ParsedObject } from "@/lib/ingest/types";

export function objectKey(obj: ParsedObject): string {
  const meta = obj.object.metadata;
  return `${obj.kind}\u0000${meta.namespace ?? ""}\u0000${meta.name}`;
}

export function describeOrigin(o: ObjectOrigin): string {
  return `${o.file} document ${o.documentIndex}${o.itemIndex === undefined ? "" : ` items[${o.itemIndex}]`}`;
}

export function duplicateWarning(kept: ParsedObject, replaced: ParsedObject): string {
  const meta = kept.object.metadata;
  return `duplicate ${formatObjectRef(kept.kind, meta.name, meta.namespace)}: ${describeOrigin(kept.origin)} replaces ${describeOrigin(replaced.origin)} (last one wins)`;
}

/** Objects with later duplicates replacing earlier ones in place; one warning per replacement. */
export function keepLastOfEach(objects: readonly ParsedObject[]): { objects: ParsedObject[]; warnings: string[] } {
  const out: ParsedObject[] = [];
  const warnings: string[] = [];
  const index = new Map<string, number>();
  for (const obj of objects) {
    const key = objectKey(obj);
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, out.length);
      out.push(obj);
      continue;
    }
    warnings.push(duplicateWarning(obj, out[at] as ParsedObject));
    out[at] = obj;
  }
  return { objects: out, warnings };
}
