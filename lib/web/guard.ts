/**
 * The one gate every request to the dashboard passes (proxy.ts calls `guardRequest`), so a route
 * added later is protected without doing anything:
 * - Host allow-list: loopback names by default (defeats DNS rebinding, where a page on another name
 *   that resolves to 127.0.0.1 talks to this server as "same origin"); RBAC_ATLAS_ALLOWED_HOSTS
 *   adds names ("*" allows any, for use behind a proxy that checks it).
 * - Origin check on every state-changing method: a browser always sends Origin on a cross-site
 *   POST/DELETE (also for a plain form), so anything but this server's own origin is refused;
 *   clients that send no Origin and no Sec-Fetch-Site (curl, scripts) are not browsers and pass.
 * - Access token (RBAC_ATLAS_TOKEN, required when the server listens beyond loopback): API clients
 *   send `Authorization: Bearer TOKEN`; browsers sign in once at /signin and get an HTTP-only
 *   SameSite=Strict cookie holding a digest of the token (never the token itself).
 * Pure: no Next imports, so it is tested directly.
 */

export const SESSION_COOKIE = "rbac_atlas_session";
export const SIGNIN_PATH = "/signin";
export const SIGNIN_API_PATH = "/api/signin";

export interface GuardConfig {
  /** Extra allowed Host names (lower-case, without port); "*" allows any. */
  readonly allowedHosts: readonly string[];
  /** When set, every request but the sign-in page needs it (bearer) or the session cookie. */
  readonly token: string | undefined;
}

export interface GuardRequest {
  readonly method: string;
  readonly pathname: string;
  readonly host: string | null;
  readonly origin: string | null;
  readonly secFetchSite: string | null;
  readonly authorization: string | null;
  readonly sessionCookie: string | undefined;
}

export type GuardDecision =
  | { readonly allow: true }
  | { readonly allow: false; readonly status: 400 | 401 | 403 | 421; readonly error: string; readonly redirectToSignIn?: boolean };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function guardConfigFromEnv(env: Readonly<Record<string, string | undefined>>): GuardConfig {
  const allowedHosts = (env.RBAC_ATLAS_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "");
  const token = env.RBAC_ATLAS_TOKEN?.trim();
  return { allowedHosts, token: token ? token : undefined };
}

/** `host[:port]` → the lower-case host name (IPv6 keeps its brackets), or undefined if malformed. */
export function hostName(hostHeader: string): string | undefined {
  const value = hostHeader.trim().toLowerCase();
  if (value === "") return undefined;
  if (value.startsWith("[")) {
    const end = value.indexOf("]");
    if (end < 0) return undefined;
    const rest = value.slice(end + 1);
    if (rest !== "" && !/^:\d{1,5}$/.test(rest)) return undefined;
    return value.slice(0, end + 1);
  }
  const m = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(value);
  return m?.[1];
}

export function isLoopbackName(name: string): boolean {
  return LOOPBACK_NAMES.has(name) || name.endsWith(".localhost") || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export function hostAllowed(hostHeader: string | null, config: GuardConfig): boolean {
  if (hostHeader === null) return false;
  const name = hostName(hostHeader);
  if (name === undefined) return false;
  if (isLoopbackName(name)) return true;
  return config.allowedHosts.includes("*") || config.allowedHosts.includes(name);
}

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Same-origin by the Origin header (its host must be this request's Host) or by Sec-Fetch-Site. */
function sameOrigin(req: GuardRequest): boolean {
  if (req.origin !== null) {
    if (req.origin === "null") return false;
    let url: URL;
    try {
      url = new URL(req.origin);
    } catch {
      return false;
    }
    return req.host !== null && url.host.toLowerCase() === req.host.trim().toLowerCase();
  }
  if (req.secFetchSite !== null) return req.secFetchSite === "same-origin" || req.secFetchSite === "none";
  // Neither header: not sent by a browser, so not a cross-site request forgery.
  return true;
}

/** Constant-time comparison of two strings of any length (compares fixed-size digests). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([digest(a), digest(b)]);
  let diff = 0;
  for (let i = 0; i < da.length; i++) diff |= (da[i] ?? 0) ^ (db[i] ?? 0);
  return diff === 0;
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** What the session cookie holds: a digest of the token, so the cookie never carries the token itself. */
export async function sessionValue(token: string): Promise<string> {
  const bytes = await digest(`rbac-atlas-session\u0000${token}`);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function authenticated(req: GuardRequest, token: string): Promise<boolean> {
  const auth = req.authorization;
  if (auth !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m?.[1] !== undefined && (await sameSecret(m[1], token));
  }
  if (req.sessionCookie !== undefined) return sameSecret(req.sessionCookie, await sessionValue(token));
  return false;
}

/** Assets the sign-in page itself needs. */
function isPublicAsset(pathname: string): boolean {
  return pathname.startsWith("/_next/static/") || pathname === "/favicon.ico";
}

export async function guardRequest(req: GuardRequest, config: GuardConfig): Promise<GuardDecision> {
  if (!hostAllowed(req.host, config)) {
    return {
      allow: false,
      status: 421,
      error: "this server only answers to its own host names (loopback by default; set RBAC_ATLAS_ALLOWED_HOSTS to add one)",
    };
  }
  if (isStateChanging(req.method) && !sameOrigin(req)) {
    return { allow: false, status: 403, error: "cross-origin request refused: state-changing requests must come from this dashboard's own pages" };
  }
  if (config.token !== undefined && !isPublicAsset(req.pathname) && req.pathname !== SIGNIN_PATH && req.pathname !== SIGNIN_API_PATH) {
    if (!(await authenticated(req, config.token))) {
      return {
        allow: false,
        status: 401,
        error: "an access token is required: send Authorization: Bearer TOKEN, or sign in at /signin",
        redirectToSignIn: !req.pathname.startsWith("/api/") && !isStateChanging(req.method),
      };
    }
  }
  return { allow: true };
}

/**
 * Response headers for every answer. script-src has no 'unsafe-eval' (neither Next in production
 * nor Cytoscape needs it) and no 'unsafe-inline': Next's inline bootstrap scripts carry the nonce.
 * Inline style attributes (React `style`, Cytoscape's container) need style-src 'unsafe-inline'.
 */
export function securityHeaders(nonce: string, dev: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
}

/** A local path to return to after sign-in; anything else (another site, "//evil") is "/". */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
