/**
 * lib/ingest — YAML/JSON → validated engine objects. No database, no framework: the CLI, the web
 * upload and the live-cluster collector all call these functions.
 */

export { parseSources, toClusterObjects, DEFAULT_MAX_BYTES, MAX_ISSUES, MAX_ALIAS_COUNT } from "@/lib/ingest/parse";
export { normalizeObject, isKeptKind, isNamespacedKind, DEFAULT_NAMESPACE } from "@/lib/ingest/normalize";
export { trimManifest, LAST_APPLIED_ANNOTATION } from "@/lib/ingest/redact";
export { formatIssue, formatObjectRef } from "@/lib/ingest/issues";
export { readSourcePaths, maxBytesFromEnv, parseByteSize, decodeText, isSourceFileName, MAX_BYTES_ENV } from "@/lib/ingest/read";

export type { ParseResult, ParseOptions } from "@/lib/ingest/parse";
export type { NormalizeResult } from "@/lib/ingest/normalize";
export type { IngestIssue, IngestIssueCode } from "@/lib/ingest/issues";
export type { SourceFile, ObjectOrigin, ParsedObject, ParseSummary, EngineObject, EngineObjectFor } from "@/lib/ingest/types";
