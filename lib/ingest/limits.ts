/**
 * Input limits beyond the byte size (which lib/ingest/read.ts and parse.ts check first): what an
 * input may expand to once parsed. Checked on every file, stdin and upload alike, while parsing:
 * - JSON is scanned before JSON.parse (nesting depth, string length, duplicate keys — refused like
 *   YAML's, NUL escapes), so a 200k-deep document never reaches a recursive function;
 * - every parsed document is walked iteratively, counting YAML aliases as what they expand to
 *   (an alias repeats its anchor's whole subtree in the stored rows and pages), and stopping as
 *   soon as a limit is passed, so the walk itself is bounded.
 * Messages name the file, the document and the limit, never a value from the input.
 */

import type { IngestIssue } from "@/lib/ingest/issues";

export interface InputLimits {
  /** Nesting of objects/lists in one document (Kubernetes objects need ~20). */
  readonly maxDepth: number;
  /** One string (a key or a value), in UTF-16 code units. */
  readonly maxStringLength: number;
  /** Values (objects, lists, scalars) in the whole input, counting alias expansions. */
  readonly maxValues: number;
  /** Size of the whole input once aliases are expanded, in (approximate) bytes. */
  readonly maxExpandedBytes: number;
}

export const DEFAULT_MAX_DEPTH = 100;
export const DEFAULT_MAX_STRING_LENGTH = 1024 * 1024;

/** Parsed, an input may be this many times its own size (plus EXPANSION_SLACK): aliases and merge keys that repeat a little are fine, a bomb is not. */
export const EXPANSION_FACTOR = 3;
export const EXPANSION_SLACK = 1024 * 1024;

/**
 * Limits for an input of `inputBytes` bytes that was allowed `maxBytes`: the expanded size is
 * bounded by the input's own size (a 4 MB file may not become 400 MB), and never by more than
 * the byte limit allows.
 */
export function limitsFor(maxBytes: number, inputBytes = maxBytes): InputLimits {
  const expanded = Math.min(EXPANSION_FACTOR * maxBytes, EXPANSION_FACTOR * inputBytes) + EXPANSION_SLACK;
  return {
    maxDepth: DEFAULT_MAX_DEPTH,
    maxStringLength: DEFAULT_MAX_STRING_LENGTH,
    // a value costs at least 2 bytes of input ("1,"), so this only bites on expansion
    maxValues: Math.ceil(expanded / 2),
    maxExpandedBytes: expanded,
  };
}

/** A misconfiguration (an environment variable that is not what it should be): exit 2, not a crash. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Running totals over all files of one input. */
export class ExpansionBudget {
  values = 0;
  bytes = 0;
  constructor(readonly limits: InputLimits) {}
}

type Where = { readonly file: string; readonly documentIndex?: number };

function limitIssue(where: Where, message: string): IngestIssue {
  return { code: "LIMIT", file: where.file, ...(where.documentIndex !== undefined && { documentIndex: where.documentIndex }), message };
}

/**
 * Walks one parsed document without recursion. Returns the first limit it passes, or undefined.
 * Shared subtrees (YAML aliases) are walked again each time they are referenced, as they would be
 * stored; the budget stops the walk as soon as the total passes the limit.
 */
export function checkDocument(value: unknown, where: Where, budget: ExpansionBudget): IngestIssue | undefined {
  const { limits } = budget;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; depth: number };
    const v = top.value;
    budget.values++;
    if (budget.values > limits.maxValues) {
      return limitIssue(where, `more than ${limits.maxValues} values in the input (YAML aliases count as what they expand to); refusing it`);
    }
    if (typeof v === "string") {
      const problem = stringProblem(v, limits);
      if (problem) return limitIssue(where, problem);
      budget.bytes += v.length + 2;
    } else if (v !== null && typeof v === "object" && !(v instanceof Date)) {
      if (top.depth > limits.maxDepth) return limitIssue(where, `nested deeper than ${limits.maxDepth} levels; refusing it`);
      budget.bytes += 2;
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: top.depth + 1 });
      } else {
        for (const [key, child] of Object.entries(v as Record<string, unknown>)) {
          const problem = stringProblem(key, limits);
          if (problem) return limitIssue(where, `a key ${problem.replace(/^a string /, "")}`);
          budget.bytes += key.length + 4;
          stack.push({ value: child, depth: top.depth + 1 });
        }
      }
    } else {
      budget.bytes += 4;
    }
    if (budget.bytes > limits.maxExpandedBytes) {
      return limitIssue(where, `expands to more than ${limits.maxExpandedBytes} bytes (YAML aliases count as what they expand to); refusing a possible alias bomb`);
    }
  }
  return undefined;
}

function stringProblem(s: string, limits: InputLimits): string | undefined {
  if (s.length > limits.maxStringLength) return `a string longer than ${limits.maxStringLength} characters; refusing it`;
  if (s.includes("\u0000")) return "a string holds a NUL character; refusing it";
  return undefined;
}

/**
 * One pass over JSON text before JSON.parse: nesting depth, string length, NUL escapes and
 * duplicate keys in one object (YAML refuses those; JSON.parse would silently keep the last one).
 * Returns an issue with the line and column, or undefined. Assumes nothing about validity: syntax
 * errors are left to the parser.
 */
export function scanJson(text: string, where: Where, limits: InputLimits, layout?: JsonListLayout): IngestIssue | undefined {
  // Per open container: the set of keys seen (objects) or null (lists).
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  // Where the top-level object's `items` list and its elements are (see JsonListLayout).
  let topKey: string | undefined;
  let inItems = false;
  let itemStart = -1;
  if (layout) layout.streamable = false;
  const notStreamable = () => {
    layout = undefined;
  };
  const at = (offset: number) => {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return `line ${line}, column ${offset - lineStart + 1}`;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      const start = i;
      let hasEscape = false;
      i++;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === 0x5c /* \ */) {
          hasEscape = true;
          i += 2;
          continue;
        }
        if (c === 0x22) break;
        i++;
      }
      const length = i - start - 1;
      if (length > limits.maxStringLength) return limitIssue(where, `${at(start)}: a string longer than ${limits.maxStringLength} characters; refusing it`);
      const raw = text.slice(start + 1, i);
      if (hasEscape && /\\u0000/i.test(raw)) return limitIssue(where, `${at(start)}: a string holds a NUL character (\\u0000); refusing it`);
      const keys = open[open.length - 1];
      if (layout && inItems && open.length === 2) notStreamable(); // a string item
      if (layout && open.length === 1 && expectKey && keys) topKey = raw;
      if (expectKey && keys) {
        // Escapes are rare in keys; decode them so "a" and "\u0061" are the same key, as for the parser.
        let key = raw;
        if (hasEscape) {
          try {
            key = JSON.parse(`"${raw}"`) as string;
          } catch {
            return undefined; // invalid escape: the parser reports it
          }
        }
        if (keys.has(key)) return limitIssue(where, `${at(start)}: duplicate key in one object (YAML input is refused for the same); refusing it`);
        keys.add(key);
        expectKey = false;
      }
      continue;
    }
    if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (open.length >= limits.maxDepth) return limitIssue(where, `${at(i)}: nested deeper than ${limits.maxDepth} levels; refusing it`);
      if (layout) {
        if (open.length === 0 && ch !== 0x7b) notStreamable();
        else if (open.length === 1) {
          if (topKey === "items") {
            if (ch === 0x5b) {
              inItems = true;
              layout.itemsStart = i;
            } else notStreamable();
          }
          topKey = undefined;
        } else if (open.length === 2 && inItems) {
          if (ch === 0x7b) itemStart = i;
          else notStreamable(); // a list inside the list: the parser reports it
        }
      }
      open.push(ch === 0x7b ? new Set() : null);
      expectKey = ch === 0x7b;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      open.pop();
      expectKey = false;
      if (layout) {
        if (open.length === 2 && inItems && itemStart >= 0) {
          layout.items.push(itemStart, i + 1);
          itemStart = -1;
        } else if (open.length === 1 && inItems) {
          inItems = false;
          layout.itemsEnd = i + 1;
        } else if (open.length === 0) {
          layout.valueEnd = i + 1;
          if (/\S/.test(text.slice(i + 1, i + 64))) notStreamable(); // a stream of several JSON values
          else layout.streamable = layout.itemsEnd > layout.itemsStart;
          if (!layout?.streamable) notStreamable();
        }
      }
    } else if (ch === 0x2c /* , */) {
      expectKey = open[open.length - 1] instanceof Set;
    } else if (layout && inItems && open.length === 2 && ch > 0x20) {
      notStreamable(); // a number, true, false or null item
    } else if (layout && open.length === 1 && ch !== 0x3a /* : */ && ch > 0x20) {
      topKey = undefined; // a scalar top-level value
    }
  }
  return undefined;
}

/**
 * Where a single top-level JSON object's `items` list is, and each of its elements: what
 * `kubectl get -o json` writes (a List of objects), read an item at a time so that the whole
 * parsed tree never exists at once. `streamable` is false for any other shape (several values,
 * a top-level list, items that are not objects), which are parsed whole.
 */
export interface JsonListLayout {
  streamable: boolean;
  itemsStart: number;
  itemsEnd: number;
  valueEnd: number;
  /** [start, end) offsets of each item, flattened. */
  readonly items: number[];
}

export function emptyJsonListLayout(): JsonListLayout {
  return { streamable: false, itemsStart: -1, itemsEnd: -1, valueEnd: -1, items: [] };
}

/** stdin (or a stream) passed the byte limit while it was being read. */
export class InputTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`input exceeds the size limit of ${maxBytes} bytes`);
    this.name = "InputTooLargeError";
  }
}

/** Reads a stream up to `maxBytes` (refusing as soon as it passes them) and decodes it strictly. */
export async function readBounded(stream: AsyncIterable<unknown> | Iterable<unknown>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > maxBytes) throw new InputTooLargeError(maxBytes);
    chunks.push(buf);
  }
  return decodeStrict(Buffer.concat(chunks));
}

/** Text that cannot be decoded as what it claims to be: refused with the byte offset. */
export class EncodingError extends Error {
  constructor(
    readonly byteOffset: number,
    readonly reason: "invalid UTF-8" | "NUL byte" | "invalid UTF-16",
  ) {
    super(`${reason} at byte ${byteOffset}: save the file as UTF-8 (or UTF-16 with a byte-order mark)`);
    this.name = "EncodingError";
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * UTF-8 (with or without BOM) and UTF-16 with a BOM (what PowerShell's `>` writes), decoded
 * strictly: an invalid UTF-8 sequence (Latin-1 bytes, say) or a NUL is an EncodingError naming
 * the byte offset, never silently replaced.
 */
export function decodeStrict(buf: Uint8Array): string {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const littleEndian = buf[0] === 0xff;
    if ((buf.length - 2) % 2 !== 0) throw new EncodingError(buf.length - 1, "invalid UTF-16");
    const text = new TextDecoder(littleEndian ? "utf-16le" : "utf-16be").decode(buf.subarray(2));
    const nul = text.indexOf("\u0000");
    if (nul >= 0) throw new EncodingError(2 + nul * 2, "NUL byte");
    return text;
  }
  const hasBom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = hasBom ? buf.subarray(3) : buf;
  const nul = body.indexOf(0);
  if (nul >= 0) throw new EncodingError(nul + (hasBom ? 3 : 0), "NUL byte");
  try {
    return strictUtf8.decode(body);
  } catch {
    throw new EncodingError(firstInvalidUtf8(body) + (hasBom ? 3 : 0), "invalid UTF-8");
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    let need: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= b.length) return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const n = b[i + k];
      if (n === undefined || (n & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (n & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}
