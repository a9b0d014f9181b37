import { notFound } from "next/navigation";

/** `[...ref]` segments: [name] for cluster-scoped objects, [namespace, name] for namespaced ones. */
export function namespacedRef(ref: readonly string[], namespaced: boolean): { namespace: string; name: string } {
  const parts = ref.map((part) => decodeURIComponent(part));
  if (namespaced && parts.length === 2) return { namespace: parts[0] ?? "", name: parts[1] ?? "" };
  if (!namespaced && parts.length === 1) return { namespace: "", name: parts[0] ?? "" };
  notFound();
}

/** Page title of an object page: `Kind namespace/name` (decoded; Next escapes it in <title>). */
export async function objectPageMetadata(params: Promise<{ kind: string; ref: string[] }>): Promise<{ title: string }> {
  const { kind, ref } = await params;
  const parts = ref.map((part) => decodeURIComponent(part));
  return { title: `${decodeURIComponent(kind)} ${parts.join("/")}` };
}
