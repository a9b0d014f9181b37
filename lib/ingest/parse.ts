/**
 * Files → documents → objects. Accepts what `kubectl get -o yaml|json` and hand-written manifests
 * look like:
 * - multi-document YAML (`---`; empty documents are ignored), YAML merge keys (`<<`) like kubectl;
 * - JSON, parsed with JSON.parse (a file whose first character is `{` or `[`), including a stream
 *   of concatenated JSON values (`kubectl get a -o json; kubectl get b -o json`), each one counted
 *   as a document; JSON that JSON.parse rejects is handed to the YAML parser (flow-style YAML, and
 *   line/column errors for broken JSON);
 * - `kind: List` and typed lists (`RoleList` with `items`; items without `kind` take it from the
 *   list kind); a top-level array (YAML or JSON) is read like a List's items;
 * - unknown kinds (ConfigMap, CRDs, a CRD that reuses a kept kind's name under another API group)
 *   are counted as skipped, not errors.
 * The whole input fails when any document fails; issues are collected (up to MAX_ISSUES).
 */

import { createHash } from "node:crypto";
import { Composer, isMap, isSeq, LineCounter, Parser, type Document } from "yaml";
import type { ClusterObjects } from "@/lib/cluster/objects";
import { KEPT_KINDS } from "@/lib/cluster/objects";
import { isObj } from "@/lib/ingest/fields";
import type { IngestIssue } from "@/lib/ingest/issues";
import { describeType } from "@/lib/ingest/issues";
import { normalizeObject } from "@/lib/ingest/normalize";
import type { ObjectOrigin, ParsedObject, ParseSummary, SourceFile } from "@/lib/ingest/types";
import { duplicateWarning, objectKey } from "@/lib/ingest/dedupe";
import { checkDocument, emptyJsonListLayout, ExpansionBudget, limitsFor, scanJson, type InputLimits, type JsonListLayout } from "@/lib/ingest/limits";

/**
 * Input size limit: twice what `npm run gen -- --size xl` writes (272 MB, 150k pods), so the largest
 * cluster we benchmark fits with room to spare while a runaway input is still refused before parsing.
 */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/** The TOO_LARGE message, everywhere it is raised: the limit, the sizes seen, and how to raise it. */
export function tooLargeMessage(maxBytes: number, sizes: { file?: number; total?: number } = {}): string {
  const seen = [
    sizes.file !== undefined ? `this file: ${sizes.file} bytes` : undefined,
    sizes.total !== undefined ? `total so far: ${sizes.total} bytes` : undefined,
  ].filter((part) => part !== undefined);
  return (
    `input exceeds the size limit of ${maxBytes} bytes${seen.length > 0 ? ` (${seen.join(", ")})` : ""}; ` +
    `raise it with --max-bytes SIZE (rbac-atlas ingest) or the RBAC_ATLAS_MAX_BYTES environment variable, e.g. 1GiB`
  );
}
export const MAX_ISSUES = 50;
export const MAX_WARNINGS = 100;
/** YAML alias expansions allowed per document (the `yaml` package's resource-exhaustion guard). */
export const MAX_ALIAS_COUNT = 100;

export type ParseResult =
  | { readonly ok: true; readonly objects: readonly ParsedObject[]; readonly summary: ParseSummary }
  | { readonly ok: false; readonly issues: readonly IngestIssue[] };

export interface ParseOptions {
  /** Total input size allowed, in bytes (default 200 MiB). */
  readonly maxBytes?: number;
  /** Depth, string length, values and expanded size (default: limitsFor(maxBytes)). */
  readonly limits?: InputLimits;
}

class TooManyIssues extends Error {}

/** A limit was passed: the input is refused as a whole, nothing further is read. */
class LimitPassed extends Error {}

class Collector {
  readonly issues: IngestIssue[] = [];
  objects: ParsedObject[] = [];
  private byKey = new Map<string, number>();
  readonly skipped = new Map<string, number>();
  private readonly warnings: string[] = [];
  private omittedWarnings = 0;

  issue(issue: IngestIssue): void {
    if (this.issues.length >= MAX_ISSUES) {
      this.issues.push({ code: "TOO_MANY_ISSUES", file: issue.file, message: `more than ${MAX_ISSUES} issues; stopped reading` });
      throw new TooManyIssues();
    }
    this.issues.push(issue);
  }

  warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else this.omittedWarnings++;
  }

  allWarnings(): string[] {
    return this.omittedWarnings === 0 ? this.warnings : [...this.warnings, `… and ${this.omittedWarnings} more warnings`];
  }

  /** A limit was passed: the input is refused as a whole. */
  refuse(issue: IngestIssue): never {
    this.issues.push(issue);
    throw new LimitPassed();
  }

  /** Takes over what another collector gathered, as if it had been added here in order. */
  absorb(other: Collector): void {
    this.issues.push(...other.issues);
    if (this.objects.length === 0) {
      // The usual case (the first or only file): take the objects and their keys over as they are.
      this.objects = other.objects;
      this.byKey = other.byKey;
    } else {
      for (const obj of other.objects) this.add(obj);
    }
    for (const [kind, count] of other.skipped) this.skipped.set(kind, (this.skipped.get(kind) ?? 0) + count);
    for (const warning of other.warnings) this.warn(warning);
    this.omittedWarnings += other.omittedWarnings;
  }

  add(obj: ParsedObject): void {
    const key = objectKey(obj);
    const previous = this.byKey.get(key);
    if (previous === undefined) {
      this.byKey.set(key, this.objects.length);
      this.objects.push(obj);
      return;
    }
    const old = this.objects[previous];
    this.objects[previous] = obj;
    if (old !== undefined) this.warn(duplicateWarning(obj, old));
  }
}


export function parseSources(files: readonly SourceFile[], options: ParseOptions = {}): ParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (files.length === 0) return { ok: false, issues: [{ code: "EMPTY_INPUT", file: "", message: "no input files" }] };

  // Size first, before any parsing.
  let bytes = 0;
  const sizes: number[] = [];
  for (const f of files) {
    const size = Buffer.byteLength(f.content, "utf8");
    sizes.push(size);
    bytes += size;
    if (bytes > maxBytes) {
      return {
        ok: false,
        issues: [{ code: "TOO_LARGE", file: f.path, message: tooLargeMessage(maxBytes, { file: size, total: bytes }) }],
      };
    }
  }

  const hash = createHash("sha256");
  for (const f of files) hash.update(f.content, "utf8");

  const c = new Collector();
  const budget = new ExpansionBudget(options.limits ?? limitsFor(maxBytes, bytes));
  try {
    for (const f of files) parseFile(f, c, budget);
  } catch (e) {
    if (!(e instanceof TooManyIssues) && !(e instanceof LimitPassed)) throw e;
  }
  if (c.issues.length > 0) return { ok: false, issues: c.issues };

  const counts: Record<string, number> = {};
  for (const k of KEPT_KINDS) counts[k] = 0;
  for (const o of c.objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  const skipped = [...c.skipped.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([kind, count]) => ({ kind, count }));
  return {
    ok: true,
    objects: c.objects,
    summary: { counts, skipped, warnings: c.allWarnings(), sha256: hash.digest("hex"), bytes },
  };
}

function parseFile(f: SourceFile, c: Collector, budget: ExpansionBudget): void {
  const content = f.content.charCodeAt(0) === 0xfeff ? f.content.slice(1) : f.content;
  let sawDocument = false;
  const refuse = (issue: IngestIssue): never => {
    c.issues.push(issue);
    throw new LimitPassed();
  };
  const onDocument = (value: unknown, documentIndex: number, lines?: DocumentLines): void => {
    if (value === null || value === undefined) return;
    sawDocument = true;
    const passed = checkDocument(value, { file: f.path, documentIndex }, budget);
    if (passed) refuse(passed);
    handleDocument(value, f.path, documentIndex, c, lines);
  };
  const first = firstNonSpace(content);
  const layout = emptyJsonListLayout();
  if (first === "{" || first === "[") {
    // Before JSON.parse: depth, string length, NUL escapes and duplicate keys.
    const passed = scanJson(content, { file: f.path }, budget.limits, layout);
    if (passed) refuse(passed);
  }
  if (layout.streamable && parseJsonListItems(content, f.path, layout, c, budget)) {
    if (layout.items.length === 0 && !c.issues.some((i) => i.file === f.path)) {
      c.issue({ code: "EMPTY_INPUT", file: f.path, message: "the file holds no Kubernetes objects (it is empty or only comments)" });
    }
    return;
  }
  try {
    if ((first === "{" || first === "[") && parseJsonStream(content, onDocument)) {
      // parsed as JSON
    } else {
      parseYaml(content, f.path, c, onDocument);
    }
  } catch (e) {
    // A YAML document nested deeper than the parser's recursion allows, before our walk sees it.
    if (e instanceof RangeError) refuse({ code: "LIMIT", file: f.path, message: `nested deeper than ${budget.limits.maxDepth} levels; refusing it` });
    throw e;
  }
  if (!sawDocument && !c.issues.some((i) => i.file === f.path)) {
    c.issue({ code: "EMPTY_INPUT", file: f.path, message: "the file holds no Kubernetes objects (it is empty or only comments)" });
  }
}

function firstNonSpace(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== " " && ch !== "\n" && ch !== "\r" && ch !== "\t") return ch ?? "";
  }
  return "";
}

/**
 * A JSON List read an item at a time (see JsonListLayout): each item is parsed, checked and
 * normalized, then dropped, so peak memory holds the kept objects rather than the whole parsed
 * input (at 150k pods, most of a dump is kinds that are skipped). Returns false, having kept
 * nothing, when the envelope is not a List or a part is not JSON: the caller then parses the file
 * whole and reports what is wrong with it.
 */
/** Items parsed together: few enough that a batch's parsed tree is small, many enough that JSON.parse calls are few. */
const ITEMS_PER_PARSE = 1000;

function parseJsonListItems(content: string, file: string, layout: JsonListLayout, c: Collector, budget: ExpansionBudget): boolean {
  let envelope: unknown;
  try {
    envelope = JSON.parse(content.slice(0, layout.itemsStart) + "[]" + content.slice(layout.itemsEnd, layout.valueEnd));
  } catch {
    return false;
  }
  if (!isObj(envelope) || !isListDocument(envelope)) return false;
  const kind = envelope.kind as string;
  const kindHint = kind === "List" ? undefined : kind.slice(0, -4);
  const budgetBefore = { values: budget.values, bytes: budget.bytes };
  // Into a collector of its own, handed over only when every item was JSON: a file that is not
  // leaves nothing behind for the whole-file parse that follows.
  const own = new Collector();
  const where = { file, documentIndex: 1 };
  try {
    const passed = checkDocument(envelope, where, budget);
    if (passed) own.refuse(passed);
    const count = layout.items.length / 2;
    for (let first = 0; first < count; first += ITEMS_PER_PARSE) {
      const last = Math.min(first + ITEMS_PER_PARSE, count) - 1;
      let batch: unknown[];
      try {
        // The text from the first item's start to the last one's end is those items and the commas
        // between them: one JSON.parse per batch, far cheaper than one per item.
        batch = JSON.parse(`[${content.slice(layout.items[2 * first], layout.items[2 * last + 1])}]`) as unknown[];
      } catch {
        batch = [];
      }
      if (batch.length !== last - first + 1) {
        budget.values = budgetBefore.values;
        budget.bytes = budgetBefore.bytes;
        return false;
      }
      for (let k = 0; k < batch.length; k++) {
        const item = batch[k];
        batch[k] = undefined;
        const itemPassed = checkDocument(item, where, budget);
        if (itemPassed) own.refuse(itemPassed);
        handleItem(item, first + k, file, 1, kindHint, own);
      }
    }
  } catch (e) {
    if (e instanceof TooManyIssues || e instanceof LimitPassed) c.absorb(own);
    throw e;
  }
  c.absorb(own);
  return true;
}

const AFTER_JSON = /after JSON at position (\d+)/;

/**
 * JSON.parse over the content, splitting a stream of concatenated values. Returns false (nothing
 * delivered) when any part is not JSON, so the caller can fall back to the YAML parser.
 */
function parseJsonStream(content: string, onDocument: (value: unknown, documentIndex: number) => void): boolean {
  const values: unknown[] = [];
  let rest = content;
  for (;;) {
    try {
      values.push(JSON.parse(rest));
      break;
    } catch (e) {
      const m = e instanceof SyntaxError ? AFTER_JSON.exec(e.message) : null;
      if (m === null || m[1] === undefined) return false;
      const end = Number(m[1]);
      try {
        values.push(JSON.parse(rest.slice(0, end)));
      } catch {
        return false;
      }
      rest = rest.slice(end);
    }
  }
  for (let i = 0; i < values.length; i++) {
    onDocument(values[i], i + 1);
    values[i] = undefined;
  }
  return true;
}

/** Where a YAML document and its list items start, so findings can point at a manifest line. */
interface DocumentLines {
  readonly document: number;
  readonly items: readonly number[];
}

function documentLines(doc: Document.Parsed, lines: LineCounter): DocumentLines | undefined {
  const contents = doc.contents;
  if (!contents?.range) return undefined;
  const lineAt = (offset: number) => lines.linePos(offset).line;
  const list = isSeq(contents) ? contents : isMap(contents) ? contents.get("items", true) : undefined;
  const items = isSeq(list) ? list.items.map((item) => (item && typeof item === "object" && "range" in item && item.range ? lineAt(item.range[0]) : lineAt(contents.range![0]))) : [];
  return { document: lineAt(contents.range[0]), items };
}

function parseYaml(content: string, file: string, c: Collector, onDocument: (value: unknown, documentIndex: number, lines?: DocumentLines) => void): void {
  const lines = new LineCounter();
  const composer = new Composer({ prettyErrors: false, merge: true, uniqueKeys: true });
  let documentIndex = 0;
  const where = (offset: number): string => {
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  for (const doc of composer.compose(new Parser(lines.addNewLine).parse(content), true) as Iterable<Document.Parsed>) {
    documentIndex++;
    if (doc.errors.length > 0) {
      for (const err of doc.errors.slice(0, 3)) {
        c.issue({ code: "YAML_SYNTAX", file, documentIndex, message: `${where(err.pos[0])}: ${yamlErrorText(err.code, err.message)}` });
      }
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/alias count/i.test(message)) {
        c.issue({ code: "ALIAS_LIMIT", file, documentIndex, message: `too many YAML alias expansions (limit ${MAX_ALIAS_COUNT}); refusing a possible alias bomb` });
      } else {
        c.issue({ code: "YAML_SYNTAX", file, documentIndex, message: e instanceof ReferenceError ? "an alias refers to an anchor that is not defined before it" : safeYamlMessage(message) });
      }
      continue;
    }
    onDocument(value, documentIndex, documentLines(doc, lines));
  }
}

/**
 * The YAML parser's errors, described by their code: its messages can embed source text (an
 * undefined alias `*hunter2` is reported by name), and source text may be a secret.
 */
const YAML_ERRORS: Readonly<Record<string, string>> = {
  BAD_ALIAS: "an alias refers to an anchor that is not defined before it",
  ALIAS_PROPS: "an alias cannot have an anchor or a tag",
  BAD_DIRECTIVE: "an invalid directive",
  BAD_DQ_ESCAPE: "an invalid escape in a double-quoted string",
  BAD_INDENT: "bad indentation",
  BAD_PROP_ORDER: "anchors and tags must come before the value",
  BAD_SCALAR_START: "a plain value cannot start with this character",
  BLOCK_AS_IMPLICIT_KEY: "a block value cannot be a key",
  BLOCK_IN_FLOW: "a block value inside a flow collection",
  DUPLICATE_KEY: "a key appears twice in one map",
  KEY_OVER_1024_CHARS: "an implicit key longer than 1024 characters",
  MISSING_CHAR: "a closing character is missing",
  MULTILINE_IMPLICIT_KEY: "an implicit key spans several lines",
  MULTIPLE_ANCHORS: "a value has more than one anchor",
  MULTIPLE_DOCS: "more than one document where one was expected",
  MULTIPLE_TAGS: "a value has more than one tag",
  NON_STRING_KEY: "a key that is not a string",
  TAB_AS_INDENT: "a tab used for indentation",
  TAG_RESOLVE_FAILED: "a tag that cannot be resolved",
  UNEXPECTED_TOKEN: "unexpected content",
  BAD_COLLECTION_TYPE: "a collection of the wrong type for its tag",
};

function yamlErrorText(code: string, message: string): string {
  // The parser catches its own stack overflow on very deep nesting and reports it as an error.
  if (/call stack/i.test(message)) return "nested too deeply to parse; refusing it";
  return YAML_ERRORS[code] ?? safeYamlMessage(message);
}

/** The parser's message without the quoted source text it sometimes embeds (it could be a secret). */
function safeYamlMessage(message: string): string {
  const firstLine = message.split("\n", 1)[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, "").replace(/"(?:[^"\\]|\\.)*"/g, "…").replace(/'(?:[^'\\]|\\.)*'/g, "…");
}

function isListDocument(value: Readonly<Record<string, unknown>>): boolean {
  const kind = value.kind;
  if (typeof kind !== "string") return false;
  if (kind === "List") return true;
  return kind.endsWith("List") && kind.length > 4 && Array.isArray(value.items);
}

function handleDocument(value: unknown, file: string, documentIndex: number, c: Collector, lines?: DocumentLines): void {
  if (Array.isArray(value)) {
    handleItems(value, file, documentIndex, undefined, c, lines);
    return;
  }
  if (isObj(value) && isListDocument(value)) {
    const items = value.items;
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      c.issue({ code: "WRONG_TYPE", file, documentIndex, path: "items", message: `expected a list, got ${describeType(items)}` });
      return;
    }
    const kind = value.kind as string;
    handleItems(items, file, documentIndex, kind === "List" ? undefined : kind.slice(0, -4), c, lines);
    return;
  }
  handleOne(value, { file, documentIndex, ...(lines ? { line: lines.document } : {}) }, undefined, c);
}

function handleItems(items: readonly unknown[], file: string, documentIndex: number, kindHint: string | undefined, c: Collector, lines?: DocumentLines): void {
  for (let i = 0; i < items.length; i++) handleItem(items[i], i, file, documentIndex, kindHint, c, lines?.items[i] ?? lines?.document);
}

function handleItem(item: unknown, i: number, file: string, documentIndex: number, kindHint: string | undefined, c: Collector, line?: number): void {
  if (isObj(item) && isListDocument(item)) {
    c.issue({ code: "NOT_AN_OBJECT", file, documentIndex, itemIndex: i, message: "a List inside a List is not supported" });
    return;
  }
  handleOne(item, { file, documentIndex, itemIndex: i, ...(line !== undefined ? { line } : {}) }, kindHint, c);
}

function handleOne(raw: unknown, origin: ObjectOrigin, kindHint: string | undefined, c: Collector): void {
  const result = normalizeObject(raw, origin, kindHint);
  if (!result.ok) {
    for (const issue of result.issues) c.issue(issue);
    return;
  }
  if ("skipped" in result) {
    c.skipped.set(result.skipped, (c.skipped.get(result.skipped) ?? 0) + 1);
    return;
  }
  if (result.warnings !== undefined) for (const w of result.warnings) c.warn(w);
  c.add(result.value);
}

/** Groups parsed objects by kind into the engine's cluster model. */
export function toClusterObjects(objects: readonly ParsedObject[]): ClusterObjects {
  const out = {
    namespaces: [] as ClusterObjects["namespaces"][number][],
    serviceAccounts: [] as ClusterObjects["serviceAccounts"][number][],
    secrets: [] as ClusterObjects["secrets"][number][],
    nodes: [] as ClusterObjects["nodes"][number][],
    persistentVolumes: [] as ClusterObjects["persistentVolumes"][number][],
    webhookConfigurations: [] as ClusterObjects["webhookConfigurations"][number][],
    pods: [] as ClusterObjects["pods"][number][],
    workloads: [] as ClusterObjects["workloads"][number][],
    roles: [] as ClusterObjects["roles"][number][],
    clusterRoles: [] as ClusterObjects["clusterRoles"][number][],
    roleBindings: [] as ClusterObjects["roleBindings"][number][],
    clusterRoleBindings: [] as ClusterObjects["clusterRoleBindings"][number][],
  };
  for (const o of objects) {
    switch (o.kind) {
      case "Namespace":
        out.namespaces.push(o.object);
        break;
      case "ServiceAccount":
        out.serviceAccounts.push(o.object);
        break;
      case "Secret":
        out.secrets.push(o.object);
        break;
      case "Node":
        out.nodes.push(o.object);
        break;
      case "PersistentVolume":
        out.persistentVolumes.push(o.object);
        break;
      case "MutatingWebhookConfiguration":
      case "ValidatingWebhookConfiguration":
        out.webhookConfigurations.push(o.object);
        break;
      case "Pod":
        out.pods.push(o.object);
        break;
      case "Role":
        out.roles.push(o.object);
        break;
      case "ClusterRole":
        out.clusterRoles.push(o.object);
        break;
      case "RoleBinding":
        out.roleBindings.push(o.object);
        break;
      case "ClusterRoleBinding":
        out.clusterRoleBindings.push(o.object);
        break;
      default:
        out.workloads.push(o.object);
    }
  }
  return out;
}
