import { constants, deflateRawSync, inflateRawSync } from "node:zlib";
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
const LEVEL = 1;

/**
 * About this much JSON text is serialized and compressed at a time: the whole text of a large value
 * (the XL escalation graph is ~300 MB) never exists at once, only one part and the compressed output.
 */
const PART_CHARS = 1 << 20;

/**
 * One raw deflate stream, written part by part: each part is compressed on its own and ended with a
 * sync flush (byte-aligned, not final), and an empty final block closes the stream — the
 * concatenation is a valid deflate stream (pigz writes the same), read back by one inflate.
 */
export function packJson(value: unknown, dialect: Dialect = "sqlite"): PackedJson {
  const compressed: Buffer[] = [];
  forEachJsonPart(value, PART_CHARS, (part) => {
    compressed.push(deflateRawSync(Buffer.from(part, "utf8"), { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH }));
  });
  compressed.push(deflateRawSync(Buffer.alloc(0), { level: LEVEL }));
  return inDialect(Buffer.concat(compressed), dialect);
}

/** The same for JSON already serialized (a chunk assembled from serialized parts). */
export function packJsonText(json: string, dialect: Dialect = "sqlite"): PackedJson {
  return inDialect(deflateRawSync(Buffer.from(json, "utf8"), { level: LEVEL }), dialect);
}

/** SQLite keeps the deflated bytes; PostgreSQL's text column gets them as marked base64. */
function inDialect(packed: Buffer, dialect: Dialect): PackedJson {
  return dialect === "postgresql" ? TEXT_MARKER + packed.toString("base64") : packed;
}

export function unpackJson<T>(stored: string | Uint8Array): T {
  if (typeof stored === "string") {
    if (stored.startsWith(TEXT_MARKER)) return JSON.parse(inflateRawSync(Buffer.from(stored.slice(TEXT_MARKER.length), "base64")).toString("utf8")) as T;
    return JSON.parse(stored) as T;
  }
  return JSON.parse(inflateRawSync(stored).toString("utf8")) as T;
}

/** Members from which a container is written member by member rather than with one JSON.stringify. */
const LARGE_CONTAINER = 256;

/**
 * JSON.stringify(value) handed to `onPart` in consecutive pieces of about `partChars` characters
 * (their concatenation is exactly JSON.stringify's text): large arrays and objects, and those
 * holding one, are written member by member, each member with JSON.stringify.
 */
export function forEachJsonPart(value: unknown, partChars: number, onPart: (part: string) => void): void {
  let buffered: string[] = [];
  let size = 0;
  const emit = (text: string) => {
    buffered.push(text);
    size += text.length;
    if (size >= partChars) {
      onPart(buffered.join(""));
      buffered = [];
      size = 0;
    }
  };
  const write = (v: unknown, inArray: boolean): void => {
    if (!isLarge(v)) {
      emit(JSON.stringify(v) ?? (inArray ? "null" : ""));
    } else if (Array.isArray(v)) {
      emit("[");
      for (let i = 0; i < v.length; i++) {
        if (i > 0) emit(",");
        write(v[i], true);
      }
      emit("]");
    } else {
      emit("{");
      let first = true;
      for (const [key, member] of Object.entries(v as Record<string, unknown>)) {
        if (member === undefined || typeof member === "function" || typeof member === "symbol") continue;
        emit(`${first ? "" : ","}${JSON.stringify(key)}:`);
        first = false;
        write(member, false);
      }
      emit("}");
    }
  };
  write(value, false);
  if (buffered.length > 0) onPart(buffered.join(""));
}

/** A plain array or object with many members, or holding one: worth writing member by member. */
function isLarge(v: unknown): boolean {
  if (!isPlainContainer(v)) return false;
  const members = Array.isArray(v) ? v : Object.values(v);
  if (members.length >= LARGE_CONTAINER) return true;
  return members.some((m) => isPlainContainer(m) && (Array.isArray(m) ? m.length : Object.keys(m).length) >= LARGE_CONTAINER);
}

function isPlainContainer(v: unknown): v is object {
  return v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON !== "function";
}
