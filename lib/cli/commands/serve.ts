import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { formatIssue } from "@/lib/ingest";
import { loadDemo } from "@/lib/pipeline/demo";
import { closeDatabase, openDatabase, projectRoot, resolveDatabaseLocation } from "@/lib/store";
import { randomBytes } from "node:crypto";
import { hostName, isLoopbackName } from "@/lib/web/guard";
import { parseCommandArgs, UsageError } from "../args";
import { intervalOf, scheduleOptionsOf, SCHEDULE_OPTIONS } from "./schedule";
import { keepTrustFile } from "../trust-input";
import { NODE_FLAGS } from "../node-flags";
import { findSnapshot } from "@/lib/store";
import { analyzeSnapshot } from "@/lib/pipeline/analyze-snapshot";
import { EXIT, type CliIO } from "../io";

/** Newest modification time below a directory (build inputs). */
function newestMtime(directory: string): number {
  if (!fs.existsSync(directory)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return ["app", "components", "lib", "public"].some((dir) => newestMtime(path.join(root, dir)) > built);
}

/**
 * `npm start`: migrate the database, load the demo cluster into an empty one, build the app if the
 * sources changed since the last build, then run `next start` in the foreground.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    host: { type: "string", default: "127.0.0.1" },
    db: { type: "string" },
    trust: { type: "string" },
    // Issue 13: scheduled snapshots in the dashboard's process (`rbac-atlas schedule` has the same flags).
    every: { type: "string" },
    ...SCHEDULE_OPTIONS,
  });
  const scheduled = values.every !== undefined ? { every: intervalOf(values.every), options: scheduleOptionsOf(values) } : undefined;
  if (!scheduled && (values.context !== undefined || values.kubeconfig !== undefined || values["in-cluster"] === true || values.keep !== undefined || values.daily !== undefined)) {
    throw new UsageError("--context, --kubeconfig, --in-cluster, --keep and --daily schedule snapshots: give --every DURATION too");
  }
  const root = projectRoot();
  const db = openDatabase(values.db);
  // v2 §2.9: --trust FILE is validated and kept with the database; the latest snapshot is re-analysed with it.
  if (values.trust !== undefined) {
    keepTrustFile(db, values.trust);
    const latest = await findSnapshot(db, "latest");
    if (latest) analyzeSnapshot(db, latest.id);
  }
  const demo = await loadDemo(db, { ifEmpty: true });
  if (demo && !demo.ok) {
    io.err(`the bundled demo cluster is invalid:\n${demo.issues.map(formatIssue).join("\n")}`);
    return EXIT.failure;
  }
  if (demo?.ok) io.err(`empty database: loaded the demo cluster as snapshot ${demo.snapshot.id}`);
  // db.file is the PostgreSQL URL without its password (what is printed); the server needs the whole URL.
  const location = resolveDatabaseLocation(values.db);
  const databaseForServer = location.kind === "postgresql" ? location.url : db.file;
  const env: NodeJS.ProcessEnv = { ...process.env, RBAC_ATLAS_DB: databaseForServer, NEXT_TELEMETRY_DISABLED: "1", ...exposureEnv(values.host, io) };
  await closeDatabase(db);
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (buildIsStale(root)) {
    io.err("building the dashboard (next build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    if (build.status !== 0) return EXIT.failure;
  }
  io.err(`RBAC Atlas on http://${values.host}:${values.port} (database ${db.file})`);
  const server = spawn(process.execPath, [...NODE_FLAGS, nextBin, "start", "-p", values.port, "-H", values.host], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  const stopSchedule = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  if (scheduled) void runSchedule(env.RBAC_ATLAS_DB ?? db.file, scheduled, stopSchedule.signal, io);
  return new Promise((resolve) =>
    server.on("exit", (code) => {
      stopSchedule.abort();
      resolve(code ?? EXIT.ok);
    }),
  );
}

/** Snapshots every `every` ms beside the dashboard (which reads them from the same database). */
async function runSchedule(file: string, scheduled: { every: number; options: ReturnType<typeof scheduleOptionsOf> }, signal: AbortSignal, io: CliIO): Promise<void> {
  const { repeatEvery, runScheduledSnapshots } = await import("@/lib/pipeline/schedule");
  const { report } = await import("./schedule");
  const scheduleDb = openDatabase(file);
  const minutes = Math.round(scheduled.every / 60_000);
  io.err(`scheduled snapshots every ${minutes} min of ${scheduled.options.targets.map((t) => t.context ?? "the current context").join(", ")}`);
  await repeatEvery(
    scheduled.every,
    async () => report({ ...io, out: io.err }, "human", await runScheduledSnapshots(scheduleDb, scheduled.options)),
    signal,
    (error) => io.err(`scheduled snapshot: ${error instanceof Error ? error.message : String(error)}`),
  );
}

/**
 * Listening beyond loopback exposes a map of how to take over the cluster (and the server's
 * kubeconfig): an access token is then required — RBAC_ATLAS_TOKEN, or one generated now and
 * printed once. The bound name joins the Host allow-list.
 */
function exposureEnv(host: string, io: CliIO): Record<string, string> {
  const name = hostName(host.includes(":") && !host.startsWith("[") ? `[${host}]` : host) ?? host;
  if (isLoopbackName(name)) return {};
  const out: Record<string, string> = {};
  if (!process.env.RBAC_ATLAS_TOKEN?.trim()) {
    out.RBAC_ATLAS_TOKEN = randomBytes(24).toString("base64url");
    io.err(`listening on ${host}, beyond loopback: an access token is required. This one is printed once:\n\n  ${out.RBAC_ATLAS_TOKEN}\n\nSign in at /signin, or send "Authorization: Bearer TOKEN". Set RBAC_ATLAS_TOKEN to choose it.`);
  }
  const wildcard = name === "0.0.0.0" || name === "[::]";
  if (!wildcard) {
    const extra = process.env.RBAC_ATLAS_ALLOWED_HOSTS;
    out.RBAC_ATLAS_ALLOWED_HOSTS = extra ? `${extra},${name}` : name;
  } else if (!process.env.RBAC_ATLAS_ALLOWED_HOSTS) {
    io.err("note: only loopback Host names are answered until RBAC_ATLAS_ALLOWED_HOSTS names the ones clients use (e.g. atlas.example.internal)");
  }
  return out;
}
