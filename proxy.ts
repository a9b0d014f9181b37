import { NextResponse, type NextRequest } from "next/server";
import { guardConfigFromEnv, guardRequest, SESSION_COOKIE, securityHeaders, SIGNIN_PATH } from "@/lib/web/guard";

/**
 * Runs before every route (pages, route handlers, assets): Host allow-list, Origin check on
 * state-changing requests, access token, security headers. See lib/web/guard.ts.
 */
export async function proxy(request: NextRequest) {
  const decision = await guardRequest(
    {
      method: request.method,
      pathname: request.nextUrl.pathname,
      host: request.headers.get("host"),
      origin: request.headers.get("origin"),
      secFetchSite: request.headers.get("sec-fetch-site"),
      authorization: request.headers.get("authorization"),
      sessionCookie: request.cookies.get(SESSION_COOKIE)?.value,
    },
    guardConfigFromEnv(process.env),
  );
  const nonce = btoa(crypto.randomUUID());
  const headers = securityHeaders(nonce, process.env.NODE_ENV === "development");
  let response: NextResponse;
  if (!decision.allow) {
    response = decision.redirectToSignIn
      ? NextResponse.redirect(new URL(`${SIGNIN_PATH}?${new URLSearchParams({ next: request.nextUrl.pathname + request.nextUrl.search })}`, request.url), 303)
      : NextResponse.json({ error: decision.error }, { status: decision.status });
  } else {
    // Next reads the nonce from the request's CSP header and puts it on its own inline scripts.
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("content-security-policy", headers["Content-Security-Policy"] ?? "");
    requestHeaders.set("x-nonce", nonce);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every path: a route added later is guarded without being listed here.
  matcher: "/:path*",
};
