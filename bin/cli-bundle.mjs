// The compiled CLI: lib/cli bundled ahead of time with esbuild into dist/cli/<fingerprint>/, so a call
// starts plain JavaScript instead of compiling TypeScript (tsx) at every start. The fingerprint covers
// the bundle's inputs (paths, sizes, mtimes), so an edited source is rebuilt on the next run, the way
// `npm start` rebuilds the dashboard. Each build lands in its own directory by rename, so concurrent
// first runs never see a half-written bundle.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Inputs of the bundle below the package root: directories walked, files taken as they are. */
const INPUT_DIRECTORIES = ["lib", "generated/prisma", "generated/prisma-postgresql"];
const INPUT_FILES = ["package.json", "tsconfig.json", "bin/cli-bundle.mjs"];
const ENTRY = "lib/cli/main.ts";

/**
 * Loaded at run time from node_modules, not bundled: native code (better-sqlite3), Prisma's runtime
 * (loads its query compiler by path), and packages only live ingest or the dashboard use.
 */
const EXTERNAL = ["better-sqlite3", "pg", "@prisma/*", "@kubernetes/client-node", "next", "react", "react-dom"];

function isInput(name) {
  return !/\.test\.tsx?$/.test(name) && !name.includes("test-support");
}

// Runs at every start of the CLI: plain string paths and no node:crypto (loading it alone took
// longer than walking the sources).
function collect(root, relative, out) {
  let entries;
  try {
    entries = fs.readdirSync(`${root}/${relative}`, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const child = `${relative}/${entry.name}`;
    if (entry.isDirectory()) collect(root, child, out);
    else if (isInput(entry.name)) {
      const stat = fs.statSync(`${root}/${child}`);
      out.push(`${child}\t${stat.size}\t${stat.mtimeMs}`);
    }
  }
}

/** 64 bits of two FNV-1a hashes (different offsets) as 16 hex digits: names a build, not a security check. */
function shortHash(text) {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** A short hash of every bundle input's path, size and modification time. */
export function sourceFingerprint(root = PACKAGE_ROOT) {
  const lines = [];
  for (const directory of INPUT_DIRECTORIES) collect(root, directory, lines);
  for (const file of INPUT_FILES) {
    const stat = fs.statSync(`${root}/${file}`, { throwIfNoEntry: false });
    lines.push(stat ? `${file}\t${stat.size}\t${stat.mtimeMs}` : `${file}\tmissing`);
  }
  lines.sort();
  return shortHash(lines.join("\n"));
}

export function bundleDirectory(root = PACKAGE_ROOT) {
  return path.join(root, "dist", "cli");
}

/** Builds the bundle into dist/cli/<fingerprint>/ and removes older builds. Returns the entry file. */
export async function buildCliBundle(root = PACKAGE_ROOT, fingerprint = sourceFingerprint(root)) {
  const { build } = await import("esbuild");
  const base = bundleDirectory(root);
  const target = path.join(base, fingerprint);
  const staging = path.join(base, `.build-${process.pid}-${Date.now()}`);
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: ENTRY },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    tsconfig: path.join(root, "tsconfig.json"),
    external: EXTERNAL,
    // Bundled CommonJS dependencies may call require(); give the ES module output one.
    banner: { js: `import { createRequire as __rbacAtlasCreateRequire } from "node:module"; const require = __rbacAtlasCreateRequire(import.meta.url);` },
    metafile: true,
    sourcemap: "linked",
    logLevel: "error",
    chunkNames: "chunks/[name]-[hash]",
  });
  fs.writeFileSync(path.join(staging, "package.json"), JSON.stringify({ type: "module" }));
  // Output paths relative to the bundle directory (the staging name is gone after the rename).
  const stagingPrefix = `${path.relative(root, staging).split(path.sep).join("/")}/`;
  fs.writeFileSync(path.join(staging, "meta.json"), JSON.stringify(result.metafile).replaceAll(stagingPrefix, ""));
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    // Another process finished the same build first: use theirs.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(target, "main.js"))) throw error;
  }
  for (const entry of fs.readdirSync(base)) {
    if (entry !== fingerprint && !entry.startsWith(".build-")) fs.rmSync(path.join(base, entry), { recursive: true, force: true });
  }
  return path.join(target, "main.js");
}

/** The bundle's entry file for the current sources, building it first when they changed. */
export async function ensureCliBundle(root = PACKAGE_ROOT, log = (message) => process.stderr.write(message)) {
  const fingerprint = sourceFingerprint(root);
  const entry = path.join(bundleDirectory(root), fingerprint, "main.js");
  if (fs.existsSync(entry)) return entry;
  log("rbac-atlas: compiling the CLI (sources changed since the last build)…\n");
  return buildCliBundle(root, fingerprint);
}

// `node bin/cli-bundle.mjs` (postinstall): build now so the first call is fast.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entry = await ensureCliBundle(PACKAGE_ROOT, () => {});
  process.stderr.write(`rbac-atlas: CLI bundle ${path.relative(PACKAGE_ROOT, entry)}\n`);
}
