import { deflateRawSync, inflateRawSync } from "node:zlib";

/**
 * Large JSON values (the stored analysis: graph, fix set, exposure) kept compressed: at 150k pods the
 * analysis is hundreds of MB of repetitive JSON that deflate shrinks about ten times, for a few
 * hundred ms on write and less on read. Generic over the value, so new analysis fields flow through.
 * A column written before packing existed holds JSON text; both read back the same.
 */
export type PackedJson = Buffer;

/** Deflate level 1: nearly all of the size gain of higher levels at a fraction of the time. */
export function packJson(value: unknown): PackedJson {
  return packJsonText(JSON.stringify(value));
}

/** The same for JSON already serialized (a chunk assembled from serialized parts). */
export function packJsonText(json: string): PackedJson {
  return deflateRawSync(Buffer.from(json, "utf8"), { level: 1 });
}

export function unpackJson<T>(stored: string | Uint8Array): T {
  if (typeof stored === "string") return JSON.parse(stored) as T;
  return JSON.parse(inflateRawSync(stored).toString("utf8")) as T;
}
