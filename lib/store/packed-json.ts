import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { Dialect } from "./sql-handle";

/**
 * Large JSON values (the stored analysis: graph, fix set, exposure) kept compressed: at 150k pods the
 * analysis is hundreds of MB of repetitive JSON that deflate shrinks about ten times, for a few
 * hundred ms on write and less on read. Generic over the value, so new analysis fields flow through.
 * A column written before packing existed holds JSON text; both read back the same.
 *
 * The columns are String in the schema. SQLite keeps the deflated bytes as a BLOB in them; a
 * PostgreSQL text column takes no raw bytes, so there they are base64 text after a marker (JSON text
 * never starts with a letter other than t/f/n, and never with this marker).
 */
export type PackedJson = Buffer | string;

const TEXT_MARKER = "deflate-base64:";

/** Deflate level 1: nearly all of the size gain of higher levels at a fraction of the time. */
export function packJson(value: unknown, dialect: Dialect = "sqlite"): PackedJson {
  const packed = deflateRawSync(Buffer.from(JSON.stringify(value), "utf8"), { level: 1 });
  return dialect === "postgresql" ? TEXT_MARKER + packed.toString("base64") : packed;
}

export function unpackJson<T>(stored: string | Uint8Array): T {
  if (typeof stored === "string") {
    if (stored.startsWith(TEXT_MARKER)) return JSON.parse(inflateRawSync(Buffer.from(stored.slice(TEXT_MARKER.length), "base64")).toString("utf8")) as T;
    return JSON.parse(stored) as T;
  }
  return JSON.parse(inflateRawSync(stored).toString("utf8")) as T;
}
