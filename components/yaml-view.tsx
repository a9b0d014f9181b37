import { stringify } from "yaml";

export function YamlView({ manifest }: { manifest: unknown }) {
  return (
    <pre aria-label="YAML" className="max-h-[36rem] overflow-auto rounded-xl bg-slate-900 p-4 text-xs leading-relaxed text-slate-100">
      {stringify(manifest, { lineWidth: 0 })}
    </pre>
  );
}
