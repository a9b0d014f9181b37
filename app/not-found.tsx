import Link from "next/link";

export const metadata = { title: "Not found" };

/** The styled 404: unknown snapshots, objects and pages. */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-indigo-600">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">Not in this atlas</h1>
      <p className="mt-3 text-slate-600">
        No snapshot, object or page lives at this address. It may have been deleted, or the link names something the snapshot does not hold.
      </p>
      <p className="mt-6 flex justify-center gap-4 text-sm">
        <Link href="/snapshots" className="link">
          All snapshots
        </Link>
        <Link href="/snapshots/latest" className="link">
          Latest snapshot
        </Link>
        <Link href="/upload" className="link">
          Upload a snapshot
        </Link>
      </p>
    </div>
  );
}
