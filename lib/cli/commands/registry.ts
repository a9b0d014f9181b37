import type { CliIO } from "../io";

export interface CommandModule {
  readonly run: (argv: readonly string[], io: CliIO) => Promise<number>;
}

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly load: () => Promise<CommandModule>;
}

/** Every command, in the order `rbac-atlas help` lists them. Loaded lazily so `can-i` never pays for Next or Prisma it doesn't use. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "ingest",
    summary: "store YAML/JSON dumps as a new snapshot",
    usage: "rbac-atlas ingest PATH... [--name NAME] [--db FILE] [-o json]",
    load: () => import("./ingest"),
  },
  {
    name: "snapshots",
    summary: "list stored snapshots",
    usage: "rbac-atlas snapshots [--db FILE] [-o json]",
    load: () => import("./snapshots"),
  },
  {
    name: "migrate",
    summary: "create or upgrade the database",
    usage: "rbac-atlas migrate [--db FILE]",
    load: () => import("./migrate"),
  },
  {
    name: "demo",
    summary: "load the bundled demo cluster as a snapshot",
    usage: "rbac-atlas demo [--db FILE] [--if-empty]",
    load: () => import("./demo"),
  },
  {
    name: "serve",
    summary: "serve the dashboard (after `next build`)",
    usage: "rbac-atlas serve [--port 3000] [--host 127.0.0.1] [--db FILE]",
    load: () => import("./serve"),
  },
];

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((command) => command.name === name);
}
