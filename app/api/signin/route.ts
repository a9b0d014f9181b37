import { guardConfigFromEnv, safeNextPath, sameSecret, SESSION_COOKIE, sessionValue, SIGNIN_PATH } from "@/lib/web/guard";
import { mediaType } from "@/lib/web/content-type";

export const dynamic = "force-dynamic";

/**
 * The sign-in form posts the token here; the answer sets an HTTP-only, SameSite=Strict cookie
 * holding a digest of the token and sends the browser back where it was going.
 */
export async function POST(request: Request) {
  const { token } = guardConfigFromEnv(process.env);
  if (token === undefined) return Response.json({ error: "this server requires no access token" }, { status: 404 });
  if (mediaType(request.headers.get("content-type")) !== "application/x-www-form-urlencoded") {
    return Response.json({ error: "expected the sign-in form (application/x-www-form-urlencoded)" }, { status: 415 });
  }
  const form = new URLSearchParams(await request.text());
  const next = safeNextPath(form.get("next"));
  const location = (path: string) => new URL(path, request.url).pathname + new URL(path, request.url).search;
  if (!(await sameSecret(form.get("token") ?? "", token))) {
    return new Response(null, { status: 303, headers: { Location: location(`${SIGNIN_PATH}?${new URLSearchParams({ next, failed: "1" })}`) } });
  }
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return new Response(null, {
    status: 303,
    headers: {
      Location: location(next),
      "Set-Cookie": `${SESSION_COOKIE}=${await sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict${secure}`,
    },
  });
}
