import { InputTooLargeError, readBounded } from "@/lib/ingest/limits";
import type { CliIO } from "./io";
import { main } from "./main";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output (the same code path as the binary). */
export async function runCli(argv: readonly string[], stdin: string | Buffer = ""): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    out: (text) => {
      stdout += text.endsWith("\n") ? text : `${text}\n`;
    },
    err: (text) => {
      stderr += text.endsWith("\n") ? text : `${text}\n`;
    },
    isTTY: false,
    readStdin: async (maxBytes) => {
      if (typeof stdin !== "string") return readBounded([stdin], maxBytes);
      if (Buffer.byteLength(stdin) > maxBytes) throw new InputTooLargeError(maxBytes);
      return stdin;
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
