/**
 * The control-plane principals (trusted by the trust file) that reach a sink: the first few by
 * name, the count of the rest and where every one is listed. At XL they are ~600 kubelets and
 * controllers, which written out were 50 KB of the page's HTML and twice that again of its data.
 */
import type { VertexRef } from "@/lib/analysis/refs";
import { formatVertexRef } from "@/lib/analysis/refs";

export const MAX_TRUSTED_SHOWN = 24;

export function TrustedStarts({ snapshot, starts }: { snapshot: number; starts: readonly VertexRef[] }) {
  if (starts.length === 0) return <p className="mt-2 text-sm text-slate-500">No trusted principal reaches the chosen sinks.</p>;
  const more = starts.length - MAX_TRUSTED_SHOWN;
  return (
    <>
      <ul aria-label="Trusted principals reaching the sinks" className="mt-2 flex flex-wrap gap-2">
        {starts.slice(0, MAX_TRUSTED_SHOWN).map((s) => (
          <li key={formatVertexRef(s)} className="rounded bg-sky-50 px-2 py-0.5 font-mono text-xs text-sky-900">
            {formatVertexRef(s)}
          </li>
        ))}
      </ul>
      {more > 0 ? (
        <p className="mt-2 text-xs text-slate-600">
          … and {more} more (every one in{" "}
          <a className="link" href={`/api/snapshots/${snapshot}/fixes`}>
            the fixes API
          </a>
          ).
        </p>
      ) : null}
    </>
  );
}
