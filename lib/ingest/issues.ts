/**
 * Ingest failures as data. Every issue names where it came from (file, document, List item,
 * object, field path); text is rendered only by `formatIssue`.
 *
 * Messages never quote input values (only their types), so a Secret value cannot leak into an
 * error shown to a user or written to a log.
 */

export type IngestIssueCode =
  | "YAML_SYNTAX"
  | "NOT_AN_OBJECT"
  | "MISSING_FIELD"
  | "WRONG_TYPE"
  | "INVALID_VALUE"
  | "EMPTY_INPUT"
  | "TOO_LARGE"
  | "ALIAS_LIMIT"
  | "LIMIT"
  | "ENCODING"
  | "READ_ERROR"
  | "TOO_MANY_ISSUES";

export interface IngestIssue {
  readonly code: IngestIssueCode;
  /** The file as the user named it ("-" for stdin, the upload's file name). */
  readonly file: string;
  /** 1-based: the Nth YAML document (or JSON value) of the file, as a human counts them. */
  readonly documentIndex?: number;
  /** 0-based index into the document's `items` (a List) or top-level array, as in `items[3]`. */
  readonly itemIndex?: number;
  /** "Role dev/reader", "ClusterRole edit". */
  readonly objectRef?: string;
  /** Field path inside the object, e.g. "rules[0].verbs". */
  readonly path?: string;
  readonly message: string;
}

/** A field-level issue before it is placed in a file/document. */
export interface FieldIssue {
  readonly code: IngestIssueCode;
  readonly path?: string;
  readonly message: string;
}

/** "demo.yaml, document 3, items[4] (Role dev/reader): rules[0].verbs: expected a list of strings, got a string" */
export function formatIssue(issue: IngestIssue): string {
  let where = issue.file === "" ? "input" : issue.file;
  if (issue.documentIndex !== undefined) where += `, document ${issue.documentIndex}`;
  if (issue.itemIndex !== undefined) where += `, items[${issue.itemIndex}]`;
  if (issue.objectRef !== undefined) where += ` (${issue.objectRef})`;
  const field = issue.path !== undefined && issue.path !== "" ? `${issue.path}: ` : "";
  return `${where}: ${field}${issue.message}`;
}

/** "a string", "a list", "null" — the type of a value, never the value itself. */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return "an object";
    default:
      return `a ${typeof value}`;
  }
}

/** "Role dev/reader", "ClusterRole edit", "Pod (no name)". */
export function formatObjectRef(kind: string, name: string | undefined, namespace: string | undefined): string {
  const shown = name === undefined || name === "" ? "(no name)" : name;
  return namespace !== undefined && namespace !== "" ? `${kind} ${namespace}/${shown}` : `${kind} ${shown}`;
}
