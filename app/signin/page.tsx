import { PageHeader } from "@/components/ui";
import { safeNextPath, SIGNIN_API_PATH } from "@/lib/web/guard";

export const metadata = { title: "Sign in" };

/** Shown when the server requires an access token (RBAC_ATLAS_TOKEN; required beyond loopback). */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; failed?: string }> }) {
  const { next, failed } = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Sign in" subtitle="This RBAC Atlas server requires its access token (printed when it started, or RBAC_ATLAS_TOKEN)." />
      <form method="post" action={SIGNIN_API_PATH} className="space-y-3 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <input type="hidden" name="next" value={safeNextPath(next)} />
        <label className="block text-sm font-medium text-slate-700" htmlFor="token">
          Access token
        </label>
        <input id="token" name="token" type="password" autoComplete="current-password" required className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm" />
        {failed ? (
          <p role="alert" className="text-sm text-rose-700">
            That token is not this server&apos;s.
          </p>
        ) : null}
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Sign in
        </button>
      </form>
    </div>
  );
}
