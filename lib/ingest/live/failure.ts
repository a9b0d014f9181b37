/**
 * Why a live ingest stopped. One sentence naming the context, the server URL and what went wrong;
 * never a token, a certificate or a response body (a Secret list's body holds Secret values).
 */

import type { IngestIssue } from "@/lib/ingest/issues";

export type LiveFailureCode =
  /** No kubeconfig, unknown context, no cluster/server for it, not inside a cluster. */
  | "CONFIG"
  /** 401: the credentials were rejected (expired token, wrong certificate). */
  | "UNAUTHORIZED"
  /** Connection refused, DNS, network unreachable, connection reset. */
  | "UNREACHABLE"
  /** The server's certificate did not verify, or the TLS handshake failed. */
  | "TLS"
  /** A request took longer than the per-request timeout. */
  | "TIMEOUT"
  /** An answer that is not the Kubernetes list API (5xx after retries, not JSON, not a list). */
  | "BAD_RESPONSE"
  /** Objects the API server returned that do not validate (same rules as file ingestion). */
  | "INVALID_OBJECTS"
  | "CANCELLED";

export interface LiveFailure {
  readonly code: LiveFailureCode;
  readonly message: string;
  readonly context?: string;
  readonly server?: string;
  /** Only for INVALID_OBJECTS. */
  readonly issues?: readonly IngestIssue[];
}

export interface Target {
  readonly context: string;
  readonly server: string;
}

/** `cannot ingest from context "kind-dev" (https://127.0.0.1:6443): the server rejected the credentials (401 Unauthorized).` */
export function liveFailure(code: LiveFailureCode, target: Partial<Target>, what: string, issues?: readonly IngestIssue[]): LiveFailure {
  const where =
    target.context !== undefined && target.server !== undefined
      ? `context "${target.context}" (${target.server})`
      : target.context !== undefined
        ? `context "${target.context}"`
        : target.server !== undefined
          ? target.server
          : "the cluster";
  const sentence = `cannot ingest from ${where}: ${what}`;
  return {
    code,
    message: /[.!?]$/.test(sentence) ? sentence : `${sentence}.`,
    ...(target.context !== undefined && { context: target.context }),
    ...(target.server !== undefined && { server: target.server }),
    ...(issues !== undefined && { issues }),
  };
}

const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "HOSTNAME_MISMATCH",
  "EPROTO",
]);

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "ECONNABORTED",
]);

/** A Node network/TLS error → a failure; the error's own message is kept only for its code. */
export function failureFromNetworkError(error: unknown, target: Target): LiveFailure {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  if (TLS_CODES.has(code) || code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS")) {
    return liveFailure("TLS", target, `the TLS connection failed (${code}): the server's certificate is not trusted by the kubeconfig's certificate authority, or the TLS handshake failed`);
  }
  if (UNREACHABLE_CODES.has(code)) {
    return liveFailure("UNREACHABLE", target, `the server is unreachable (${code})`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return liveFailure("UNREACHABLE", target, `the request failed (${code || message.slice(0, 120)})`);
}
