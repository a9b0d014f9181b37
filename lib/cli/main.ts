import { AnalysisNotReadyError } from "@/lib/store/analysis-state";
import { StorageError } from "@/lib/store/storage-error";
import { ConfigError, EncodingError, InputTooLargeError } from "@/lib/ingest/limits";
import { UsageError } from "./args";
import { InputError } from "./input-error";
import { COMMANDS, findCommand } from "./commands/registry";
import { EXIT, processIO, type CliIO } from "./io";

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "rbac-atlas — Kubernetes RBAC analysis",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Usage:",
    ...COMMANDS.map((c) => `  ${c.usage}`),
    "",
    "Input: -f PATH (file, directory or -, repeatable; evaluated in memory) or --snapshot ID|latest [--db FILE].",
    "Output: -o json prints JSON alone on stdout; logs go to stderr.",
  ].join("\n");
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(helpText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = findCommand(name);
  if (!command) {
    io.err(`rbac-atlas: unknown command "${name}"\n\n${helpText()}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`usage: ${command.usage}`);
    return EXIT.ok;
  }
  try {
    const module = await command.load();
    return await module.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`rbac-atlas ${name}: ${error.message}\nusage: ${command.usage}`);
      return EXIT.usage;
    }
    if (
      error instanceof InputError ||
      error instanceof AnalysisNotReadyError ||
      error instanceof StorageError ||
      error instanceof ConfigError ||
      error instanceof EncodingError ||
      error instanceof InputTooLargeError
    ) {
      io.err(`rbac-atlas ${name}: ${error.message}`);
      return EXIT.usage;
    }
    io.err(`rbac-atlas ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.failure;
  }
}

/**
 * Runs the CLI for this process and sets its exit code. The package root (migrations, demo data) is
 * RBAC_ATLAS_ROOT, else the working directory; relative paths the user typed are relative to where
 * they typed them (INIT_CWD when `npm run` moved us to the package root).
 */
export function runProcess(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.env.RBAC_ATLAS_ROOT ??= process.cwd();
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  return main(argv, processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`rbac-atlas: ${String(error)}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}

// `tsx lib/cli/main.ts ...` (tests, development): run directly. The compiled bundle is started by
// bin/rbac-atlas.mjs, which calls runProcess itself.
if (/[\\/]lib[\\/]cli[\\/]main\.ts$/.test(process.argv[1] ?? "")) void runProcess();
