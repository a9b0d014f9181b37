import Link from "next/link";

/** "X is not in this snapshot", with the nearest stored names linked (names are rendered as text). */
export function NotInSnapshot({ what, nearest }: { what: string; nearest: readonly { label: string; href: string }[] }) {
  return (
    <div role="alert" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
      <p>
        <strong>{what}</strong> is not in this snapshot: no object has this name and no binding names it.
      </p>
      {nearest.length > 0 ? (
        <p className="mt-2">
          Nearest names:{" "}
          {nearest.map((n, i) => (
            <span key={n.href}>
              {i > 0 ? ", " : ""}
              <Link className="link" href={n.href}>
                {n.label}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
