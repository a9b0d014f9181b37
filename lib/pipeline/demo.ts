import fs from "node:fs";
import path from "node:path";
import type { SourceFile } from "@/lib/ingest";
import { countSnapshots, projectRoot, type Database } from "@/lib/store";
import { importFiles, type ImportResult } from "./import-snapshot";

/** The bundled demo: Kubernetes' default policy plus the demo cluster's own objects. */
export function demoSourceFiles(root = projectRoot()): SourceFile[] {
  const directories = [path.join(root, "fixtures", "k8s-bootstrap-policy"), path.join(root, "demo")];
  return directories.flatMap((directory) =>
    fs
      .readdirSync(directory)
      .filter((file) => /\.(ya?ml|json)$/.test(file))
      .sort()
      .map((file) => ({
        path: path.relative(root, path.join(directory, file)),
        content: fs.readFileSync(path.join(directory, file), "utf8"),
      })),
  );
}

export async function loadDemo(db: Database, options: { ifEmpty?: boolean } = {}): Promise<ImportResult | undefined> {
  if (options.ifEmpty && (await countSnapshots(db)) > 0) return undefined;
  return importFiles(db, demoSourceFiles(), { name: "demo cluster", source: "demo", origin: { demo: true } });
}
